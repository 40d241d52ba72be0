import { totalFromPage } from './page';

describe('totalFromPage', () => {
  const page = (offset: number, limit = 50) => ({ offset, limit });

  it('reads the total off a last page: shorter than its limit, at the start or with rows past it', () => {
    expect(totalFromPage(0, page(0))).toBe(0);
    expect(totalFromPage(1, page(0))).toBe(1);
    expect(totalFromPage(49, page(0))).toBe(49);
    expect(totalFromPage(7, page(100))).toBe(107);
  });

  it('leaves the count to the caller when more may follow or the offset may lie past the end', () => {
    expect(totalFromPage(50, page(0))).toBeUndefined();
    expect(totalFromPage(50, page(1000))).toBeUndefined();
    // An empty page after the start says nothing: 3 products and offset 100 must still report 3, not 100.
    expect(totalFromPage(0, page(100))).toBeUndefined();
  });
});

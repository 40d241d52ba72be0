import fc from 'fast-check';
import { addFlat, emptyRaw, FIGURE_KEYS, flatten, share } from './figures.model';
import { monthsOf, parsePeriod } from './period';

describe('periods', () => {
  it.each([
    ['2026-M03', 'month', '2026-03-01', '2026-03-31', 'Tháng 3/2026'],
    ['2024-M02', 'month', '2024-02-01', '2024-02-29', 'Tháng 2/2024'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31', 'Quý IV/2026'],
    ['2026-H1', 'half_year', '2026-01-01', '2026-06-30', '6 tháng đầu năm 2026'],
    ['2026', 'year', '2026-01-01', '2026-12-31', 'Năm 2026'],
  ])('%s is a %s from %s to %s', (key, type, start, end, label) => {
    expect(parsePeriod(key)).toEqual({ key, type, start, end, label });
  });

  it.each(['2026-M13', '2026-M00', '2026-Q5', '2026-H3', '1999', '26', '2026-M3', ''])('%s is no period', (key) => {
    expect(parsePeriod(key)).toBeNull();
  });

  it('a period covers its months', () => {
    expect(monthsOf(parsePeriod('2026-Q3')!)).toEqual(['2026-07-01', '2026-08-01', '2026-09-01']);
    expect(monthsOf(parsePeriod('2026')!)).toHaveLength(12);
  });
});

describe('figures', () => {
  it('flattens the raw figures into named counts', () => {
    const flat = flatten({
      ...emptyRaw(),
      productCounts: [
        { stage: 'certified', group: 'food', count: 2 },
        { stage: 'idea', group: 'tourism', count: 1 },
      ],
      certified: [{ stars: 4, group: 'food', count: 2 }],
      activity: { certificates_issued: { count: 2, amount: 0 }, promotion_sales_vnd: { count: 0, amount: 1_500_000 } },
      producers: { cooperative: 1, farm: 3 },
    });
    expect(flat).toEqual(
      expect.objectContaining({
        products_total: 3,
        products_stage_certified: 2,
        products_group_tourism: 1,
        certified_4_stars: 2,
        certificates_issued: 2,
        promotion_sales_vnd: 1_500_000,
        producers_total: 4,
        producers_farm: 3,
      }),
    );
    expect(Object.keys(flat)).toEqual([...FIGURE_KEYS]);
    expect(share(1, 3)).toBe(0.3333);
    expect(share(1, 0)).toBe(0);
  });

  it('sums children key by key (a unit is the sum of its children)', () => {
    const figure = fc.dictionary(fc.constantFrom(...FIGURE_KEYS), fc.nat(1_000));
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 8 }), (children) => {
        const zero = flatten(emptyRaw());
        const filled = children.map((child) => ({ ...zero, ...child }));
        const total = filled.reduce(addFlat, zero);
        for (const key of FIGURE_KEYS)
          expect(total[key]).toBe(filled.reduce((sum, child) => sum + (child[key] ?? 0), 0));
      }),
    );
  });
});

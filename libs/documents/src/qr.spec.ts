import { qrPng } from './qr';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height, bit depth and colour type from the IHDR chunk, which a PNG must have first. */
function ihdr(png: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.readUInt32BE(8)).toBe(13); // IHDR's data length
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colourType: png.readUInt8(25),
  };
}

describe('qrPng', () => {
  const url = 'https://ocop.example.vn/xac-thuc/213%2F2024%2FOCOP-0007';

  // Sizes whose module width is no whole number of pixels too (qrcode scales by width / modules). Big sizes
  // take seconds under jest (global look-ups in its sandbox), ~0.1 s in node: none here.
  it.each([49, 120, 151, 333])('draws a square PNG of %i px', async (size) => {
    const png = await qrPng(url, size);
    expect(ihdr(png)).toEqual({ width: size, height: size, bitDepth: 8, colourType: 6 });
    expect(png.subarray(-8, -4).toString('latin1')).toBe('IEND');
  });

  it('encodes the text: different texts, different images; the same text, the same image', async () => {
    const [a, b, c] = await Promise.all([qrPng(url, 200), qrPng(`${url}-x`, 200), qrPng(url, 200)]);
    expect(a.equals(b)).toBe(false);
    expect(a.equals(c)).toBe(true);
  });

  it('refuses sizes that cannot hold the code, and empty text', async () => {
    await expect(qrPng(url, 20)).rejects.toThrow(RangeError);
    await expect(qrPng(url, 100.5)).rejects.toThrow(RangeError);
    await expect(qrPng('', 200)).rejects.toThrow(RangeError);
  });
});

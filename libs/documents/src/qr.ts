import { create, toBuffer } from 'qrcode';

/** Quiet zone around the code, in modules (the standard asks for 4; 2 scans fine on a white page). */
const QUIET_ZONE = 2;

/**
 * A QR code as a PNG of exactly `sizePx` × `sizePx` pixels (quiet zone included), black on white, error
 * correction level M (≈ 15 % of the code may be damaged or covered), for embedding in PDFs.
 *
 * Throws a RangeError when the text needs more modules than `sizePx` has pixels.
 */
export async function qrPng(text: string, sizePx: number): Promise<Buffer> {
  if (text.length === 0) {
    throw new RangeError('a QR code needs some text');
  }
  if (!Number.isInteger(sizePx) || sizePx > 4096) {
    throw new RangeError(`QR code size must be an integer of at most 4096 pixels, got ${sizePx}`);
  }
  const modules = create(text, { errorCorrectionLevel: 'M' }).modules.size + 2 * QUIET_ZONE;
  if (sizePx < modules) {
    throw new RangeError(`a QR code of this text is ${modules} modules wide, more than ${sizePx} pixels`);
  }
  return toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: QUIET_ZONE,
    // qrcode scales by width / modules and floors width × scale, which float rounding can take one pixel
    // below `sizePx` (e.g. 49 / 49 × 49 < 49): half a pixel more keeps the floor on `sizePx`.
    width: sizePx + 0.5,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

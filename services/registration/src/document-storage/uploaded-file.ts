/** What multer (memory storage) gives for one uploaded file. */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Keeps the name readable (Vietnamese included) but drops path separators and control characters. */
export function safeFileName(name: string, fallback = 'document'): string {
  const cleaned = Buffer.from(name, 'latin1')
    .toString('utf8')
    .replace(/[\\/\u0000-\u001f]/g, '_')
    .trim();
  return cleaned.slice(-200) || fallback;
}

/** `attachment` or `inline` with the UTF-8 file name (RFC 6266). */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  return `${kind}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The Digest header of a stored file (RFC 3230): its SHA-256, base64. */
export function sha256Digest(sha256Hex: string): string {
  return `sha-256=${Buffer.from(sha256Hex, 'hex').toString('base64')}`;
}

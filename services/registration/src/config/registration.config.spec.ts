import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig } from '@ocop/nest-common';
import { RegistrationConfig } from './registration.config';

const base = { JWT_SECRET: 'x'.repeat(40) };

function problems(env: Record<string, string>): string {
  try {
    loadConfig(RegistrationConfig, { ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

describe('RegistrationConfig', () => {
  it('defaults to local storage and the documented limits', () => {
    const config = loadConfig(RegistrationConfig, base);
    expect(config).toEqual(
      expect.objectContaining({
        DOCUMENT_STORAGE: 'local',
        S3_FORCE_PATH_STYLE: false,
        PHOTO_MAX_BYTES: 5 * 1024 * 1024,
        PRODUCT_PHOTOS_MAX: 10,
        RE_EVALUATION_WINDOW_MONTHS: 6,
      }),
    );
  });

  it('needs a bucket for S3, and both keys or neither', () => {
    expect(problems({ DOCUMENT_STORAGE: 's3' })).toContain('S3_BUCKET');
    expect(problems({ DOCUMENT_STORAGE: 's3', S3_BUCKET: 'ocop-docs', S3_ACCESS_KEY_ID: 'AKIA1' })).toContain(
      'S3_SECRET_ACCESS_KEY',
    );
    expect(problems({ DOCUMENT_STORAGE: 'ftp' })).toContain('DOCUMENT_STORAGE');
    expect(problems({ DOCUMENT_STORAGE: 's3', S3_BUCKET: 'ocop-docs' })).toBe('');
  });

  it('reads the path-style flag as a boolean, and the secret from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 's3-secret'), 'very-secret-key\n');
    const config = loadConfig(RegistrationConfig, {
      ...base,
      DOCUMENT_STORAGE: 's3',
      S3_BUCKET: 'ocop-docs',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_FORCE_PATH_STYLE: 'false',
      S3_ACCESS_KEY_ID: 'ocop',
      S3_SECRET_ACCESS_KEY_FILE: join(dir, 's3-secret'),
    });
    expect(config.S3_FORCE_PATH_STYLE).toBe(false);
    expect(config.S3_SECRET_ACCESS_KEY).toBe('very-secret-key');
    expect(loadConfig(RegistrationConfig, { ...base, S3_FORCE_PATH_STYLE: 'true' }).S3_FORCE_PATH_STYLE).toBe(true);
    const bad = problems({ S3_FORCE_PATH_STYLE: 'maybe', S3_SECRET_ACCESS_KEY: 'hunter2', S3_ACCESS_KEY_ID: 'k' });
    expect(bad).toContain('S3_FORCE_PATH_STYLE');
    expect(bad).not.toContain('hunter2');
  });
});

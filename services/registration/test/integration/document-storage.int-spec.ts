import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { loadConfig } from '@ocop/nest-common';
import { RegistrationConfig } from '../../src/config/registration.config';
import {
  DocumentStorage,
  LocalDiskStorage,
  sha256,
  StoredObjectNotFound,
} from '../../src/document-storage/document-storage';
import { documentStorageFor } from '../../src/document-storage/document-storage.module';
import { S3DocumentStorage } from '../../src/document-storage/s3-document-storage';
import { TestS3Server } from './test-s3-server';

jest.setTimeout(60_000);

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The DocumentStorage contract, the same for every implementation. */
describe.each(['local', 's3'] as const)('document storage: %s', (kind) => {
  let storage: DocumentStorage;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'local') {
      const dir = mkdtempSync(join(tmpdir(), 'ocop-storage-'));
      storage = new LocalDiskStorage(dir);
      cleanUp = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const server = await TestS3Server.start();
      const bucket = await server.createBucket();
      const config = loadConfig(RegistrationConfig, { JWT_SECRET: 'x'.repeat(40), ...server.env(bucket) });
      storage = documentStorageFor(config);
      expect(storage).toBeInstanceOf(S3DocumentStorage);
      cleanUp = async () => {
        (storage as S3DocumentStorage).destroy();
        await server.stop();
      };
    }
  });

  afterAll(async () => {
    await cleanUp();
  });

  it('stores, reads back, replaces and removes content under a key, with its SHA-256', async () => {
    const key = 'a1b2c3/0f9e8d7c-0000-4000-8000-000000000001';
    const content = Buffer.from('%PDF-1.4\n% Phiếu đăng ký\n%%EOF\n', 'utf8');
    const stored = await storage.put(key, content);
    expect(stored).toEqual({ key, sizeBytes: content.length, sha256: sha256(content) });
    expect(Buffer.compare(await read(await storage.open(key)), content)).toBe(0);

    const replacement = Buffer.alloc(256 * 1024, 0x5a);
    await storage.put(key, replacement);
    expect(Buffer.compare(await read(await storage.open(key)), replacement)).toBe(0);

    await storage.remove(key);
    await expect(storage.open(key)).rejects.toBeInstanceOf(StoredObjectNotFound);
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it('refuses keys that are not the service’s own shape', async () => {
    for (const key of ['../etc/passwd', '/absolute', 'a//b', 'a/../b', 'space here', '']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
    }
  });
});

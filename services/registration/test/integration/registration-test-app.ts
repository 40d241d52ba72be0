import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startServiceTestApp, type ServiceTestApp } from '@ocop/testing';
import type { DocumentStorageKind } from '../../src/config/registration.config';
import { registrationDataSource } from '../../src/database/data-source';
import { TestS3Server } from './test-s3-server';

export interface RegistrationTestApp extends ServiceTestApp {
  /** Which document storage the app runs with. */
  storage: DocumentStorageKind;
  /** Where the app stores dossier documents with local storage (removed on close). */
  storageDir: string;
  /** Keys of the stored documents and photos under a prefix (`<productId>/`, `photos/<productId>/`, …). */
  storedKeys(prefix: string): Promise<string[]>;
}

/**
 * The registration API in this process, on a migrated database of its own and a NATS server of its own,
 * with documents on local disk or (`storage: 's3'`) in a bucket of a private S3-compatible server.
 */
export async function startRegistrationTestApp(
  label: string,
  env: Record<string, string> = {},
  options: { storage?: DocumentStorageKind } = {},
): Promise<RegistrationTestApp> {
  const storage = options.storage ?? 'local';
  const storageDir = mkdtempSync(join(tmpdir(), 'ocop-documents-'));
  const s3 = storage === 's3' ? await TestS3Server.start() : undefined;
  const bucket = s3 ? await s3.createBucket() : undefined;
  const started = await startServiceTestApp({
    label: `${label}_${storage}`,
    schema: 'registration',
    dataSource: registrationDataSource,
    loadModule: async () => (await import('../../src/app.module')).RegistrationApiModule,
    env: {
      DOCUMENT_STORAGE: 'local',
      DOCUMENT_STORAGE_DIR: storageDir,
      ...(s3 && bucket ? s3.env(bucket) : {}),
      ...env,
    },
  }).catch(async (error: unknown) => {
    // The app did not start, so no afterAll will close it: stop the S3 server here.
    await s3?.stop();
    rmSync(storageDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...started,
    storage,
    storageDir,
    storedKeys: async (prefix) => (s3 && bucket ? s3.keys(bucket, prefix) : localKeys(storageDir, prefix)),
    close: async () => {
      await started.close();
      await s3?.stop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

function localKeys(root: string, prefix: string): string[] {
  const dir = join(root, prefix);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

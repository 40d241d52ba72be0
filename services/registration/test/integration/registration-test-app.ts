import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceTestApp, type ServiceTestApp } from '@ocop/testing';
import { registrationDataSource } from '../../src/database/data-source';

export interface RegistrationTestApp extends ServiceTestApp {
  /** Where the app stores dossier documents (removed on close). */
  storageDir: string;
}

/** The registration API in this process, on a migrated database of its own and a NATS server of its own. */
export async function startRegistrationTestApp(
  label: string,
  env: Record<string, string> = {},
): Promise<RegistrationTestApp> {
  const storageDir = mkdtempSync(join(tmpdir(), 'ocop-documents-'));
  const started = await startServiceTestApp({
    label,
    schema: 'registration',
    dataSource: registrationDataSource,
    loadModule: async () => (await import('../../src/app.module')).RegistrationApiModule,
    env: { DOCUMENT_STORAGE_DIR: storageDir, ...env },
  });
  return {
    ...started,
    storageDir,
    close: async () => {
      await started.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

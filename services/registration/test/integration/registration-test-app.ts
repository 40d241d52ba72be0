import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { migrateDatabase, startHttpApp, TestDatabase, TestNatsServer, TEMPORAL_ADDRESS } from '@ocop/testing';
import { registrationDataSource } from '../../src/database/data-source';

export interface RegistrationTestApp {
  db: TestDatabase;
  nats: TestNatsServer;
  app: INestApplication;
  /** Where the app stores dossier documents (removed on close). */
  storageDir: string;
  close(): Promise<void>;
}

/** The registration API in this process, on a migrated database of its own and a NATS server of its own. */
export async function startRegistrationTestApp(
  label: string,
  env: Record<string, string> = {},
): Promise<RegistrationTestApp> {
  const db = await TestDatabase.create(label);
  await migrateDatabase(registrationDataSource, 'registration', db.url);
  const nats = await TestNatsServer.start();
  const storageDir = mkdtempSync(join(tmpdir(), 'ocop-documents-'));
  const { app } = await startHttpApp(async () => (await import('../../src/app.module')).RegistrationApiModule, {
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    TEMPORAL_ADDRESS,
    DOCUMENT_STORAGE_DIR: storageDir,
    ...env,
  });
  return {
    db,
    nats,
    app,
    storageDir,
    close: async () => {
      await app.close();
      await nats.stop();
      await db.drop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

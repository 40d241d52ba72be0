import type { INestApplication, Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createHttpApp, mintLocalToken, type MintTokenInput } from '@ocop/nest-common';
import { migrateDatabase, TestDatabase } from './database';
import { TestNatsServer } from './nats-server';
import { TEMPORAL_ADDRESS } from './temporal';

export const TEST_JWT_SECRET = 'test-secret-for-integration-suites-only-0123456789';

/**
 * Runs a service's API module in this process, with the given environment (read when the module is
 * imported, so `loadModule` must import it lazily), listening on an ephemeral port.
 */
export async function startHttpApp(
  loadModule: () => Promise<Type<unknown>>,
  env: Record<string, string>,
): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, { JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'error', ...env });
  const app = await createHttpApp(await loadModule(), { title: 'test', description: 'test' });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export function testToken(input: Omit<MintTokenInput, 'secret' | 'subject'> & { subject?: string }): Promise<string> {
  return mintLocalToken({
    secret: TEST_JWT_SECRET,
    subject: input.subject ?? `test-${input.roles.join('-')}`,
    ...input,
  });
}

export interface ServiceTestApp {
  db: TestDatabase;
  nats: TestNatsServer;
  app: INestApplication;
  close(): Promise<void>;
}

/**
 * A service's API in this process on a migrated database and a NATS server of its own: the usual set-up
 * of a service's integration suite.
 */
export async function startServiceTestApp(options: {
  label: string;
  schema: string;
  dataSource: (url?: string) => DataSource;
  loadModule: () => Promise<Type<unknown>>;
  env?: Record<string, string>;
}): Promise<ServiceTestApp> {
  const db = await TestDatabase.create(options.label);
  await migrateDatabase(options.dataSource, options.schema, db.url);
  const nats = await TestNatsServer.start();
  const { app } = await startHttpApp(options.loadModule, {
    DATABASE_URL: db.url,
    NATS_URL: nats.url,
    TEMPORAL_ADDRESS,
    ...options.env,
  });
  return {
    db,
    nats,
    app,
    close: async () => {
      await app.close();
      await nats.stop();
      await db.drop();
    },
  };
}

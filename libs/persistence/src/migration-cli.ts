import type { DataSource } from 'typeorm';
import { ensureSchema, migrate } from './schema';

/** `node dist/migrate.js`: applies the service's pending migrations, saying what it does. */
export async function runMigrationCli(createDataSource: () => DataSource, schema: string): Promise<void> {
  const started = Date.now();
  const dataSource = createDataSource();
  try {
    process.stdout.write(`[migrate] ${schema}: connecting… `);
    await dataSource.initialize();
    await ensureSchema(dataSource, schema);
    const pending = await dataSource.showMigrations();
    process.stdout.write(pending ? 'applying pending migrations…\n' : 'up to date\n');
    const applied = await migrate(dataSource, schema);
    for (const name of applied) console.log(`[migrate] ${schema}: applied ${name}`);
    console.log(`[migrate] ${schema}: done in ${Date.now() - started} ms`);
  } catch (error) {
    console.error(`\n[migrate] ${schema}: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

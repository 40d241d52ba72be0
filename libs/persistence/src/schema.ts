import type { DataSource } from 'typeorm';

/** Creates the service's schema if missing, so its first migration can run on an empty database. */
export async function ensureSchema(dataSource: DataSource, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
}

/** Runs pending migrations of the service and returns their names. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  await ensureSchema(dataSource, schema);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

/**
 * The SQL TypeORM would still need to make the database match the entities after all migrations ran.
 * Empty means every entity change has its migration.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

import { Client } from 'pg';
import { uniqueSuffix } from './tools';

export const BASE_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/ocop';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database on the configured PostgreSQL server, for one suite. */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(label: string): Promise<TestDatabase> {
    const name = `ocop_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${uniqueSuffix()}`;
    await admin(`CREATE DATABASE "${name}"`);
    return new TestDatabase(name, withDatabase(BASE_DATABASE_URL, name));
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await admin(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
  }
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(BASE_DATABASE_URL, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs a service's migrations on a database (the way `dist/migrate.js` does). */
export async function migrateDatabase(
  factory: (url?: string) => import('typeorm').DataSource,
  schema: string,
  url: string,
): Promise<void> {
  const { migrate } = await import('@ocop/persistence');
  const dataSource = factory(url);
  await dataSource.initialize();
  try {
    await migrate(dataSource, schema);
  } finally {
    await dataSource.destroy();
  }
}

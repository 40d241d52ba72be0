import type { DataSource } from 'typeorm';
import { migrate, pendingSchemaChanges } from '@ocop/persistence';
import { TestDatabase } from '@ocop/testing';
import { evaluationDataSource } from '../../services/evaluation/src/database/data-source';
import { promotionDataSource } from '../../services/promotion/src/database/data-source';
import { registrationDataSource } from '../../services/registration/src/database/data-source';
import { reportingDataSource } from '../../services/reporting/src/database/data-source';

jest.setTimeout(60_000);

/**
 * Every service's migrations, run on an empty database, give exactly the schema its entities describe.
 * An entity change without its migration fails here with the SQL that is missing
 * (`npm run migration:generate -- <service> <Name>` writes it).
 */
describe.each([
  ['registration', registrationDataSource],
  ['evaluation', evaluationDataSource],
  ['promotion', promotionDataSource],
  ['reporting', reportingDataSource],
] as const)('%s migrations', (schema, factory: (url?: string) => DataSource) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.create(`migrations_${schema}`);
    dataSource = factory(db.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('cover every entity, and a second run applies nothing', async () => {
    const applied = await migrate(dataSource, schema);
    expect(applied.length).toBeGreaterThan(0);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    expect(await migrate(dataSource, schema)).toEqual([]);
  });

  it('create the indexes TypeORM cannot manage (declared with synchronize: false)', async () => {
    const declared = dataSource.entityMetadatas.flatMap((entity) =>
      entity.indices.filter((index) => !index.synchronize).map((index) => index.name),
    );
    const existing = await db.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [
      schema,
    ]);
    const names = new Set(existing.map((row) => row.indexname));
    expect(declared.filter((name) => !names.has(name))).toEqual([]);
  });

  it('can be reverted to an empty schema', async () => {
    for (let i = 0; i < dataSource.migrations.length; i += 1)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations'`,
      [schema],
    );
    expect(tables).toEqual([]);
  });
});

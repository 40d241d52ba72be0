import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { InboxEventEntity } from './inbox-event.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
type EntityList = MixedList<Function | string>;

export interface ServiceDataSourceInput {
  /** Postgres schema owned by the service; every table of the service lives in it. */
  schema: string;
  url: string;
  entities: EntityList;
  migrations: EntityList;
  /** Connection pool size. */
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one way a service describes its database: shared by Nest (TypeOrmModule), the TypeORM CLI and
 * the migration drift check. `synchronize` is always off; migrations own the schema.
 */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  const entities = [...(Array.isArray(input.entities) ? input.entities : Object.values(input.entities))];
  return {
    type: 'postgres',
    url: input.url,
    schema: input.schema,
    entities: [...entities, OutboxEventEntity, InboxEventEntity],
    migrations: input.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    applicationName: input.applicationName ?? input.schema,
    extra: { max: input.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  };
}

/** A factory for the service's DataSource, used by its migrate command, the TypeORM CLI and the drift check. */
export function serviceDataSourceFactory(input: Omit<ServiceDataSourceInput, 'url'>): (url?: string) => DataSource {
  return (url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/ocop') =>
    new DataSource(serviceDataSourceOptions({ ...input, url }));
}

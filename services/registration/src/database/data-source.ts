import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { REGISTRATION } from '../service-identity';
import { REGISTRATION_ENTITIES } from './entities';

import { REGISTRATION_MIGRATIONS } from './migrations';

/** The service's database as the TypeORM CLI, the migrate command and the drift check see it. */
export function registrationDataSource(
  url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ocop',
): DataSource {
  return new DataSource(
    serviceDataSourceOptions({
      schema: REGISTRATION.schema,
      url,
      entities: REGISTRATION_ENTITIES,
      migrations: REGISTRATION_MIGRATIONS,
    }),
  );
}

export default registrationDataSource();

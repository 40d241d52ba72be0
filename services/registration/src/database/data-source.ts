import { serviceDataSourceFactory } from '@ocop/persistence';
import { REGISTRATION } from '../service-identity';
import { REGISTRATION_ENTITIES } from './entities';
import { REGISTRATION_MIGRATIONS } from './migrations';

export const registrationDataSource = serviceDataSourceFactory({
  schema: REGISTRATION.schema,
  entities: REGISTRATION_ENTITIES,
  migrations: REGISTRATION_MIGRATIONS,
});

/** For the TypeORM CLI (migration:generate). */
export default registrationDataSource();

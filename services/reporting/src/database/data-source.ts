import { serviceDataSourceFactory } from '@ocop/persistence';
import { REPORTING } from '../service-identity';
import { REPORTING_ENTITIES } from './entities';
import { REPORTING_MIGRATIONS } from './migrations';

export const reportingDataSource = serviceDataSourceFactory({
  schema: REPORTING.schema,
  entities: REPORTING_ENTITIES,
  migrations: REPORTING_MIGRATIONS,
});

/** For the TypeORM CLI (migration:generate). */
export default reportingDataSource();

import { serviceDataSourceFactory } from '@ocop/persistence';
import { EVALUATION } from '../service-identity';
import { EVALUATION_ENTITIES } from './entities';
import { EVALUATION_MIGRATIONS } from './migrations';

export const evaluationDataSource = serviceDataSourceFactory({
  schema: EVALUATION.schema,
  entities: EVALUATION_ENTITIES,
  migrations: EVALUATION_MIGRATIONS,
});

/** For the TypeORM CLI (migration:generate). */
export default evaluationDataSource();

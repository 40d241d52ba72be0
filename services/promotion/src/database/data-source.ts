import { serviceDataSourceFactory } from '@ocop/persistence';
import { PROMOTION } from '../service-identity';
import { PROMOTION_ENTITIES } from './entities';
import { PROMOTION_MIGRATIONS } from './migrations';

export const promotionDataSource = serviceDataSourceFactory({
  schema: PROMOTION.schema,
  entities: PROMOTION_ENTITIES,
  migrations: PROMOTION_MIGRATIONS,
});

/** For the TypeORM CLI (migration:generate). */
export default promotionDataSource();

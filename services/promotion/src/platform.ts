import type { PlatformModuleOptions } from '@ocop/nest-common';
import { PromotionConfig } from './config/promotion.config';
import { PROMOTION_ENTITIES } from './database/entities';
import { PROMOTION_MIGRATIONS } from './database/migrations';
import { PROMOTION } from './service-identity';

/** What the API and the worker of promotion share; each adds its role. */
export const PROMOTION_PLATFORM = {
  identity: PROMOTION,
  config: PromotionConfig,
  entities: PROMOTION_ENTITIES,
  migrations: PROMOTION_MIGRATIONS,
} satisfies Omit<PlatformModuleOptions<PromotionConfig>, 'role'>;

import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { PromotionConfig } from './config/promotion.config';
import { PROMOTION_ENTITIES } from './database/entities';
import { PROMOTION_MIGRATIONS } from './database/migrations';
import { PROMOTION } from './service-identity';

@Module({
  imports: [
    PlatformModule.forRoot({
      identity: PROMOTION,
      config: PromotionConfig,
      entities: PROMOTION_ENTITIES,
      migrations: PROMOTION_MIGRATIONS,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
  ],
})
export class PromotionApiModule {}

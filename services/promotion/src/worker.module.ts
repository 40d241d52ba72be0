import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
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
      role: 'worker',
    }),
    TemporalWorkerModule.register({ taskQueue: TaskQueues.promotion }),
  ],
})
export class PromotionWorkerModule {}

import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { PROMOTION_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...PROMOTION_PLATFORM,
      role: 'worker',
    }),
    TemporalWorkerModule.register({ taskQueue: TaskQueues.promotion }),
  ],
})
export class PromotionWorkerModule {}

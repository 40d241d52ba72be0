import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { ProductActivities } from './product/product.activities';
import { REGISTRATION_PLATFORM } from './platform';

@Module({ providers: [ProductActivities], exports: [ProductActivities] })
class RegistrationActivitiesModule {}

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REGISTRATION_PLATFORM,
      role: 'worker',
    }),
    TemporalWorkerModule.register({
      taskQueue: TaskQueues.registration,
      imports: [RegistrationActivitiesModule],
      activities: ProductActivities,
    }),
  ],
})
export class RegistrationWorkerModule {}

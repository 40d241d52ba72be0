import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { RegistrationConfig } from './config/registration.config';
import { REGISTRATION_ENTITIES } from './database/entities';
import { REGISTRATION_MIGRATIONS } from './database/migrations';
import { ProductActivities } from './product/product.activities';
import { REGISTRATION } from './service-identity';

@Module({ providers: [ProductActivities], exports: [ProductActivities] })
class RegistrationActivitiesModule {}

@Module({
  imports: [
    PlatformModule.forRoot({
      identity: REGISTRATION,
      config: RegistrationConfig,
      entities: REGISTRATION_ENTITIES,
      migrations: REGISTRATION_MIGRATIONS,
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

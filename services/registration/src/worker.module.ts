import { Injectable, Module } from '@nestjs/common';
import { TaskQueues, type RegistrationCycleActivities, type RegistrationProductActivities } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { CycleActivities } from './cycle-calendar/cycle.activities';
import { ProductActivities } from './product/product.activities';
import { REGISTRATION_PLATFORM } from './platform';

/** Every activity registration's worker runs for the workflows. */
@Injectable()
class RegistrationActivities {
  constructor(
    private readonly products: ProductActivities,
    private readonly cycles: CycleActivities,
  ) {}

  activities(): RegistrationProductActivities & RegistrationCycleActivities {
    return { ...this.products.activities(), ...this.cycles.activities() };
  }
}

@Module({
  providers: [ProductActivities, CycleActivities, RegistrationActivities],
  exports: [RegistrationActivities],
})
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
      activities: RegistrationActivities,
    }),
  ],
})
export class RegistrationWorkerModule {}

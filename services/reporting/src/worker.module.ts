import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { ReportingCoreModule } from './core.module';
import { REPORTING_PLATFORM } from './platform';
import { ReportingActivitiesService } from './schedule/reporting.activities';

@Module({
  imports: [ReportingCoreModule],
  providers: [ReportingActivitiesService],
  exports: [ReportingActivitiesService],
})
class ReportingActivitiesModule {}

/**
 * Hosts the reporting workflows (the obligations' schedule runs and one workflow per obligation and period)
 * on reporting's queue, with their activities: opening periods, reminders, escalation.
 */
@Module({
  imports: [
    PlatformModule.forRoot({
      ...REPORTING_PLATFORM,
      role: 'worker',
    }),
    TemporalWorkerModule.register({
      taskQueue: TaskQueues.reporting,
      hostWorkflows: true,
      imports: [ReportingActivitiesModule],
      activities: ReportingActivitiesService,
    }),
  ],
})
export class ReportingWorkerModule {}

import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { REPORTING_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REPORTING_PLATFORM,
      role: 'worker',
    }),
    TemporalWorkerModule.register({ taskQueue: TaskQueues.reporting }),
  ],
})
export class ReportingWorkerModule {}

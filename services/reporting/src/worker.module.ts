import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { ReportingConfig } from './config/reporting.config';
import { REPORTING_ENTITIES } from './database/entities';
import { REPORTING_MIGRATIONS } from './database/migrations';
import { REPORTING } from './service-identity';

@Module({
  imports: [
    PlatformModule.forRoot({
      identity: REPORTING,
      config: ReportingConfig,
      entities: REPORTING_ENTITIES,
      migrations: REPORTING_MIGRATIONS,
      role: 'worker',
    }),
    TemporalWorkerModule.register({ taskQueue: TaskQueues.reporting }),
  ],
})
export class ReportingWorkerModule {}

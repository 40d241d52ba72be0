import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { CertificateLifecycleService } from './certificate/certificate-lifecycle.service';
import { EVALUATION_PLATFORM } from './platform';

@Module({ providers: [CertificateLifecycleService], exports: [CertificateLifecycleService] })
class EvaluationActivitiesModule {}

/** Hosts the product lifecycle workflows and evaluation's activities (certificate reminders and expiry). */
@Module({
  imports: [
    PlatformModule.forRoot({
      ...EVALUATION_PLATFORM,
      role: 'worker',
    }),
    TemporalWorkerModule.register({
      taskQueue: TaskQueues.evaluation,
      hostWorkflows: true,
      imports: [EvaluationActivitiesModule],
      activities: CertificateLifecycleService,
    }),
  ],
})
export class EvaluationWorkerModule {}

import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { CertificateLifecycleService } from './certificate/certificate-lifecycle.service';
import { EvaluationActivities } from './evaluation.activities';
import { EVALUATION_PLATFORM } from './platform';
import { RegulationCatalog } from './regulation/regulation.catalog';
import { RankingService } from './round/ranking.service';
import { RoundActivities } from './round/round.activities';
import { RoundPhaseService } from './round/round-phase.service';

@Module({
  providers: [
    RegulationCatalog,
    RankingService,
    RoundPhaseService,
    RoundActivities,
    CertificateLifecycleService,
    EvaluationActivities,
  ],
  exports: [EvaluationActivities],
})
class EvaluationActivitiesModule {}

/** Hosts the product and round workflows and evaluation's activities (certificate and round timers). */
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
      activities: EvaluationActivities,
    }),
  ],
})
export class EvaluationWorkerModule {}

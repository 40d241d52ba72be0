import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { EvaluationConfig } from './config/evaluation.config';
import { EVALUATION_ENTITIES } from './database/entities';
import { EVALUATION_MIGRATIONS } from './database/migrations';
import { EVALUATION } from './service-identity';

/** Hosts the product lifecycle workflows; evaluation's activities join as rounds and scoring arrive. */
@Module({
  imports: [
    PlatformModule.forRoot({
      identity: EVALUATION,
      config: EvaluationConfig,
      entities: EVALUATION_ENTITIES,
      migrations: EVALUATION_MIGRATIONS,
      role: 'worker',
    }),
    TemporalWorkerModule.register({ taskQueue: TaskQueues.evaluation, hostWorkflows: true }),
  ],
})
export class EvaluationWorkerModule {}

import { Module } from '@nestjs/common';
import { TaskQueues } from '@ocop/contracts';
import { PlatformModule, TemporalWorkerModule } from '@ocop/nest-common';
import { EVALUATION_PLATFORM } from './platform';

/** Hosts the product lifecycle workflows; evaluation's activities join as rounds and scoring arrive. */
@Module({
  imports: [
    PlatformModule.forRoot({
      ...EVALUATION_PLATFORM,
      role: 'worker',
    }),
    TemporalWorkerModule.register({ taskQueue: TaskQueues.evaluation, hostWorkflows: true }),
  ],
})
export class EvaluationWorkerModule {}

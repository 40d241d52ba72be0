import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditLogModule, PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { EvaluationConfig } from './config/evaluation.config';
import { CouncilModule } from './council/council.module';
import { CriteriaSetModule } from './criteria-set/criteria-set.module';
import { DecisionModule } from './decision/decision.module';
import { EVALUATION_PLATFORM } from './platform';
import { ProductIntakeModule } from './product-intake/product-intake.module';
import { RegulationModule } from './regulation/regulation.module';
import { RoundModule } from './round/round.module';
import { ScorecardModule } from './scorecard/scorecard.module';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...EVALUATION_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    AuditLogModule,
    // Only the public certificate lookup uses the guard (per client address, in this process's memory).
    ThrottlerModule.forRootAsync({
      inject: [EvaluationConfig],
      useFactory: (config: EvaluationConfig) => [{ ttl: 60_000, limit: config.PUBLIC_VERIFY_RATE_PER_MINUTE }],
    }),
    ProductIntakeModule,
    RegulationModule,
    CouncilModule,
    CriteriaSetModule,
    RoundModule,
    ScorecardModule,
    DecisionModule,
  ],
})
export class EvaluationApiModule {}

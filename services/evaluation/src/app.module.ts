import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { EvaluationConfig } from './config/evaluation.config';
import { EVALUATION_ENTITIES } from './database/entities';
import { EVALUATION_MIGRATIONS } from './database/migrations';
import { ProductIntakeModule } from './product-intake/product-intake.module';
import { EVALUATION } from './service-identity';

@Module({
  imports: [
    PlatformModule.forRoot({
      identity: EVALUATION,
      config: EvaluationConfig,
      entities: EVALUATION_ENTITIES,
      migrations: EVALUATION_MIGRATIONS,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    ProductIntakeModule,
  ],
})
export class EvaluationApiModule {}

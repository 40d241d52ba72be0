import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { ProductIntakeModule } from './product-intake/product-intake.module';
import { RegulationModule } from './regulation/regulation.module';
import { CouncilModule } from './council/council.module';
import { EVALUATION_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...EVALUATION_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    ProductIntakeModule,
    RegulationModule,
    CouncilModule,
  ],
})
export class EvaluationApiModule {}

import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { ObligationModule } from './obligation/obligation.module';
import { REPORTING_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REPORTING_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    ObligationModule,
  ],
})
export class ReportingApiModule {}

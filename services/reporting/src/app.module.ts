import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { REPORTING_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REPORTING_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
  ],
})
export class ReportingApiModule {}

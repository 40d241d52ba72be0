import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
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
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
  ],
})
export class ReportingApiModule {}

import type { PlatformModuleOptions } from '@ocop/nest-common';
import { ReportingConfig } from './config/reporting.config';
import { REPORTING_ENTITIES } from './database/entities';
import { REPORTING_MIGRATIONS } from './database/migrations';
import { REPORTING } from './service-identity';

/** What the API and the worker of reporting share; each adds its role. */
export const REPORTING_PLATFORM = {
  identity: REPORTING,
  config: ReportingConfig,
  entities: REPORTING_ENTITIES,
  migrations: REPORTING_MIGRATIONS,
} satisfies Omit<PlatformModuleOptions<ReportingConfig>, 'role'>;

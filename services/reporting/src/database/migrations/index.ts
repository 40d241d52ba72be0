import { ReportingInit1795381004563 } from './1795381004563-ReportingInit';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const REPORTING_MIGRATIONS = [ReportingInit1795381004563];

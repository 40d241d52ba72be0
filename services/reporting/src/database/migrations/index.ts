import { ReportingInit1795381004563 } from './1795381004563-ReportingInit';
import { ReadModelsReportsPlans1795393235529 } from './1795393235529-ReadModelsReportsPlans';
import { LoadReportUnits1795393300000 } from './1795393300000-LoadReportUnits';
import { AuditLogScope1795399900000 } from './1795399900000-AuditLogScope';
import { PlansInDatabase1795401136947 } from './1795401136947-PlansInDatabase';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const REPORTING_MIGRATIONS = [
  ReportingInit1795381004563,
  ReadModelsReportsPlans1795393235529,
  LoadReportUnits1795393300000,
  AuditLogScope1795399900000,
  PlansInDatabase1795401136947,
];

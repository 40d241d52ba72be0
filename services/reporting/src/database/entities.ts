import { ChangeRecordEntity } from '@ocop/persistence';
import { NotificationEntity, UnitContactEntity } from '../notification/notification.entity';
import { PlanActualEntity } from '../plan/plan-actual.entity';
import { PlanEntity } from '../plan/plan.entity';
import { ALL_READ_MODEL_ENTITIES } from '../read-model/read-model.entities';
import { ReportEntity, ReportPeriodEntity } from '../submission/report.entity';
import { ReportUnitEntity } from '../unit/report-unit.entity';

/** The service's own entities (the outbox and inbox are added by the platform). */
export const REPORTING_ENTITIES = [
  ReportUnitEntity,
  ...ALL_READ_MODEL_ENTITIES,
  ReportEntity,
  ReportPeriodEntity,
  PlanEntity,
  PlanActualEntity,
  NotificationEntity,
  UnitContactEntity,
  ChangeRecordEntity,
];

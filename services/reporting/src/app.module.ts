import { Module } from '@nestjs/common';
import { AuditLogModule, PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { ReportingCoreModule } from './core.module';
import { FiguresController } from './figures/figures.controller';
import { FiguresService } from './figures/figures.service';
import { ReportDocumentService } from './figures/report-document.service';
import { NotificationController } from './notification/notification.controller';
import { NotificationDeliveryLoop } from './notification/notification-delivery.loop';
import { NotificationDelivery } from './notification/notification.service';
import { ReminderEventProjections } from './notification/reminder-events.projections';
import { ObligationModule } from './obligation/obligation.module';
import { PlanController } from './plan/plan.controller';
import { PlanEditor } from './plan/plan-editor.service';
import { PlanService } from './plan/plan.service';
import { REPORTING_PLATFORM } from './platform';
import { AdminController } from './read-model/admin.controller';
import { EvaluationProjections } from './read-model/evaluation.projections';
import { PromotionProjections } from './read-model/promotion.projections';
import { ReadModelConsumer } from './read-model/read-model.consumer';
import { RegistrationProjections } from './read-model/registration.projections';
import { ReportingScheduleService } from './schedule/schedule.service';
import { ReportController } from './submission/report.controller';
import { ReportService } from './submission/report.service';

/** Read models, figures, plans, reports up the hierarchy, notifications, and the operators' actions. */
@Module({
  imports: [ReportingCoreModule],
  controllers: [FiguresController, ReportController, PlanController, NotificationController, AdminController],
  providers: [
    RegistrationProjections,
    EvaluationProjections,
    PromotionProjections,
    ReminderEventProjections,
    ReadModelConsumer,
    FiguresService,
    ReportDocumentService,
    PlanService,
    PlanEditor,
    ReportService,
    NotificationDelivery,
    NotificationDeliveryLoop,
    ReportingScheduleService,
  ],
  exports: [ReadModelConsumer, NotificationDelivery],
})
export class ReportingFeaturesModule {}

@Module({
  imports: [
    PlatformModule.forRoot({
      ...REPORTING_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    AuditLogModule,
    ObligationModule,
    ReportingFeaturesModule,
  ],
})
export class ReportingApiModule {}

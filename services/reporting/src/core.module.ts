import { Module } from '@nestjs/common';
import { NotificationService } from './notification/notification.service';
import { ObligationService } from './obligation/obligation.service';
import { UnitDirectory } from './unit/unit-directory.service';

/** What the API and the worker both use: the 2025 units, the obligations, the notification inbox. */
@Module({
  providers: [UnitDirectory, ObligationService, NotificationService],
  exports: [UnitDirectory, ObligationService, NotificationService],
})
export class ReportingCoreModule {}

import { Global, Module } from '@nestjs/common';
import { AccessLog } from './access-log';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';

/**
 * A service API's audit log: `GET /api/v1/audit-log` over its `change_record`, and `AccessLog`, through which
 * its exports and downloads are logged (global, so any feature module injects it). Imported once by each
 * service's API module; the service's entities must include ChangeRecordEntity.
 */
@Global()
@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService, AccessLog],
  exports: [AccessLog],
})
export class AuditLogModule {}

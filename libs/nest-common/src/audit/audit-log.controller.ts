import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ErrorResponse } from '../errors/error-response';
import { AuditLogQuery, ChangeRecordPage, ChangeRecordView } from './audit-log.dto';
import { AuditLogService } from './audit-log.service';

/** Who reads a service's audit log: auditors and admins, and officers over their own unit's subtree. */
export const AUDIT_LOG_READERS = [
  'commune_officer',
  'district_officer',
  'province_officer',
  'ministry_officer',
  'auditor',
] as const;

/** `GET /audit-log` of every service: the same controller, reading the service's own `change_record`. */
@ApiTags('audit-log')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Roles(...AUDIT_LOG_READERS)
  @ApiOperation({
    summary: 'Every change, export and download of this service: who, when, which unit, which record, old → new',
    description:
      'Newest first. Filter by record (`entityType`, `entityId`), user (`changedBy`), `action`, unit (its subtree; ' +
      'default: yours, which also bounds what you may ask for) and time (`from` ≤ changedAt < `to`). The log is ' +
      'append-only: the database refuses to change or delete a row.',
  })
  @ApiOkResponse({ type: ChangeRecordPage })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'VALIDATION_FAILED, UNKNOWN_UNIT' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'FORBIDDEN_ROLE, OUT_OF_JURISDICTION' })
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditLogQuery): Promise<ChangeRecordPage> {
    const page = await this.auditLog.list(user, query);
    return { ...page, items: page.items.map((item) => ChangeRecordView.of(item)) };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeRecordEntity } from '@ocop/persistence';
import type { AuthUser } from '../auth/auth-user';
import { JurisdictionService } from '../auth/jurisdiction';
import { pageOf, type Page } from '../http/page';
import type { AuditLogQuery } from './audit-log.dto';

/** A date alone is the start of that day in Vietnam (UTC+7 all year). */
function instant(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+07:00` : value);
}

/**
 * Reads the service's audit log: newest first, within the user's jurisdiction. Each filter has its index
 * (record, user, province, unit, time; `ix_change_record_*`).
 */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  async list(user: AuthUser, query: AuditLogQuery): Promise<Page<ChangeRecordEntity>> {
    const scope = await this.jurisdiction.subtreeScope(user, query.unit);
    const builder = this.dataSource.getRepository(ChangeRecordEntity).createQueryBuilder('change');
    if (scope.unitCode) builder.andWhere('change.unit_code = :unitCode', { unitCode: scope.unitCode });
    else if (scope.provinceCode)
      builder.andWhere('change.province_code = :provinceCode', { provinceCode: scope.provinceCode });
    if (query.entityType) builder.andWhere('change.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('change.entity_id = :entityId', { entityId: query.entityId });
    if (query.changedBy) builder.andWhere('change.changed_by = :changedBy', { changedBy: query.changedBy });
    if (query.action) builder.andWhere('change.action = :action', { action: query.action });
    if (query.from) builder.andWhere('change.changed_at >= :from', { from: instant(query.from) });
    if (query.to) builder.andWhere('change.changed_at < :to', { to: instant(query.to) });
    return pageOf(builder.orderBy('change.changedAt', 'DESC').addOrderBy('change.id', 'DESC'), query);
  }
}

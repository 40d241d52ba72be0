import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { NATIONAL_UNIT_CODE, ReportingEvents, type ReportTimeliness } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { ReportDocumentService } from '../figures/report-document.service';
import type { ReportDocument } from '../figures/report-document';
import { NotificationService } from '../notification/notification.service';
import { ObligationService } from '../obligation/obligation.service';
import type { PeriodDeadline, ReportingObligation } from '../obligation/reporting-calendar';
import { UnitDirectory } from '../unit/unit-directory.service';
import { ReportEntity, type ReportStatus } from './report.entity';
import { ReportErrors } from './report.errors';

/** The instant a report is due: 00:00 of its due day in Vietnam. */
export const deadlineOf = (dueBefore: string): Date => new Date(`${dueBefore}T00:00:00+07:00`);

export type ReporterState = 'accepted' | 'submitted' | 'returned' | 'draft' | 'missing' | 'pending';

export interface ReporterStatusRow {
  unitCode: string;
  unitName: string;
  recipientUnitCode: string;
  reportId: string | null;
  state: ReporterState;
  /** on_time or late once submitted; missing after the deadline without a submission; null before it. */
  timeliness: ReportTimeliness | 'missing' | null;
  submittedAt: string | null;
}

export interface CompletenessSummary {
  expected: number;
  submitted: number;
  accepted: number;
  returned: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  /** Submitted (or accepted) of expected, as a fraction. */
  completeness: number;
  /** On time of expected, as a fraction. */
  onTimeRate: number;
}

const FIELDS: (keyof ReportEntity)[] = ['status', 'summary', 'submissions', 'timeliness', 'returnReason'];

@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly obligations: ObligationService,
    private readonly units: UnitDirectory,
    private readonly documents: ReportDocumentService,
    private readonly jurisdiction: JurisdictionService,
    private readonly notifications: NotificationService,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(
    user: AuthUser,
    dto: { obligationCode: string; periodKey: string; unitCode?: string; summary?: string },
  ): Promise<ReportEntity> {
    const unitCode = dto.unitCode ?? user.unitCode;
    this.assertOwnUnit(user, unitCode);
    const { obligation, period } = this.obligations.currentPeriod(dto.obligationCode, dto.periodKey);
    const reporter = await this.reporterOf(obligation, unitCode);
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(ReportEntity, {
        where: { obligationCode: obligation.code, periodKey: period.key, unitCode },
      });
      if (existing)
        throw new AppException(ReportErrors.REPORT_EXISTS, {
          unitCode,
          obligationCode: obligation.code,
          periodKey: period.key,
          reportId: existing.id,
        });
      const report = manager.create(ReportEntity, {
        obligationCode: obligation.code,
        periodKey: period.key,
        unitCode,
        provinceCode: (await this.units.find(unitCode))?.provinceCode ?? unitCode,
        recipientUnitCode: reporter.recipientUnitCode,
        status: 'draft',
        summary: dto.summary?.trim() ?? '',
        dueBefore: period.dueBefore,
        submissions: 0,
        revision: 1,
        createdBy: user.id,
      });
      await manager.insert(ReportEntity, report);
      await this.record(manager, user, report, 'created', diffFields(null, report, FIELDS));
      return report;
    });
  }

  async get(user: AuthUser, reportId: string): Promise<ReportEntity> {
    const report = await this.dataSource.getRepository(ReportEntity).findOne({ where: { id: reportId } });
    if (!report) throw new AppException(ReportErrors.REPORT_NOT_FOUND, { reportId });
    if (user.unitCode !== report.recipientUnitCode) await this.jurisdiction.assertWithin(user, report.unitCode);
    return report;
  }

  /** The report's document: as frozen at submission, or the live figures of a draft. */
  async document(user: AuthUser, reportId: string): Promise<{ report: ReportEntity; document: ReportDocument }> {
    const report = await this.get(user, reportId);
    const document =
      report.snapshot && report.status !== 'draft' && report.status !== 'returned'
        ? (report.snapshot as unknown as ReportDocument)
        : await this.documents.build(report.unitCode, report.periodKey);
    return { report, document };
  }

  async list(
    user: AuthUser,
    filter: { obligationCode?: string; periodKey?: string; status?: ReportStatus; unitCode?: string },
  ): Promise<ReportEntity[]> {
    const unit = filter.unitCode ?? user.unitCode;
    if (unit !== user.unitCode) await this.jurisdiction.assertWithin(user, unit);
    const query = this.dataSource.getRepository(ReportEntity).createQueryBuilder('r');
    if (unit !== NATIONAL_UNIT_CODE)
      query.where('(r.unit_code = :unit OR r.recipient_unit_code = :unit OR r.province_code = :unit)', { unit });
    if (filter.obligationCode) query.andWhere('r.obligation_code = :o', { o: filter.obligationCode });
    if (filter.periodKey) query.andWhere('r.period_key = :p', { p: filter.periodKey });
    if (filter.status) query.andWhere('r.status = :s', { s: filter.status });
    return query.orderBy('r.period_key', 'DESC').addOrderBy('r.unit_code', 'ASC').limit(1_000).getMany();
  }

  async update(
    user: AuthUser,
    reportId: string,
    dto: { summary: string; expectedRevision?: number },
  ): Promise<ReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lock(manager, reportId, dto.expectedRevision);
      this.assertOwnUnit(user, report.unitCode);
      if (report.status !== 'draft' && report.status !== 'returned')
        throw new AppException(ReportErrors.REPORT_NOT_EDITABLE, { status: report.status });
      const before = { ...report };
      report.summary = dto.summary.trim();
      const changes = diffFields(before, report, FIELDS);
      if (Object.keys(changes).length === 0) return report;
      report.revision += 1;
      await manager.save(ReportEntity, report);
      await this.record(manager, user, report, 'updated', changes);
      return report;
    });
  }

  /** Freezes the unit's figures and sends the report up; judged on time against its deadline the first time. */
  async submit(user: AuthUser, reportId: string, expectedRevision?: number, now = new Date()): Promise<ReportEntity> {
    const current = await this.dataSource.getRepository(ReportEntity).findOne({ where: { id: reportId } });
    if (!current) throw new AppException(ReportErrors.REPORT_NOT_FOUND, { reportId });
    this.assertOwnUnit(user, current.unitCode);
    if (current.status !== 'draft' && current.status !== 'returned')
      throw new AppException(ReportErrors.REPORT_ALREADY_SUBMITTED, { status: current.status });
    const document = await this.documents.build(current.unitCode, current.periodKey, { now });
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lock(manager, reportId, expectedRevision);
      if (report.status !== 'draft' && report.status !== 'returned')
        throw new AppException(ReportErrors.REPORT_ALREADY_SUBMITTED, { status: report.status });
      const before = { ...report };
      report.status = 'submitted';
      report.snapshot = JSON.parse(JSON.stringify(document)) as object;
      report.submissions += 1;
      report.submittedAt = now;
      report.submittedBy = user.id;
      report.returnReason = null;
      report.decidedAt = null;
      report.decidedBy = null;
      if (!report.firstSubmittedAt) {
        report.firstSubmittedAt = now;
        report.timeliness = now < deadlineOf(report.dueBefore) ? 'on_time' : 'late';
      }
      report.revision += 1;
      await manager.save(ReportEntity, report);
      await this.record(manager, user, report, 'submitted', diffFields(before, report, FIELDS));
      await this.outbox.append(manager, ReportingEvents.reportSubmitted, {
        reportId: report.id,
        obligationCode: report.obligationCode,
        periodKey: report.periodKey,
        unitCode: report.unitCode,
        provinceCode: report.provinceCode,
        recipientUnitCode: report.recipientUnitCode,
        submission: report.submissions,
        timeliness: report.timeliness ?? 'late',
        submittedBy: user.id,
        submittedAt: now.toISOString(),
      });
      await this.notifications.post(manager, [
        {
          sourceKey: `report:${report.id}:submitted:${report.submissions}`,
          kind: 'report_submitted',
          unitCode: report.recipientUnitCode,
          title: `${document.unit.name} đã gửi báo cáo ${document.period.label}`,
          body: `${document.unit.name} đã gửi báo cáo ${report.obligationCode} kỳ ${document.period.label}${
            report.timeliness === 'late' ? ' (quá hạn)' : ''
          }. Đề nghị xem xét, tiếp nhận hoặc trả lại.`,
          data: { reportId: report.id, obligationCode: report.obligationCode, periodKey: report.periodKey },
        },
      ]);
      return report;
    });
  }

  async accept(user: AuthUser, reportId: string, expectedRevision?: number): Promise<ReportEntity> {
    return this.decide(user, reportId, 'accepted', null, expectedRevision);
  }

  async return(user: AuthUser, reportId: string, reason: string, expectedRevision?: number): Promise<ReportEntity> {
    return this.decide(user, reportId, 'returned', reason.trim(), expectedRevision);
  }

  private async decide(
    user: AuthUser,
    reportId: string,
    to: 'accepted' | 'returned',
    reason: string | null,
    expectedRevision?: number,
  ): Promise<ReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lock(manager, reportId, expectedRevision);
      if (user.unitCode !== report.recipientUnitCode && !user.roles.includes('admin'))
        throw new AppException(ReportErrors.REPORT_WRONG_LEVEL, { recipientUnitCode: report.recipientUnitCode });
      if (report.status !== 'submitted')
        throw new AppException(ReportErrors.REPORT_NOT_SUBMITTED, { status: report.status });
      const before = { ...report };
      const now = new Date();
      report.status = to;
      report.decidedAt = now;
      report.decidedBy = user.id;
      report.returnReason = reason;
      report.revision += 1;
      await manager.save(ReportEntity, report);
      await this.record(manager, user, report, to, diffFields(before, report, FIELDS));
      const common = {
        reportId: report.id,
        obligationCode: report.obligationCode,
        periodKey: report.periodKey,
        unitCode: report.unitCode,
        provinceCode: report.provinceCode,
      };
      if (to === 'accepted')
        await this.outbox.append(manager, ReportingEvents.reportAccepted, {
          ...common,
          acceptedBy: user.id,
          acceptedAt: now.toISOString(),
        });
      else
        await this.outbox.append(manager, ReportingEvents.reportReturned, {
          ...common,
          reason: reason ?? '',
          returnedBy: user.id,
          returnedAt: now.toISOString(),
        });
      await this.notifications.post(manager, [
        {
          sourceKey: `report:${report.id}:${to}:${report.submissions}`,
          kind: to === 'accepted' ? 'report_accepted' : 'report_returned',
          unitCode: report.unitCode,
          title:
            to === 'accepted'
              ? `Báo cáo kỳ ${report.periodKey} đã được tiếp nhận`
              : `Báo cáo kỳ ${report.periodKey} bị trả lại`,
          body:
            to === 'accepted'
              ? `Báo cáo ${report.obligationCode} kỳ ${report.periodKey} của đơn vị đã được tiếp nhận.`
              : `Báo cáo ${report.obligationCode} kỳ ${report.periodKey} bị trả lại: ${reason}. Đề nghị hoàn thiện và gửi lại.`,
          data: { reportId: report.id, reason },
        },
      ]);
      return report;
    });
  }

  /**
   * Timeliness and completeness of a period over a unit's tree: every unit that must report under it, with
   * its report's state; on time, late, missing (deadline passed, nothing submitted) or pending (not yet due).
   */
  async completeness(
    user: AuthUser,
    query: { obligationCode: string; periodKey: string; unitCode?: string },
    now = new Date(),
  ): Promise<{
    obligationCode: string;
    period: PeriodDeadline;
    unitCode: string;
    summary: CompletenessSummary;
    byRecipient: ({ recipientUnitCode: string; recipientName: string } & CompletenessSummary)[];
    units: ReporterStatusRow[];
  }> {
    const unitCode = query.unitCode ?? user.unitCode;
    await this.jurisdiction.assertWithin(user, unitCode);
    const { obligation, period } = this.obligations.currentPeriod(query.obligationCode, query.periodKey);
    const reporters = await this.obligations.reporters(obligation, unitCode);
    const reports = await this.dataSource.getRepository(ReportEntity).find({
      select: ['id', 'unitCode', 'status', 'timeliness', 'firstSubmittedAt'],
      where: { obligationCode: obligation.code, periodKey: period.key, unitCode: In(reporters.map((r) => r.unitCode)) },
    });
    const byUnit = new Map(reports.map((report) => [report.unitCode, report]));
    const due = now >= deadlineOf(period.dueBefore);
    const rows: ReporterStatusRow[] = [];
    for (const reporter of reporters) {
      const report = byUnit.get(reporter.unitCode);
      const sent = report && (report.status === 'submitted' || report.status === 'accepted');
      const state: ReporterState = sent
        ? report.status
        : report?.status === 'returned'
          ? 'returned'
          : due
            ? 'missing'
            : report
              ? 'draft'
              : 'pending';
      rows.push({
        unitCode: reporter.unitCode,
        unitName: (await this.units.find(reporter.unitCode))?.name ?? reporter.unitCode,
        recipientUnitCode: reporter.recipientUnitCode,
        reportId: report?.id ?? null,
        state,
        timeliness: sent ? (report.timeliness ?? 'late') : due ? 'missing' : null,
        submittedAt: report?.firstSubmittedAt?.toISOString() ?? null,
      });
    }
    const recipients = [...new Set(rows.map((row) => row.recipientUnitCode))];
    return {
      obligationCode: obligation.code,
      period,
      unitCode,
      summary: summarise(rows),
      byRecipient: await Promise.all(
        recipients.map(async (code) => ({
          recipientUnitCode: code,
          recipientName: (await this.units.find(code))?.name ?? code,
          ...summarise(rows.filter((row) => row.recipientUnitCode === code)),
        })),
      ),
      units: rows,
    };
  }

  private async reporterOf(obligation: ReportingObligation, unitCode: string) {
    const unit = await this.units.find(unitCode);
    const within = unit?.level === 'commune' ? (unit.provinceCode ?? unitCode) : unitCode;
    const reporter = (await this.obligations.reporters(obligation, within)).find((r) => r.unitCode === unitCode);
    if (!reporter)
      throw new AppException(ReportErrors.REPORT_UNIT_NOT_REPORTER, { unitCode, obligationCode: obligation.code });
    return reporter;
  }

  private assertOwnUnit(user: AuthUser, unitCode: string): void {
    if (user.unitCode !== unitCode && !user.roles.includes('admin'))
      throw new AppException(ReportErrors.REPORT_NOT_YOUR_UNIT, { unitCode });
  }

  private async lock(manager: EntityManager, reportId: string, expectedRevision?: number): Promise<ReportEntity> {
    const report = await manager.findOne(ReportEntity, {
      where: { id: reportId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!report) throw new AppException(ReportErrors.REPORT_NOT_FOUND, { reportId });
    if (expectedRevision !== undefined && expectedRevision !== report.revision)
      throw new AppException(ReportErrors.REPORT_CHANGED_CONCURRENTLY);
    return report;
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    report: ReportEntity,
    action: string,
    changes: ReturnType<typeof diffFields>,
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'report',
        entityId: report.id,
        action,
        changes,
        changedBy: user.id,
        unitCode: report.unitCode,
        provinceCode: report.provinceCode,
      },
    ]);
  }
}

function summarise(rows: ReporterStatusRow[]): CompletenessSummary {
  const count = (test: (row: ReporterStatusRow) => boolean) => rows.filter(test).length;
  const expected = rows.length;
  const submitted = count((row) => row.state === 'submitted' || row.state === 'accepted');
  const onTime = count((row) => row.timeliness === 'on_time');
  return {
    expected,
    submitted,
    accepted: count((row) => row.state === 'accepted'),
    returned: count((row) => row.state === 'returned'),
    onTime,
    late: count((row) => row.timeliness === 'late'),
    missing: count((row) => row.timeliness === 'missing'),
    pending: count((row) => row.timeliness === null),
    completeness: expected === 0 ? 0 : Math.round((submitted / expected) * 10_000) / 10_000,
    onTimeRate: expected === 0 ? 0 : Math.round((onTime / expected) * 10_000) / 10_000,
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { DataSource, In } from 'typeorm';
import {
  addDays,
  NATIONAL_UNIT_CODE,
  ReportingEvents,
  type ReportingActivities,
  type ReportPeriodDates,
  type ReportPeriodWorkflowInput,
} from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { deterministicUuid } from '@ocop/nest-common';
import { recordChanges, type ChangeInput } from '@ocop/persistence';
import { NotificationService, type NotificationInput } from '../notification/notification.service';
import { ObligationService, type Reporter } from '../obligation/obligation.service';
import { calendarOf, CURRENT_UNITS_FROM, type ReportingObligation } from '../obligation/reporting-calendar';
import { SYSTEM_ACTOR } from '../reporting.audit';
import { ReportEntity, ReportPeriodEntity } from '../submission/report.entity';
import { UnitDirectory } from '../unit/unit-directory.service';

const vnDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * Reporting's activities for the schedule and period workflows: which periods to open, who has not
 * reported, the reminders and the escalation. Each writes once however often it is retried: notifications
 * are keyed by obligation, period, step and unit; the overdue event's id derives from the workflow.
 */
@Injectable()
export class ReportingActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly obligations: ObligationService,
    private readonly units: UnitDirectory,
    private readonly notifications: NotificationService,
    private readonly outbox: OutboxWriter,
  ) {}

  activities(): ReportingActivities {
    return {
      periodsToOpen: this.periodsToOpen.bind(this),
      openPeriod: this.openPeriod.bind(this),
      remindNonSubmitters: this.remindNonSubmitters.bind(this),
      escalateOverdue: this.escalateOverdue.bind(this),
    };
  }

  periodsToOpen(input: { obligationCode: string; today: string; catchUpDays: number }): Promise<ReportPeriodDates[]> {
    const obligation = this.obligations.get(input.obligationCode);
    if (!obligation.current) return Promise.resolve([]);
    const year = Number(input.today.slice(0, 4));
    const periods = [...calendarOf(obligation, year - 1), ...calendarOf(obligation, year)]
      .filter(
        (period) =>
          period.end >= CURRENT_UNITS_FROM &&
          period.start <= input.today &&
          addDays(period.escalation, input.catchUpDays) >= input.today,
      )
      .map(({ key, label, start, end, dueBefore, reminders, escalation }) => ({
        key,
        label,
        start,
        end,
        dueBefore,
        reminders,
        escalation,
      }));
    return Promise.resolve(periods);
  }

  async openPeriod(input: ReportPeriodWorkflowInput): Promise<{ expected: number }> {
    const obligation = this.obligations.get(input.obligationCode);
    const reporters = await this.obligations.reporters(obligation);
    const { period } = input;
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ReportPeriodEntity)
        .values({
          obligationCode: obligation.code,
          periodKey: period.key,
          dueBefore: period.dueBefore,
          expected: reporters.length,
        })
        .orIgnore()
        .returning(['periodKey'])
        .execute();
      const raw: unknown = inserted.raw;
      if (Array.isArray(raw) && raw.length > 0)
        await recordChanges(manager, [
          periodChange(obligation, period.key, 'opened', {
            dueBefore: [null, period.dueBefore],
            expected: [null, reporters.length],
          }),
        ]);
      await this.notifications.post(
        manager,
        reporters.map((reporter) => ({
          sourceKey: `report:${obligation.code}:${period.key}:open:${reporter.unitCode}`,
          kind: 'report_opened',
          unitCode: reporter.unitCode,
          title: `Mở kỳ báo cáo ${period.label}: ${obligation.title}`,
          body: `Kỳ báo cáo ${period.label} đã mở. Hạn gửi: trước ngày ${vnDate(period.dueBefore)}.`,
          data: { obligationCode: obligation.code, periodKey: period.key, dueBefore: period.dueBefore },
        })),
      );
    });
    return { expected: reporters.length };
  }

  async remindNonSubmitters(
    input: ReportPeriodWorkflowInput & { step: string; daysLeft: number },
  ): Promise<{ reminded: number }> {
    const obligation = this.obligations.get(input.obligationCode);
    const { period } = input;
    const missing = await this.nonSubmitters(obligation, period.key);
    await this.dataSource.transaction((manager) =>
      this.notifications.post(
        manager,
        missing.map((reporter) => ({
          sourceKey: `report:${obligation.code}:${period.key}:${input.step}:${reporter.unitCode}`,
          kind: 'report_reminder',
          unitCode: reporter.unitCode,
          title: `Nhắc gửi báo cáo ${period.label} (còn ${input.daysLeft} ngày)`,
          body:
            `Đơn vị chưa gửi báo cáo "${obligation.title}" kỳ ${period.label}. ` +
            `Hạn gửi: trước ngày ${vnDate(period.dueBefore)}.`,
          data: { obligationCode: obligation.code, periodKey: period.key, daysLeft: input.daysLeft },
        })),
      ),
    );
    return { reminded: missing.length };
  }

  async escalateOverdue(input: ReportPeriodWorkflowInput & { step: string }): Promise<{ overdue: number }> {
    const obligation = this.obligations.get(input.obligationCode);
    const { period } = input;
    const missing = await this.nonSubmitters(obligation, period.key);
    const byRecipient = new Map<string, Reporter[]>();
    for (const reporter of missing)
      byRecipient.set(reporter.recipientUnitCode, [...(byRecipient.get(reporter.recipientUnitCode) ?? []), reporter]);
    const workflowId = activityWorkflowId() ?? `report-${obligation.code}-${period.key}`;
    await this.dataSource.transaction(async (manager) => {
      const notifications: NotificationInput[] = [];
      for (const [recipient, reporters] of byRecipient) {
        const names = await Promise.all(
          reporters.map(async (r) => (await this.units.find(r.unitCode))?.name ?? r.unitCode),
        );
        notifications.push({
          sourceKey: `report:${obligation.code}:${period.key}:${input.step}:${recipient}`,
          kind: 'reports_overdue',
          unitCode: recipient,
          title: `${reporters.length} đơn vị chưa gửi báo cáo ${period.label}`,
          body:
            `Quá hạn gửi báo cáo "${obligation.title}" kỳ ${period.label} (hạn trước ngày ${vnDate(period.dueBefore)}), ` +
            `các đơn vị sau chưa gửi: ${names.slice(0, 50).join(', ')}${names.length > 50 ? `, … (${names.length} đơn vị)` : ''}.`,
          data: { obligationCode: obligation.code, periodKey: period.key, missing: reporters.map((r) => r.unitCode) },
        });
        for (const reporter of reporters)
          notifications.push({
            sourceKey: `report:${obligation.code}:${period.key}:${input.step}:${reporter.unitCode}`,
            kind: 'report_overdue',
            unitCode: reporter.unitCode,
            title: `Báo cáo ${period.label} đã quá hạn`,
            body:
              `Đơn vị chưa gửi báo cáo "${obligation.title}" kỳ ${period.label}, hạn trước ngày ${vnDate(period.dueBefore)}; ` +
              `cấp trên đã được thông báo.`,
            data: { obligationCode: obligation.code, periodKey: period.key },
          });
        await this.outbox.append(
          manager,
          ReportingEvents.reportsOverdue,
          {
            obligationCode: obligation.code,
            periodKey: period.key,
            recipientUnitCode: recipient,
            missingUnitCodes: reporters.map((r) => r.unitCode),
            dueBefore: period.dueBefore,
            escalatedOn: period.escalation,
          },
          { id: deterministicUuid(`${workflowId}/overdue/${recipient}`) },
        );
      }
      await this.notifications.post(manager, notifications);
      const escalatedAt = new Date();
      const before = await manager.findOne(ReportPeriodEntity, {
        where: { obligationCode: obligation.code, periodKey: period.key },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.update(
        ReportPeriodEntity,
        { obligationCode: obligation.code, periodKey: period.key },
        { escalatedAt },
      );
      if (before)
        await recordChanges(manager, [
          periodChange(obligation, period.key, 'escalated', {
            escalatedAt: [before.escalatedAt?.toISOString() ?? null, escalatedAt.toISOString()],
            missing: [null, missing.map((reporter) => reporter.unitCode)],
          }),
        ]);
    });
    return { overdue: missing.length };
  }

  /** The units that must still report: nothing submitted, or returned and not submitted again. */
  async nonSubmitters(obligation: ReportingObligation, periodKey: string): Promise<Reporter[]> {
    const reporters = await this.obligations.reporters(obligation);
    const sent = new Set(
      (
        await this.dataSource.getRepository(ReportEntity).find({
          select: ['unitCode'],
          where: { obligationCode: obligation.code, periodKey, status: In(['submitted', 'accepted']) },
        })
      ).map((report) => report.unitCode),
    );
    return reporters.filter((reporter) => !sent.has(reporter.unitCode));
  }
}

/** A reporting period's change, by the schedule's workflow, in the unit whose units report (a province, or VN). */
function periodChange(
  obligation: ReportingObligation,
  periodKey: string,
  action: string,
  changes: ChangeInput['changes'],
): ChangeInput {
  return {
    entityType: 'report_period',
    entityId: `${obligation.code}/${periodKey}`,
    action,
    changes,
    changedBy: SYSTEM_ACTOR,
    unitCode: obligation.current?.of ?? NATIONAL_UNIT_CODE,
  };
}

function activityWorkflowId(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined;
  }
}

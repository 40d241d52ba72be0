import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, ScheduleNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AppException } from '@ocop/nest-common';
import { recordChanges } from '@ocop/persistence';
import { ReportingConfig } from '../config/reporting.config';
import { ObligationErrors, ObligationService } from '../obligation/obligation.service';
import { SYSTEM_ACTOR } from '../reporting.audit';
import { reportingScheduleOptions } from './schedule-spec';

export interface ScheduleSyncView {
  obligationCode: string;
  scheduleId: string;
  action: 'created' | 'updated';
  timezone: string | undefined;
  catchupWindow: string;
  overlap: string | undefined;
}

export interface ScheduleView {
  obligationCode: string;
  scheduleId: string;
  timezone: string | undefined;
  catchupWindowMs: number;
  overlap: string | undefined;
  paused: boolean;
  nextActionTimes: string[];
  recentActions: { scheduledAt: string; takenAt: string; workflowId: string }[];
}

/**
 * Creates or updates one Temporal Schedule per reporting obligation that continues with the 2025 units;
 * at start when REPORT_SCHEDULES_AUTO is on, otherwise through the admin endpoint.
 */
@Injectable()
export class ReportingScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportingScheduleService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly obligations: ObligationService,
    @Inject(ReportingConfig) private readonly config: ReportingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.REPORT_SCHEDULES_AUTO) return;
    try {
      const schedules = await this.sync(SYSTEM_ACTOR);
      this.logger.log(`Reporting schedules: ${schedules.map((s) => `${s.scheduleId} ${s.action}`).join(', ')}`);
    } catch (error) {
      // Temporal may still be starting; the admin endpoint (or the next start) syncs them.
      this.logger.warn(`Could not sync the reporting schedules: ${String(error)}`);
    }
  }

  /**
   * Creates the missing schedules and brings the others up to date; answers what it did (no describe). Each
   * schedule's change is a row of the audit log once Temporal took it (`actor`: the admin, or the system).
   */
  async sync(actor: string): Promise<ScheduleSyncView[]> {
    const views: ScheduleSyncView[] = [];
    for (const obligation of this.obligations.obligations.filter((candidate) => candidate.current)) {
      const options = reportingScheduleOptions(obligation, this.config.REPORT_CATCH_UP_DAYS);
      let action: ScheduleSyncView['action'];
      try {
        const handle = this.temporal.schedule.getHandle(options.scheduleId);
        await handle.update((previous) => ({
          ...previous,
          spec: options.spec,
          action: options.action,
          policies: { ...previous.policies, ...options.policies },
        }));
        action = 'updated';
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
        await this.temporal.schedule.create(options);
        action = 'created';
      }
      views.push({
        obligationCode: obligation.code,
        scheduleId: options.scheduleId,
        action,
        timezone: options.spec.timezone,
        catchupWindow: String(options.policies?.catchupWindow),
        overlap: options.policies?.overlap,
      });
    }
    await recordChanges(
      this.dataSource.manager,
      views.map((view) => ({
        entityType: 'report_schedule',
        entityId: view.scheduleId,
        action: view.action,
        changes: {
          obligationCode: [null, view.obligationCode],
          timezone: [null, view.timezone ?? null],
          catchupWindow: [null, view.catchupWindow],
        },
        changedBy: actor,
        unitCode: this.obligations.get(view.obligationCode).current?.of ?? NATIONAL_UNIT_CODE,
      })),
    );
    return views;
  }

  async list(): Promise<ScheduleView[]> {
    const views: ScheduleView[] = [];
    for (const obligation of this.obligations.obligations.filter((candidate) => candidate.current)) {
      try {
        views.push(await this.describe(obligation.code));
      } catch (error) {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      }
    }
    return views;
  }

  /** Runs an obligation's schedule now (as its next run would): opens what is due. */
  async trigger(obligationCode: string, actor: string): Promise<{ scheduleId: string; triggered: true }> {
    const obligation = this.obligations.get(obligationCode);
    if (!obligation.current)
      throw new AppException(ObligationErrors.OBLIGATION_NOT_CURRENT, { code: obligationCode, period: '*' });
    const scheduleId = reportingScheduleOptions(obligation, 0).scheduleId;
    await this.temporal.schedule.getHandle(scheduleId).trigger('BUFFER_ALL');
    await recordChanges(this.dataSource.manager, [
      {
        entityType: 'report_schedule',
        entityId: scheduleId,
        action: 'triggered',
        changes: { obligationCode: [null, obligationCode] },
        changedBy: actor,
        unitCode: obligation.current.of,
      },
    ]);
    return { scheduleId, triggered: true };
  }

  private async describe(obligationCode: string): Promise<ScheduleView> {
    const obligation = this.obligations.get(obligationCode);
    const scheduleId = reportingScheduleOptions(obligation, 0).scheduleId;
    const description = await this.temporal.schedule.getHandle(scheduleId).describe();
    return {
      obligationCode,
      scheduleId,
      timezone: description.spec.timezone,
      catchupWindowMs: description.policies.catchupWindow,
      overlap: description.policies.overlap,
      paused: description.state.paused,
      nextActionTimes: description.info.nextActionTimes.slice(0, 3).map((time) => time.toISOString()),
      recentActions: description.info.recentActions.map((recent) => ({
        scheduledAt: recent.scheduledAt.toISOString(),
        takenAt: recent.takenAt.toISOString(),
        workflowId: recent.action.workflow.workflowId,
      })),
    };
  }
}

import type { CalendarSpec, ScheduleOptions } from '@temporalio/client';
import {
  DOMAIN_TIME_ZONE,
  REPORTING_SCHEDULE_WORKFLOW,
  reportingScheduleId,
  TaskQueues,
  type ReportingScheduleWorkflowInput,
} from '@ocop/contracts';
import type { PeriodType, ReportingObligation } from '../obligation/reporting-calendar';

/** When each kind of period starts: the schedule opens it at 07:00 (Vietnam) on its first day. */
const PERIOD_STARTS: Record<PeriodType, Pick<CalendarSpec, 'month' | 'comment'>> = {
  month: { month: '*', comment: 'first day of every month' },
  quarter: { month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], comment: 'first day of every quarter' },
  half_year: { month: ['JANUARY', 'JULY'], comment: 'first day of every half-year' },
  year: { month: 'JANUARY', comment: 'first day of the year' },
};

export const SCHEDULE_HOUR = 7;

/**
 * The Temporal Schedule of an obligation: at 07:00 Asia/Ho_Chi_Minh on the first day of each period it
 * starts `reportingScheduleWorkflow`, which opens the period (and any period a missed run left unopened).
 * A run missed while Temporal was down is still taken within the catch-up window, and runs are buffered
 * rather than skipped when they overlap, so none is lost.
 */
export function reportingScheduleOptions(
  obligation: ReportingObligation,
  catchUpDays: number,
): ScheduleOptions & { scheduleId: string } {
  const input: ReportingScheduleWorkflowInput = { obligationCode: obligation.code, catchUpDays };
  return {
    scheduleId: reportingScheduleId(obligation.code),
    spec: {
      calendars: [
        { ...PERIOD_STARTS[obligation.periodType], dayOfMonth: 1, hour: SCHEDULE_HOUR, minute: 0, second: 0 },
      ],
      timezone: DOMAIN_TIME_ZONE,
      startAt: new Date(`${obligation.validFrom}T00:00:00+07:00`),
      ...(obligation.validTo ? { endAt: new Date(`${obligation.validTo}T23:59:59+07:00`) } : {}),
    },
    action: {
      type: 'startWorkflow',
      workflowType: REPORTING_SCHEDULE_WORKFLOW,
      workflowId: `reporting-${obligation.code}-run`,
      taskQueue: TaskQueues.reporting,
      args: [input],
      staticSummary: `Mở kỳ báo cáo: ${obligation.title}`,
    },
    policies: {
      catchupWindow: `${Math.max(1, catchUpDays)} days`,
      overlap: 'BUFFER_ALL',
      pauseOnFailure: false,
    },
    memo: { obligation: obligation.code, quote: obligation.quote },
  };
}

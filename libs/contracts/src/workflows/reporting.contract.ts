import { defineQuery } from '@temporalio/workflow';

export const REPORTING_SCHEDULE_WORKFLOW = 'reportingScheduleWorkflow';
export const REPORT_PERIOD_WORKFLOW = 'reportPeriodWorkflow';

/** One Temporal Schedule per reporting obligation (time zone Asia/Ho_Chi_Minh). */
export const reportingScheduleId = (obligationCode: string): string => `reporting-${obligationCode}`;
/** One workflow per obligation and period: a business key, so a period is never opened twice. */
export const reportPeriodWorkflowId = (obligationCode: string, periodKey: string): string =>
  `report-${obligationCode}-${periodKey}`;

/** A reported period and its dates (YYYY-MM-DD, Asia/Ho_Chi_Minh), as the obligation's calendar gives them. */
export interface ReportPeriodDates {
  /** 2026-M03, 2026-Q1, 2026-H1, 2026 */
  key: string;
  label: string;
  start: string;
  end: string;
  /** The report is due before 00:00 of this day. */
  dueBefore: string;
  /** Days on which the units that have not submitted are reminded (08:00). */
  reminders: string[];
  /** The day the level above is told who is overdue (08:00). */
  escalation: string;
}

export interface ReportPeriodWorkflowInput {
  obligationCode: string;
  period: ReportPeriodDates;
}

export interface ReportingScheduleWorkflowInput {
  obligationCode: string;
  /**
   * Periods whose escalation day is older than this many days are not opened any more when catching up
   * (a schedule run missed while the system was down still opens the current periods).
   */
  catchUpDays: number;
}

export interface ReportPeriodStatus {
  /** Keys of the steps taken: `open`, `remind:<date>`, `deadline`, `escalate`. */
  done: string[];
  /** Steps skipped because they were too late to mean anything (a reminder after the deadline). */
  skipped: string[];
  next: { key: string; at: string } | null;
  /** Units reminded at each reminder, by step key. */
  reminded: Record<string, number>;
  /** Units found overdue at the escalation. */
  overdue: number | null;
}

export const reportPeriodStatusQuery = defineQuery<ReportPeriodStatus>('status');

/** Activities the reporting workflows call on reporting's task queue. Each is idempotent. */
export interface ReportingActivities {
  /** The obligation's periods to open on `today` (YYYY-MM-DD, Vietnam): started, and not long escalated. */
  periodsToOpen(input: { obligationCode: string; today: string; catchUpDays: number }): Promise<ReportPeriodDates[]>;
  /** Records the period as open; the reporting units see it. Returns how many units must report. */
  openPeriod(input: ReportPeriodWorkflowInput): Promise<{ expected: number }>;
  /** Notifies each unit that has not submitted (or was returned); once per step key. */
  remindNonSubmitters(
    input: ReportPeriodWorkflowInput & { step: string; daysLeft: number },
  ): Promise<{ reminded: number }>;
  /** Tells the level above which units are overdue (and the units themselves); once. */
  escalateOverdue(input: ReportPeriodWorkflowInput & { step: string }): Promise<{ overdue: number }>;
}

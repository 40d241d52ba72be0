import { defineEvent } from './envelope';

/** How a submitted report stands against its deadline (OCOP.md §7). */
export type ReportTimeliness = 'on_time' | 'late';

export interface ReportSubmittedV1 {
  reportId: string;
  obligationCode: string;
  /** 2026-M03, 2026-Q1, 2026-H1, 2026 */
  periodKey: string;
  unitCode: string;
  provinceCode: string;
  recipientUnitCode: string;
  /** 1 for the first submission, 2+ after a return. */
  submission: number;
  timeliness: ReportTimeliness;
  submittedBy: string;
  submittedAt: string;
}

export interface ReportAcceptedV1 {
  reportId: string;
  obligationCode: string;
  periodKey: string;
  unitCode: string;
  provinceCode: string;
  acceptedBy: string;
  acceptedAt: string;
}

export interface ReportReturnedV1 {
  reportId: string;
  obligationCode: string;
  periodKey: string;
  unitCode: string;
  provinceCode: string;
  reason: string;
  returnedBy: string;
  returnedAt: string;
}

/** The escalation day passed: the level above is told which of its units have not reported. */
export interface ReportsOverdueV1 {
  obligationCode: string;
  periodKey: string;
  recipientUnitCode: string;
  /** Units that have not submitted (or whose returned report was not submitted again). */
  missingUnitCodes: string[];
  dueBefore: string;
  escalatedOn: string;
}

export const ReportingEvents = {
  reportSubmitted: defineEvent<ReportSubmittedV1>('ocop.reporting.report.submitted.v1'),
  reportAccepted: defineEvent<ReportAcceptedV1>('ocop.reporting.report.accepted.v1'),
  reportReturned: defineEvent<ReportReturnedV1>('ocop.reporting.report.returned.v1'),
  reportsOverdue: defineEvent<ReportsOverdueV1>('ocop.reporting.report.overdue.v1'),
} as const;

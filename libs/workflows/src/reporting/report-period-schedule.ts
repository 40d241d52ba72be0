import type { ReportPeriodDates } from '@ocop/contracts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** 00:00 of a calendar day in Vietnam (UTC+7, no daylight saving), as epoch milliseconds. */
export const vietnamMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - 7 * HOUR_MS;
/** The calendar date (YYYY-MM-DD) in Vietnam of an instant. */
export const vietnamDate = (ms: number): string => new Date(ms + 7 * HOUR_MS).toISOString().slice(0, 10);

export type ReportPeriodAction =
  | { key: string; at: number; kind: 'remind'; date: string; daysLeft: number }
  | { key: string; at: number; kind: 'escalate'; date: string };

/**
 * The timed steps of a period's report, in time order: units that have not submitted are reminded at 08:00
 * on each reminder day; the level above is told who is overdue at 08:00 on the escalation day. Pure.
 */
export function reportPeriodActions(period: ReportPeriodDates): ReportPeriodAction[] {
  const at8 = (date: string) => vietnamMidnight(date) + 8 * HOUR_MS;
  const deadline = vietnamMidnight(period.dueBefore);
  const actions: ReportPeriodAction[] = period.reminders.map((date) => ({
    key: `remind:${date}`,
    at: at8(date),
    kind: 'remind' as const,
    date,
    daysLeft: Math.round((deadline - vietnamMidnight(date)) / DAY_MS),
  }));
  actions.push({ key: 'escalate', at: at8(period.escalation), kind: 'escalate', date: period.escalation });
  return actions.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/**
 * Whether a reminder due at `action.at` is still worth sending at `now`: never once the deadline has passed,
 * and not when a later reminder is also already due (a late start sends the latest one only).
 */
export function reminderStillUseful(
  actions: readonly ReportPeriodAction[],
  action: ReportPeriodAction,
  period: ReportPeriodDates,
  now: number,
): boolean {
  if (action.kind !== 'remind') return true;
  if (now >= vietnamMidnight(period.dueBefore)) return false;
  return !actions.some((other) => other.kind === 'remind' && other.at > action.at && other.at <= now);
}

/**
 * Reporting periods and their deadlines (OCOP.md §7), as pure functions over obligations kept as data.
 * Dates are calendar dates in Asia/Ho_Chi_Minh; a deadline is 00:00 of the due day there ("before the 20th").
 */
export const PERIOD_TYPES = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export interface DueRule {
  /** `period_last`: the period's last month; a number: that month of the period's year. */
  month: 'period_last' | number;
  day: number;
}

export interface ReportingObligation {
  code: string;
  title: string;
  reporter: { unitCode: string; era: string; body: string; scope?: 'self' | 'children' };
  recipient: { unitCode: string; era: string; body: string };
  periodType: PeriodType;
  /** Only these periods are reported (e.g. the half-year report covers H1 only). */
  periods?: string[];
  due: DueRule;
  quote: string;
  reminderDaysBefore: number[];
  escalateDaysAfter: number;
  validFrom: string;
  validTo: string | null;
  /**
   * Who reports with the 2025 units (from 1 July 2025): the communes of a province (`of` its code, or VN for
   * every commune, each to its own province), or every province (to the ministry). Absent: the obligation
   * ended with the legacy units, and no report is filed for it here.
   */
  current?: { reporters: 'communes' | 'provinces'; of: string; note: string };
}

/** The day the 2025 units took over (OCOP.md §2). */
export const CURRENT_UNITS_FROM = '2025-07-01';

export interface ReportingPeriod {
  /** 2026-M03, 2026-Q1, 2026-H1, 2026 */
  key: string;
  label: string;
  start: string;
  end: string;
}

export interface PeriodDeadline extends ReportingPeriod {
  /** The report is due before this day. */
  dueBefore: string;
  /** 00:00 of `dueBefore` in Vietnam (UTC+7, no daylight saving). */
  deadline: string;
  reminders: string[];
  escalation: string;
}

const pad = (value: number): string => String(value).padStart(2, '0');
const isoDate = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function span(year: number, firstMonth: number, months: number): { start: string; end: string; lastMonth: number } {
  const lastMonth = firstMonth + months - 1;
  return { start: isoDate(year, firstMonth, 1), end: isoDate(year, lastMonth, lastDay(year, lastMonth)), lastMonth };
}

/** Every period of a type in a calendar year, in order. */
export function periodsOf(type: PeriodType, year: number): (ReportingPeriod & { lastMonth: number })[] {
  switch (type) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => ({
        key: `${year}-M${pad(i + 1)}`,
        label: `Tháng ${i + 1}/${year}`,
        ...span(year, i + 1, 1),
      }));
    case 'quarter':
      return Array.from({ length: 4 }, (_, i) => ({
        key: `${year}-Q${i + 1}`,
        label: `Quý ${['I', 'II', 'III', 'IV'][i]}/${year}`,
        ...span(year, i * 3 + 1, 3),
      }));
    case 'half_year':
      return [
        { key: `${year}-H1`, label: `6 tháng đầu năm ${year}`, ...span(year, 1, 6) },
        { key: `${year}-H2`, label: `6 tháng cuối năm ${year}`, ...span(year, 7, 6) },
      ];
    case 'year':
      return [{ key: `${year}`, label: `Năm ${year}`, ...span(year, 1, 12) }];
  }
}

/** Shifts a calendar date by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The deadlines of an obligation in a year: each reported period, its due day, reminders and escalation. */
export function calendarOf(obligation: ReportingObligation, year: number): PeriodDeadline[] {
  return periodsOf(obligation.periodType, year)
    .filter((period) => !obligation.periods || obligation.periods.includes(period.key.slice(5) || period.key))
    .map(({ lastMonth, ...period }) => {
      const month = obligation.due.month === 'period_last' ? lastMonth : obligation.due.month;
      const dueBefore = isoDate(year, month, Math.min(obligation.due.day, lastDay(year, month)));
      return {
        ...period,
        dueBefore,
        deadline: `${dueBefore}T00:00:00+07:00`,
        reminders: [...obligation.reminderDaysBefore].sort((a, b) => b - a).map((days) => addDays(dueBefore, -days)),
        escalation: addDays(dueBefore, obligation.escalateDaysAfter),
      };
    })
    .filter(
      (period) => period.end >= obligation.validFrom && (!obligation.validTo || period.start <= obligation.validTo),
    );
}

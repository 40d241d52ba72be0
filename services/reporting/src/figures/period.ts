import { periodsOf, type PeriodType, type ReportingPeriod } from '../obligation/reporting-calendar';

export interface Period extends ReportingPeriod {
  type: PeriodType;
}

const PATTERNS: [RegExp, PeriodType][] = [
  [/^(\d{4})-M(0[1-9]|1[0-2])$/, 'month'],
  [/^(\d{4})-Q([1-4])$/, 'quarter'],
  [/^(\d{4})-H([12])$/, 'half_year'],
  [/^(\d{4})$/, 'year'],
];

/** Period keys as the calendar writes them: 2026-M03, 2026-Q1, 2026-H1, 2026. */
export const PERIOD_KEY_PATTERN = /^\d{4}(-M(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/;

/** A period from its key, or null when the key names no period (2026-M13, 2026-Q5, 1999…). */
export function parsePeriod(key: string, minYear = 2018, maxYear = 2100): Period | null {
  for (const [pattern, type] of PATTERNS) {
    const match = pattern.exec(key);
    if (!match) continue;
    const year = Number(match[1]);
    if (year < minYear || year > maxYear) return null;
    const period = periodsOf(type, year).find((candidate) => candidate.key === key);
    if (!period) return null;
    return { key: period.key, label: period.label, start: period.start, end: period.end, type };
  }
  return null;
}

/** The months (first days) a period covers. */
export function monthsOf(period: Pick<Period, 'start' | 'end'>): string[] {
  const months: string[] = [];
  let [year, month] = period.start.split('-').map(Number) as [number, number];
  const end = period.end.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(`${key}-01`);
    if (key >= end) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

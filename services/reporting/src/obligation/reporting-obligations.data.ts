import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERIOD_TYPES, type ReportingObligation } from './reporting-calendar';

export const OBLIGATIONS_FILE = join(__dirname, '..', '..', 'data', 'reporting-obligations.json');

/** The pre-loaded reporting calendars (seeds 000 and 004), checked for what the calendar code needs. */
export function readObligations(path = OBLIGATIONS_FILE): ReportingObligation[] {
  const { obligations } = JSON.parse(readFileSync(path, 'utf8')) as { obligations: ReportingObligation[] };
  for (const obligation of obligations) {
    const month = obligation.due.month;
    const valid =
      PERIOD_TYPES.includes(obligation.periodType) &&
      obligation.due.day >= 1 &&
      obligation.due.day <= 31 &&
      (month === 'period_last' || (Number.isInteger(month) && month >= 1 && month <= 12));
    if (!valid) throw new Error(`${path}: obligation ${obligation.code} has an invalid period type or due rule`);
  }
  return obligations;
}

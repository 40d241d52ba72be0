import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CycleCalendarStep } from '@ocop/contracts';
import { resolveCalendar, type CalendarTemplateStep } from './cycle-calendar.rules';

export const CYCLE_CALENDARS_FILE = join(__dirname, '..', '..', 'data', 'cycle-calendars.json');

interface CalendarFile {
  reminderDays: number[];
  default: CalendarTemplateStep[];
  units: { unitCode: string; year: number; source: string; steps: CalendarTemplateStep[] }[];
}

/** The calendar a unit runs in a year: its own from the data if the plans give one, else the default. */
export function shippedCalendar(
  unitCode: string,
  year: number,
  path = CYCLE_CALENDARS_FILE,
): { steps: CycleCalendarStep[]; reminderDays: number[]; source: string } {
  const file = JSON.parse(readFileSync(path, 'utf8')) as CalendarFile;
  const own = file.units.find((unit) => unit.unitCode === unitCode && unit.year === year);
  return {
    steps: resolveCalendar(own?.steps ?? file.default, year),
    reminderDays: file.reminderDays,
    source: own?.source ?? 'default calendar (data/cycle-calendars.json)',
  };
}

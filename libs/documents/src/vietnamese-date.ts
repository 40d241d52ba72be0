/**
 * Dates as Vietnamese administrative documents write them (Nghị định 30/2020/NĐ-CP, Phụ lục I): a day below
 * 10 and the months January and February take a leading zero ("ngày 05 tháng 02 năm 2024"), other months do
 * not ("ngày 20 tháng 6 năm 2024").
 */

/** Vietnam's offset from UTC; the country has had no daylight saving time since 1975. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses a calendar date written `YYYY-MM-DD`; throws on anything else, including 2024-02-30. */
export function parseIsoDate(value: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    throw new RangeError(`not a YYYY-MM-DD date: "${value}"`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such date: "${value}"`);
  }
  return { year, month, day };
}

/** The date part of a timestamp in Vietnam's time (UTC+7), whatever the process's zone. */
export function vietnamCalendarDate(instant: Date): CalendarDate & { hour: number; minute: number } {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError('invalid date');
  }
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "ngày 20 tháng 6 năm 2024" from "2024-06-20" (or from a CalendarDate). */
export function vietnameseLongDate(date: string | CalendarDate): string {
  const { year, month, day } = typeof date === 'string' ? parseIsoDate(date) : date;
  const dd = day < 10 ? pad2(day) : String(day);
  const mm = month <= 2 ? pad2(month) : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/** "20/06/2024" from "2024-06-20" (or from a CalendarDate). */
export function vietnameseShortDate(date: string | CalendarDate): string {
  const { year, month, day } = typeof date === 'string' ? parseIsoDate(date) : date;
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "14:05 ngày 20/06/2024" for a timestamp, in Vietnam's time. */
export function vietnameseTimestamp(instant: Date | string): string {
  const date = vietnamCalendarDate(typeof instant === 'string' ? new Date(instant) : instant);
  return `${pad2(date.hour)}:${pad2(date.minute)} ngày ${vietnameseShortDate(date)}`;
}

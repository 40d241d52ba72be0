import { dateInVietnam } from '@ocop/contracts';
import type { EntityManager } from 'typeorm';

/** A day (YYYY-MM-DD, Vietnam) from an event's date or instant. */
export function vietnamDay(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : dateInVietnam(new Date(value));
}

/** The first day of the month of a day. */
export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

export interface ActivityInput {
  /** The day it happened (Vietnam). */
  day: string;
  provinceCode: string;
  /** '' when it belongs to the province and none of its communes. */
  communeCode: string;
  metric: string;
  count?: number;
  amount?: number;
}

/**
 * Adds to a unit's monthly counters. Runs in the transaction that records the event in the inbox, so an
 * event counts once however often it is delivered.
 */
export async function countActivity(manager: EntityManager, inputs: ActivityInput | ActivityInput[]): Promise<void> {
  const rows = (Array.isArray(inputs) ? inputs : [inputs]).filter((input) => input.provinceCode);
  if (rows.length === 0) return;
  const values: (string | number)[] = [];
  const tuples = rows.map((input) => {
    values.push(monthOf(input.day), input.provinceCode, input.communeCode, input.metric);
    values.push(input.count ?? 1, input.amount ?? 0);
    const base = values.length - 6;
    return `($${base + 1}::date, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::int, $${base + 6}::numeric)`;
  });
  await manager.query(
    `INSERT INTO reporting.rm_activity (month, province_code, commune_code, metric, count, amount)
     VALUES ${tuples.join(', ')}
     ON CONFLICT (month, province_code, commune_code, metric)
     DO UPDATE SET count = rm_activity.count + EXCLUDED.count, amount = rm_activity.amount + EXCLUDED.amount`,
    values,
  );
}

/** Moves one product between (unit, stage, group) counters. */
export async function countProduct(
  manager: EntityManager,
  place: { provinceCode: string; communeCode: string },
  stage: string,
  group: string,
  delta: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO reporting.rm_product_count (province_code, commune_code, stage, "group", count)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (province_code, commune_code, stage, "group") DO UPDATE SET count = rm_product_count.count + EXCLUDED.count`,
    [place.provinceCode, place.communeCode, stage, group, delta],
  );
}

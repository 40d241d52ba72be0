import { dateInVietnam } from '@ocop/contracts';
import type {
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';

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
 * event counts once however often it is delivered. Inside a transaction the counts are kept and written
 * just before it commits (ReadModelCounts), outside one at once.
 */
export async function countActivity(manager: EntityManager, inputs: ActivityInput | ActivityInput[]): Promise<void> {
  const rows = (Array.isArray(inputs) ? inputs : [inputs]).filter((input) => input.provinceCode);
  if (rows.length === 0) return;
  const pending = pendingOf(manager);
  const counts = pending?.activity ?? new Map<string, ActivityCount>();
  for (const input of rows) {
    const key: ActivityCount['key'] = [monthOf(input.day), input.provinceCode, input.communeCode, input.metric];
    const id = key.join('\u0000');
    const count = counts.get(id) ?? { key, count: 0, amount: 0 };
    count.count += input.count ?? 1;
    count.amount += input.amount ?? 0;
    counts.set(id, count);
  }
  if (!pending) await writeCounts(manager, counts, new Map());
}

/** Moves one product between (unit, stage, group) counters; written like countActivity's. */
export async function countProduct(
  manager: EntityManager,
  place: { provinceCode: string; communeCode: string },
  stage: string,
  group: string,
  delta: number,
): Promise<void> {
  const pending = pendingOf(manager);
  const counts = pending?.products ?? new Map<string, ProductCount>();
  const key: ProductCount['key'] = [place.provinceCode, place.communeCode, stage, group];
  const id = key.join('\u0000');
  const count = counts.get(id) ?? { key, count: 0 };
  count.count += delta;
  counts.set(id, count);
  if (!pending) await writeCounts(manager, new Map(), counts);
}

interface ActivityCount {
  /** month, province_code, commune_code, metric: the primary key. */
  key: [string, string, string, string];
  count: number;
  amount: number;
}
interface ProductCount {
  /** province_code, commune_code, stage, group: the primary key. */
  key: [string, string, string, string];
  count: number;
}
interface PendingCounts {
  activity: Map<string, ActivityCount>;
  products: Map<string, ProductCount>;
}

/** The counts of each open transaction, not written yet. */
const pendingCounts = new WeakMap<QueryRunner, PendingCounts>();

function pendingOf(manager: EntityManager): PendingCounts | null {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return null;
  let pending = pendingCounts.get(runner);
  if (!pending) pendingCounts.set(runner, (pending = { activity: new Map(), products: new Map() }));
  return pending;
}

const byKey = (a: { key: string[] }, b: { key: string[] }): number => {
  for (let i = 0; i < a.key.length; i += 1) {
    const x = a.key[i]!;
    const y = b.key[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** Rows per statement (PostgreSQL takes at most 65,535 parameters). */
const CHUNK = 5_000;

/**
 * One INSERT … ON CONFLICT per table for all the counts of a transaction, each counter once and in key
 * order: every transaction takes the counters' row locks in the same order, so two never wait for each other
 * in a cycle (the event consumer's batches run side by side and share counters). A zero change writes nothing
 * (the figures read a missing counter as 0). When both tables change (most events), the two INSERTs go as one
 * statement (one round trip): the activity first, then the products, as the main query reads them.
 */
async function writeCounts(
  manager: EntityManager,
  activity: Map<string, ActivityCount>,
  products: Map<string, ProductCount>,
): Promise<void> {
  const activityRows = [...activity.values()].filter((row) => row.count !== 0 || row.amount !== 0).sort(byKey);
  const productRows = [...products.values()].filter((row) => row.count !== 0).sort(byKey);
  if (activityRows.length > 0 && productRows.length > 0 && activityRows.length + productRows.length <= CHUNK) {
    const values: (string | number)[] = [];
    const activitySql = activityInsert(activityRows, values);
    const productSql = productCountInsert(productRows, values);
    await manager.query(
      `WITH activity AS (${activitySql} RETURNING 1), products AS (${productSql} RETURNING 1)
       SELECT (SELECT count(*) FROM activity) AS activity, (SELECT count(*) FROM products) AS products`,
      values,
    );
    return;
  }
  for (let from = 0; from < activityRows.length; from += CHUNK) {
    const values: (string | number)[] = [];
    await manager.query(activityInsert(activityRows.slice(from, from + CHUNK), values), values);
  }
  for (let from = 0; from < productRows.length; from += CHUNK) {
    const values: (string | number)[] = [];
    await manager.query(productCountInsert(productRows.slice(from, from + CHUNK), values), values);
  }
}

/** The upsert of activity counters; appends its parameters to `values`. */
function activityInsert(rows: ActivityCount[], values: (string | number)[]): string {
  const tuples = rows.map((row) => {
    values.push(...row.key, row.count, row.amount);
    const base = values.length - 6;
    return `($${base + 1}::date, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::int, $${base + 6}::numeric)`;
  });
  return `INSERT INTO reporting.rm_activity (month, province_code, commune_code, metric, count, amount)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (month, province_code, commune_code, metric)
       DO UPDATE SET count = rm_activity.count + EXCLUDED.count, amount = rm_activity.amount + EXCLUDED.amount`;
}

/** The upsert of product counters; appends its parameters to `values`. */
function productCountInsert(rows: ProductCount[], values: (string | number)[]): string {
  const tuples = rows.map((row) => {
    values.push(...row.key, row.count);
    const base = values.length - 5;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::int)`;
  });
  return `INSERT INTO reporting.rm_product_count (province_code, commune_code, stage, "group", count)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (province_code, commune_code, stage, "group") DO UPDATE SET count = rm_product_count.count + EXCLUDED.count`;
}

async function flush(runner: QueryRunner): Promise<void> {
  const pending = pendingCounts.get(runner);
  if (!pending) return;
  pendingCounts.delete(runner);
  await writeCounts(runner.manager, pending.activity, pending.products);
}

/**
 * Writes a transaction's counts just before it commits and forgets them when it rolls back (TypeORM calls
 * these inside commitTransaction and rollbackTransaction). Counts kept before a savepoint are written when it
 * starts, so rolling the savepoint back drops only its own. Registered on the DataSource by ReadModelConsumer.
 */
export class ReadModelCounts implements EntitySubscriberInterface {
  async beforeTransactionStart(event: TransactionStartEvent): Promise<void> {
    await flush(event.queryRunner);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await flush(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    pendingCounts.delete(event.queryRunner);
  }
}

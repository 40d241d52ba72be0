/**
 * Certificates expiring together (the promotion issue: "1,000 certificates expire at the same moment: time
 * until all their enrolments, consignments and listings are suspended, goal under 2 s"), the driver of
 * `npm run bench -- promotion-suspension`.
 *
 * On a fresh database that scripts/bench.sh created and migrated (promotion), it starts a private
 * nats-server and ONE promotion API process (its consumer of evaluation's events; no registration, no
 * Temporal: nothing here asks them), then:
 *
 *   set-up    promotion's certificate read model, events, sales points, enrolments, consignments and listings
 *             written straight into its tables with INSERT … SELECT (as certificate.issued and the APIs would
 *             have left them): BENCH_EXPIRING products (1,000) whose certificate ends today and
 *             BENCH_BACKGROUND others (4,000) that keep theirs; every product enrolled in BENCH_ENROLMENTS
 *             (2) of BENCH_EVENTS fairs (10, each its own organiser), on consignment at one of
 *             BENCH_SALES_POINTS points (20) and listed once
 *   measure   one `ocop.evaluation.certificate.expired.v1` per expiring certificate published to
 *             OCOP_EVALUATION at once (as evaluation's product workflows would at midnight); the clock
 *             runs from the first publish until no enrolment, consignment or listing of those products is
 *             active (polled every 10 ms), then until every event is in the inbox; against BENCH_TARGET_MS
 *             (2000). Also: the notices written (one per organiser or operator and product), the per-event
 *             latency (publish → its transaction's suspended_at), and EXPLAIN (ANALYZE, BUFFERS) of the three
 *             UPDATEs for one more product, in a transaction rolled back
 *
 *   node bench/dist/promotion-bench.js OUT.json
 *
 * Environment: BENCH_PROMO_DATABASE_URL (required), BENCH_WORK, BENCH_EXPIRING (1000), BENCH_BACKGROUND
 * (4000), BENCH_EVENTS (10), BENCH_ENROLMENTS (2), BENCH_SALES_POINTS (20), BENCH_TARGET_MS (2000),
 * BENCH_TIMEOUT (120 s), DATABASE_POOL_SIZE (passed to the API), NATS_SERVER_BIN.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { connect as connectNats, JSONCodec, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { round } from './load-summary';
import { cpuSeconds, machineTicks } from './proc-stats';
import { freePort, portAnswers, Processes, toolBinary, type Started } from './processes';
import { REPO, OCOP_HOME, env } from './bench-env';

const out = process.argv[2];
const databaseUrl = process.env.BENCH_PROMO_DATABASE_URL;
const work = env('BENCH_WORK', join(OCOP_HOME, 'bench', `promotion-${Date.now()}`));
const expiring = Number(env('BENCH_EXPIRING', '1000'));
const background = Number(env('BENCH_BACKGROUND', '4000'));
const eventCount = Number(env('BENCH_EVENTS', '10'));
const enrolmentsPerProduct = Math.min(Number(env('BENCH_ENROLMENTS', '2')), eventCount);
const salesPointCount = Number(env('BENCH_SALES_POINTS', '20'));
const targetMs = Number(env('BENCH_TARGET_MS', '2000'));
const timeoutMs = Number(env('BENCH_TIMEOUT', '120')) * 1000;

const EXPIRED_SUBJECT = 'ocop.evaluation.certificate.expired.v1';
const NOTICE_SUBJECT = 'ocop.promotion.suspension.notice.v1';

let processes: Processes | undefined;
let db: Pool | undefined;
const cleanups: (() => Promise<void>)[] = [];

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const log = (line: string): void => console.log(`[bench] ${line}`);

function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' }).format(new Date());
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

async function scalar(sql: string, params: unknown[] = []): Promise<number> {
  const result = await db!.query<{ n: string | number }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

/** The read model and what rests on it, written in a few set-based statements. */
async function seed(today: string): Promise<void> {
  // Products 1..expiring+1 end today (one more for EXPLAIN, outside the measure); the others are valid for years.
  const ending = expiring + 1;
  const total = ending + background;
  await db!.query(
    `INSERT INTO promotion.certificate (id, number, product_id, product_name, producer_id, producer_name, "group",
       stars, level, kind, issuing_unit_code, province_code, commune_code, issued_on, valid_until, status,
       source_event_id)
     SELECT gen_random_uuid(), 'BENCH/' || i, gen_random_uuid(), 'Sản phẩm ' || i, gen_random_uuid(), 'Chủ thể ' || i,
            'food', 3 + (i % 3 = 0)::int, 'province', 'new', '24', '24', '07432',
            CASE WHEN i <= $1 THEN $2::date - 1095 ELSE $2::date - 100 END,
            CASE WHEN i <= $1 THEN $2::date ELSE $2::date + 995 END, 'valid', gen_random_uuid()
       FROM generate_series(1, $3) AS i`,
    [ending, today, total],
  );
  await db!.query(
    `INSERT INTO promotion.promotion_event (created_by, name, kind, level, unit_code, province_code, organiser_name,
       place, starts_on, ends_on, capacity)
     SELECT 'bench', 'Hội chợ ' || lpad(k::text, 3, '0'), 'fair', 'province', '24', '24', 'Ban tổ chức ' || k,
            'Bắc Giang', $1::date + 10, $1::date + 14, $2
       FROM generate_series(0, $3 - 1) AS k`,
    [today, expiring + 1 + background, eventCount],
  );
  await db!.query(
    `INSERT INTO promotion.sales_point (created_by, name, kind, operator_name, unit_code, province_code, address, opened_on)
     SELECT 'bench', 'Điểm bán ' || lpad(k::text, 3, '0'), 'showroom', 'Đơn vị vận hành ' || k, '24', '24', 'Bắc Giang',
            $1::date - 365
       FROM generate_series(0, $2 - 1) AS k`,
    [today, salesPointCount],
  );
  const products = `SELECT c.*, split_part(c.number, '/', 2)::int AS i FROM promotion.certificate c`;
  const participation = `c.product_id, c.product_name, c.producer_id, c.producer_name, c.province_code, c.id, c.number, c.stars`;
  const columns = `product_id, product_name, producer_id, producer_name, product_province_code, certificate_id,
                   certificate_number, stars`;
  await db!.query(
    `WITH ev AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM promotion.promotion_event)
     INSERT INTO promotion.enrolment (${columns}, event_id, enrolled_by)
     SELECT ${participation}, ev.id, 'bench'
       FROM (${products}) c JOIN ev ON (ev.k - c.i % $1 + $1) % $1 < $2`,
    [eventCount, enrolmentsPerProduct],
  );
  await db!.query(
    `WITH sp AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM promotion.sales_point)
     INSERT INTO promotion.consignment (${columns}, sales_point_id, consigned_on, consigned_by)
     SELECT ${participation}, sp.id, $1::date - 30, 'bench'
       FROM (${products}) c JOIN sp ON sp.k = c.i % $2`,
    [today, salesPointCount],
  );
  await db!.query(
    `INSERT INTO promotion.listing (${columns}, platform, url, operator_name, created_by)
     SELECT ${participation}, 'shopee', 'https://shopee.vn/bench-' || c.i, c.producer_name, 'bench'
       FROM (${products}) c`,
  );
  await db!.query('ANALYZE promotion.certificate, promotion.enrolment, promotion.consignment, promotion.listing');
}

async function waitForPort(port: number, entry: Started, timeoutMsWait = 10_000): Promise<void> {
  const until = Date.now() + timeoutMsWait;
  while (!(await portAnswers(port))) {
    if (entry.child.exitCode !== null)
      throw new Error(`${entry.name} exited with ${entry.child.exitCode}; see ${entry.logFile}`);
    if (Date.now() > until) throw new Error(`${entry.name} did not listen on ${port}; see ${entry.logFile}`);
    await sleep(50);
  }
}

/** Waits until the promotion API's durable consumer exists on OCOP_EVALUATION. */
async function waitForConsumer(nc: NatsConnection, entry: Started): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await jsm.consumers.info('OCOP_EVALUATION', 'promotion');
      return;
    } catch {
      if (entry.child.exitCode !== null)
        throw new Error(`${entry.name} exited with ${entry.child.exitCode}; see ${entry.logFile}`);
      if (Date.now() > until) throw new Error(`promotion's consumer did not appear; see ${entry.logFile}`);
      await sleep(100);
    }
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the handler's three UPDATEs for one product, rolled back. */
async function explainUpdates(productId: string, today: string): Promise<Record<string, string>> {
  const client = await db!.connect();
  const plans: Record<string, string> = {};
  const noneInForce = `NOT EXISTS (SELECT 1 FROM promotion.certificate c WHERE c.product_id = $1 AND c.status = 'valid')`;
  const set = `status = 'suspended', suspended_reason = $2, suspended_at = now(), restored_at = NULL, updated_at = now()`;
  const statements: Record<string, [string, unknown[]]> = {
    enrolment: [
      `UPDATE promotion.enrolment e SET ${set} FROM promotion.promotion_event ev
        WHERE ev.id = e.event_id AND e.product_id = $1 AND e.status = 'active'
          AND ev.status = 'planned' AND ev.ends_on >= $3 AND ${noneInForce}
       RETURNING e.id, ev.id, ev.name, ev.organiser_name, ev.unit_code, ev.province_code`,
      [productId, 'certificate_expired', today],
    ],
    consignment: [
      `UPDATE promotion.consignment k SET ${set} FROM promotion.sales_point sp
        WHERE sp.id = k.sales_point_id AND k.product_id = $1 AND k.status = 'active' AND ${noneInForce}
       RETURNING k.id, sp.id, sp.name, sp.operator_name, sp.unit_code, sp.province_code`,
      [productId, 'certificate_expired'],
    ],
    listing: [
      `UPDATE promotion.listing l SET ${set}
        WHERE l.product_id = $1 AND l.status = 'active' AND ${noneInForce}
       RETURNING l.id, l.platform || ': ' || l.url, l.operator_name, l.product_province_code`,
      [productId, 'certificate_expired'],
    ],
  };
  try {
    await client.query('BEGIN');
    await client.query(`UPDATE promotion.certificate SET status = 'expired' WHERE product_id = $1`, [productId]);
    for (const [name, [sql, params]] of Object.entries(statements)) {
      const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans[name] = result.rows.map((row) => row['QUERY PLAN']).join('\n');
    }
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
  return plans;
}

async function main(): Promise<void> {
  if (!out) throw new Error('usage: promotion-bench.js OUT.json');
  if (!databaseUrl) throw new Error('BENCH_PROMO_DATABASE_URL is not set');
  mkdirSync(work, { recursive: true });
  processes = new Processes(work, REPO);
  const today = todayInVietnam();
  const started = Date.now();
  db = new Pool({ connectionString: databaseUrl, application_name: 'ocop-bench', max: 3 });
  db.on('error', (error) => log(`database connection lost: ${error.message}`));
  cleanups.push(() => db!.end());

  const t = Date.now();
  await seed(today);
  const seedMs = Date.now() - t;
  const counts = {
    certificates: await scalar('SELECT count(*) AS n FROM promotion.certificate'),
    enrolments: await scalar('SELECT count(*) AS n FROM promotion.enrolment'),
    consignments: await scalar('SELECT count(*) AS n FROM promotion.consignment'),
    listings: await scalar('SELECT count(*) AS n FROM promotion.listing'),
  };
  log(
    `seeded in ${(seedMs / 1000).toFixed(1)} s: ${counts.certificates} certificates (${expiring} ending today), ` +
      `${counts.enrolments} enrolments in ${eventCount} fairs, ${counts.consignments} consignments at ` +
      `${salesPointCount} sales points, ${counts.listings} listings`,
  );

  const natsPort = await freePort();
  const natsStore = mkdtempSync(join(work, 'nats-'));
  cleanups.push(() => Promise.resolve(rmSync(natsStore, { recursive: true, force: true })));
  const nats = processes.launch(
    'nats-server',
    toolBinary('nats-server', OCOP_HOME, process.env.NATS_SERVER_BIN),
    ['-js', '-sd', natsStore, '-a', '127.0.0.1', '-p', String(natsPort)],
    { PATH: process.env.PATH ?? '' },
  );
  await waitForPort(natsPort, nats);
  const httpPort = await freePort();
  const promotion = processes.launch(
    'promotion-main',
    process.execPath,
    [join(REPO, 'services/promotion/dist/main.js')],
    {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      HOME: process.env.HOME ?? '',
      HTTP_PORT: String(httpPort),
      HTTP_HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      // Never dialled: the client is lazy and nothing here starts a workflow.
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      JWT_SECRET: randomBytes(36).toString('base64url'),
      LOG_LEVEL: 'warn',
      ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
    },
  );
  await waitForPort(httpPort, promotion, 60_000);
  const nc = await connectNats({ servers: `nats://127.0.0.1:${natsPort}`, name: 'ocop-bench' });
  cleanups.push(() => nc.close());
  await waitForConsumer(nc, promotion);
  log(`promotion API (pid ${promotion.child.pid}) consuming OCOP_EVALUATION on a private nats-server :${natsPort}`);

  const expiringRows = await db.query<{ id: string; number: string; product_id: string }>(
    `SELECT id, number, product_id FROM promotion.certificate WHERE valid_until = $1 ORDER BY number`,
    [today],
  );
  const [spare, ...measured] = expiringRows.rows;
  if (!spare) throw new Error('nothing expires');
  const codec = JSONCodec();
  const js = nc.jetstream();
  const envelopes = measured.map((row) => ({
    id: randomUUID(),
    subject: EXPIRED_SUBJECT,
    version: 1,
    source: 'evaluation',
    occurredAt: new Date().toISOString(),
    data: {
      certificateId: row.id,
      number: row.number,
      productId: row.product_id,
      provinceCode: '24',
      expiredOn: today,
    },
  }));
  const productIds = measured.map((row) => row.product_id);
  const active = () =>
    scalar(
      `SELECT (SELECT count(*) FROM promotion.enrolment WHERE product_id = ANY($1) AND status = 'active')
            + (SELECT count(*) FROM promotion.consignment WHERE product_id = ANY($1) AND status = 'active')
            + (SELECT count(*) FROM promotion.listing WHERE product_id = ANY($1) AND status = 'active') AS n`,
      [productIds],
    );
  const activeBefore = await active();
  log(
    `${measured.length} certificate.expired events at once; ${activeBefore} enrolments, consignments and listings rest on them`,
  );

  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const pid = promotion.child.pid ?? 0;
  const cpuBefore = cpuSeconds(pid);
  const ticksBefore = machineTicks();
  const publishStart = Date.now();
  await Promise.all(
    envelopes.map((envelope) => js.publish(envelope.subject, codec.encode(envelope), { msgID: envelope.id })),
  );
  const publishMs = Date.now() - publishStart;
  let suspendedMs: number | null = null;
  for (;;) {
    if ((await active()) === 0) {
      suspendedMs = Date.now() - publishStart;
      break;
    }
    if (Date.now() - publishStart > timeoutMs) break;
    await sleep(10);
  }
  const cpuAfterSuspended = cpuSeconds(pid);
  const ticksAfter = machineTicks();
  const ids = envelopes.map((envelope) => envelope.id);
  let handledMs: number | null = null;
  for (;;) {
    if (
      (await scalar('SELECT count(*) AS n FROM promotion.inbox_event WHERE event_id = ANY($1::uuid[])', [ids])) ===
      ids.length
    ) {
      handledMs = Date.now() - publishStart;
      break;
    }
    if (Date.now() - publishStart > timeoutMs) break;
    await sleep(10);
  }
  const latencies = (
    await db.query<{ ms: string }>(
      `SELECT EXTRACT(EPOCH FROM (min(suspended_at) - to_timestamp($2 / 1000.0))) * 1000 AS ms
         FROM promotion.enrolment WHERE product_id = ANY($1) GROUP BY product_id`,
      [productIds, publishStart],
    )
  ).rows
    .map((row) => Number(row.ms))
    .sort((a, b) => a - b);
  const suspended = {
    enrolments: await scalar(
      `SELECT count(*) AS n FROM promotion.enrolment WHERE product_id = ANY($1) AND status = 'suspended'`,
      [productIds],
    ),
    consignments: await scalar(
      `SELECT count(*) AS n FROM promotion.consignment WHERE product_id = ANY($1) AND status = 'suspended'`,
      [productIds],
    ),
    listings: await scalar(
      `SELECT count(*) AS n FROM promotion.listing WHERE product_id = ANY($1) AND status = 'suspended'`,
      [productIds],
    ),
    untouchedOthers: await scalar(
      `SELECT count(*) AS n FROM promotion.enrolment WHERE NOT (product_id = ANY($1)) AND status = 'active'`,
      [productIds],
    ),
  };
  const notices = await scalar('SELECT count(*) AS n FROM promotion.outbox_event WHERE subject = $1', [NOTICE_SUBJECT]);
  const explain = await explainUpdates(spare.product_id, today);

  const result = {
    scenario: 'promotion-suspension',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      loadAverage: load,
    },
    settings: {
      expiring: measured.length,
      background,
      events: eventCount,
      enrolmentsPerProduct,
      salesPoints: salesPointCount,
      targetMs,
      databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    },
    seeded: { ...counts, seedMs },
    measured: {
      activeBefore,
      publishMs,
      allSuspendedMs: suspendedMs,
      allHandledMs: handledMs,
      eventsPerSecond: handledMs ? round((measured.length / handledMs) * 1000, 0) : null,
      perProductLatencyMs: {
        p50: round(percentile(latencies, 50) ?? 0, 0),
        p95: round(percentile(latencies, 95) ?? 0, 0),
        p99: round(percentile(latencies, 99) ?? 0, 0),
        max: round(latencies[latencies.length - 1] ?? 0, 0),
      },
      suspended,
      notices,
      /** CPU the promotion process used until everything was suspended, and how busy the machine was. */
      promotionCpuS: cpuBefore !== null && cpuAfterSuspended !== null ? round(cpuAfterSuspended - cpuBefore, 2) : null,
      machineBusyShare: round(
        1 -
          (ticksAfter.idle + ticksAfter.iowait - ticksBefore.idle - ticksBefore.iowait) /
            Math.max(1, ticksAfter.total - ticksBefore.total),
        2,
      ),
      withinTarget: suspendedMs !== null && suspendedMs <= targetMs,
    },
    explain,
    totalS: round((Date.now() - started) / 1000, 1),
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(
    `all ${activeBefore} suspended ${suspendedMs === null ? 'NOT within the timeout' : `in ${suspendedMs} ms`} ` +
      `(target ${targetMs} ms: ${result.measured.withinTarget ? 'met' : 'missed'}); every event handled in ` +
      `${handledMs ?? '—'} ms (${result.measured.eventsPerSecond ?? '—'}/s); per product p50 ` +
      `${result.measured.perProductLatencyMs.p50} ms, p99 ${result.measured.perProductLatencyMs.p99} ms; ` +
      `${notices} notices; publish took ${publishMs} ms; promotion used ${result.measured.promotionCpuS ?? '—'} s of ` +
      `CPU, the machine was ${Math.round(result.measured.machineBusyShare * 100)} % busy (load ${load})`,
  );
  log(`results: ${out}`);
}

async function cleanup(): Promise<void> {
  if (processes) await processes.stopAll().catch(() => undefined);
  for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what the bench started`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(`[bench] ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  });

/**
 * A national monthly report (issue 7), the driver of `npm run bench -- reporting-national`: "a national
 * monthly report (34 provinces, 3,321 communes, 100,000 products, 20,000 producers) in under 1 s and its XLSX
 * in under 3 s; event-to-read-model lag p99 under 100 ms at 500 events/s, beside the raw JetStream
 * publish-and-consume rate in the same run".
 *
 * On a fresh database that scripts/bench.sh created and migrated (reporting), it starts a private nats-server
 * and ONE reporting API process (its read-model consumer; no other service, no Temporal: the API's Temporal
 * client is lazy and REPORT_SCHEDULES_AUTO is off). The driver answers the one thing reporting asks of
 * registration at run time, the units' ancestors for the jurisdiction check (NATS request/reply), from
 * services/registration/data/admin-units.csv. Then:
 *
 *   backfill  the history of BENCH_PRODUCERS producers and BENCH_PRODUCTS products over BENCH_HISTORY_YEARS
 *             years (bench/src/reporting-data.ts) published onto OCOP_REGISTRATION, OCOP_EVALUATION and
 *             OCOP_PROMOTION as the relays would (envelope, Nats-Msg-Id = event id, in time order), while
 *             reporting consumes: publish rate, events/s until reporting's consumers have acknowledged every
 *             message, the CPU of reporting, its PostgreSQL backends and nats-server; then the read models
 *             and the report are checked against the history (products, producers, stages, certificates,
 *             the month's registrations and certificates)
 *   report    VACUUM (ANALYZE) of the tables the backfill wrote and a CHECKPOINT, then GET /api/v1/reports/figures for VN and
 *             the current month without and with the drill-down to the 34 provinces, its XLSX (and PDF, CSV), and a
 *             province with its communes: BENCH_WARMUP_REQUESTS (2) then BENCH_REQUESTS (20) requests each,
 *             one at a time, against BENCH_TARGET_MS (1000) and BENCH_XLSX_TARGET_MS (3000); the national
 *             figures without the drill-down equal the drill-down's total (provinces + national level)
 *   SQL       the statements of FiguresService (services/reporting/dist) for those reports, captured on a
 *             logging DataSource, each with EXPLAIN (ANALYZE, BUFFERS)
 *   lag       BENCH_LAG_RATE (500) live events/s for BENCH_LAG_SECONDS (30): stage changes, certificates,
 *             registrations, promotion; each event's lag = when reporting's ack for it was sent (seen on a
 *             subscription to $JS.ACK.>; reporting acks after its transaction commits) minus when it was
 *             published; beside it the ack floor (consumer info polled every BENCH_POLL_MS (100) ms, an upper
 *             bound) and the inbox's handled_at (the transaction's start, a lower bound)
 *   raw       the same messages (same bytes) on a stream of their own (BENCH_RAW) consumed by a plain durable
 *             pull consumer in a process of its own (bench/src/jetstream-raw-consumer.ts, acks each, no
 *             database): at full speed (publish and consume rates) and at BENCH_LAG_RATE (lag as above)
 *
 *   node bench/dist/reporting-bench.js OUT.json
 *
 * Environment: BENCH_REPORT_DATABASE_URL (required), BENCH_WORK, BENCH_PRODUCERS (20000), BENCH_PRODUCTS
 * (100000), BENCH_HISTORY_YEARS (5), BENCH_SEED (20250701), BENCH_REQUESTS (20), BENCH_WARMUP_REQUESTS (2),
 * BENCH_TARGET_MS (1000), BENCH_XLSX_TARGET_MS (3000), BENCH_LAG_RATE (500), BENCH_LAG_SECONDS (30),
 * BENCH_LAG_TARGET_MS (100), BENCH_POLL_MS (10), BENCH_PUBLISH_WINDOW (1000), BENCH_CATCHUP_TIMEOUT (900 s),
 * DATABASE_POOL_SIZE (passed to the API), BENCH_REPORTING_NODE_ARGS (node options of the API process, e.g.
 * `--cpu-prof --cpu-prof-dir=DIR`), NATS_SERVER_BIN.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';
import {
  connect as connectNats,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  type PubAck,
} from 'nats';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { EvaluationEvents, PromotionEvents, RegistrationEvents } from '../../libs/contracts/dist';
import type { RawConsumerMessage } from './jetstream-raw-consumer';
import { round } from './load-summary';
import { cpuSeconds, machineTicks, statusBytes } from './proc-stats';
import { freePort, portAnswers, Processes, toolBinary, type Started } from './processes';
import { ReportingHistory, vnDay, type History, type ProductState } from './reporting-data';
import { percentile } from './request-pool';
import { ScaleData } from './scale-data';
import { REPO, OCOP_HOME, env, num } from './bench-env';

const out = process.argv[2];
const databaseUrl = process.env.BENCH_REPORT_DATABASE_URL ?? '';
const work = env('BENCH_WORK', join(OCOP_HOME, 'bench', `reporting-${Date.now()}`));
const producerCount = Math.floor(num('BENCH_PRODUCERS', 20_000));
const productCount = Math.floor(num('BENCH_PRODUCTS', 100_000));
const historyYears = num('BENCH_HISTORY_YEARS', 5);
const seed = Math.floor(num('BENCH_SEED', 20250701));
const requests = Math.floor(num('BENCH_REQUESTS', 20));
const warmupRequests = Math.floor(Number(env('BENCH_WARMUP_REQUESTS', '2')));
const targetMs = num('BENCH_TARGET_MS', 1000);
const xlsxTargetMs = num('BENCH_XLSX_TARGET_MS', 3000);
const lagRate = num('BENCH_LAG_RATE', 500);
const lagSeconds = num('BENCH_LAG_SECONDS', 30);
const lagTargetMs = num('BENCH_LAG_TARGET_MS', 100);
// Ack floors are only the coverage check and an upper bound now (each ack is seen as sent): no need to poll hard.
const pollMs = num('BENCH_POLL_MS', 100);
const publishWindow = Math.floor(num('BENCH_PUBLISH_WINDOW', 1000));
const catchUpTimeoutMs = num('BENCH_CATCHUP_TIMEOUT', 900) * 1000;

const SOURCES = ['OCOP_REGISTRATION', 'OCOP_EVALUATION', 'OCOP_PROMOTION'] as const;
const CONSUMER = 'reporting';
const RAW_STREAM = 'BENCH_RAW';
const RAW_DURABLE = 'raw';
/** As libs/messaging's ensureServiceStream: JetStream drops a repeated Nats-Msg-Id within 10 minutes. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000;
const UNIT_ANCESTORS_SUBJECT = 'ocop.rpc.registration.admin-unit.ancestors';

const log = (line: string): void => console.log(`[bench] ${line}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Epoch milliseconds with sub-millisecond resolution. */
const clock = (): number => performance.timeOrigin + performance.now();
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

let processes: Processes | undefined;
let db: Pool | undefined;
const cleanups: (() => Promise<unknown>)[] = [];
const encoder = new TextEncoder();

async function scalar(sql: string, params: unknown[] = []): Promise<number> {
  const result = await db!.query<{ n: string | number | null }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

/** PostgreSQL's wall clock minus the driver's `clock()`, in ms (the query's round trip halved). */
async function wallClockOffset(): Promise<number> {
  const before = clock();
  const { rows } = await db!.query<{ ms: string }>(`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms`);
  const after = clock();
  return Number(rows[0]!.ms) - (before + after) / 2;
}

// ------------------------------------------------------------------ statistics
interface Latency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}
function latency(values: number[]): Latency {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50), 1),
    p90: round(percentile(sorted, 90), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted.length > 0 ? sorted[sorted.length - 1]! : 0, 1),
    mean: round(sorted.length > 0 ? sum / sorted.length : 0, 1),
  };
}

// ------------------------------------------------------------------ CPU of the processes involved
interface CpuMark {
  at: number;
  named: Record<string, number | null>;
  pg: Map<number, number>;
  ticks: { total: number; idle: number; iowait: number };
}
interface CpuUsage {
  seconds: number;
  /** % of one core. */
  reporting: number | null;
  postgres: number | null;
  nats: number | null;
  driver: number | null;
  rawConsumer: number | null;
  machineBusyPct: number;
}
const pids: Record<string, number | null> = { reporting: null, nats: null, driver: process.pid, rawConsumer: null };

/** PostgreSQL backends serving this database's clients (not autovacuum), other than the bench's own. */
async function backendPids(): Promise<number[]> {
  const rows = await db!.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
        AND coalesce(application_name, '') NOT LIKE 'ocop-bench%'`,
  );
  return rows.rows.map((row) => row.pid);
}
/**
 * Samples what the consumer's PostgreSQL backends are doing every `everyMs` (active and waiting on what, idle
 * in a transaction, idle): where the handling time goes inside the database, e.g. waiting on a row lock or
 * on the WAL flush at commit.
 */
function sampleBackends(everyMs: number) {
  const counts = new Map<string, number>();
  let samples = 0;
  let active = true;
  const done = (async () => {
    while (active) {
      const rows = await db!.query<{ what: string }>(
        // Autovacuum workers too (on any table of the server): they share the 2 cores with the measurement.
        `SELECT CASE WHEN backend_type = 'autovacuum worker' THEN query
                     ELSE state || coalesce(' / ' || wait_event_type || ':' || wait_event, '') END AS what
           FROM pg_stat_activity
          WHERE backend_type = 'autovacuum worker'
             OR (datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                 AND coalesce(application_name, '') NOT LIKE 'ocop-bench%')`,
      );
      samples += 1;
      for (const row of rows.rows) counts.set(row.what, (counts.get(row.what) ?? 0) + 1);
      await sleep(everyMs);
    }
  })();
  return async () => {
    active = false;
    await done;
    return {
      samples,
      /** Backend-samples per state / wait, most first. */
      states: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])),
    };
  };
}

/** PostgreSQL's counters of this database (transactions, deadlocks, rows), to compare two moments. */
type DbStats = Record<
  'commits' | 'rollbacks' | 'deadlocks' | 'inserted' | 'updated' | 'fetched' | 'checkpoints' | 'checkpointBuffers',
  number
>;
async function dbStats(): Promise<DbStats> {
  // Backends report their counters when idle or at most every second or so: wait for the last ones.
  await sleep(1_500);
  const row = (
    await db!.query<Record<string, string>>(
      `SELECT xact_commit AS commits, xact_rollback AS rollbacks, deadlocks, tup_inserted AS inserted,
              tup_updated AS updated, tup_fetched AS fetched
         FROM pg_stat_database WHERE datname = current_database()`,
    )
  ).rows[0];
  // The server's checkpointer (all databases): a checkpoint writing during a phase competes for the disk.
  const checkpointer = (
    await db!.query<{ checkpoints: string; buffers: string }>(
      `SELECT checkpoints_timed + checkpoints_req AS checkpoints, buffers_checkpoint AS buffers FROM pg_stat_bgwriter`,
    )
  ).rows[0];
  return {
    commits: Number(row?.commits ?? 0),
    rollbacks: Number(row?.rollbacks ?? 0),
    deadlocks: Number(row?.deadlocks ?? 0),
    inserted: Number(row?.inserted ?? 0),
    updated: Number(row?.updated ?? 0),
    fetched: Number(row?.fetched ?? 0),
    checkpoints: Number(checkpointer?.checkpoints ?? 0),
    checkpointBuffers: Number(checkpointer?.buffers ?? 0),
  };
}
function dbStatsSince(from: DbStats, to: DbStats, events: number) {
  const d = (key: keyof DbStats) => to[key] - from[key];
  return {
    commits: d('commits'),
    rollbacks: d('rollbacks'),
    deadlocks: d('deadlocks'),
    rowsInserted: d('inserted'),
    rowsUpdated: d('updated'),
    /** Events per committed transaction: the consumer's mean batch (the bench's own few reads included). */
    eventsPerCommit: round(events / Math.max(1, d('commits')), 1),
    /** Checkpoints the server started or finished during the phase, and the buffers they wrote (8 KiB each). */
    checkpoints: d('checkpoints'),
    checkpointBuffers: d('checkpointBuffers'),
  };
}

async function cpuMark(): Promise<CpuMark> {
  const pg = new Map<number, number>();
  for (const pid of await backendPids()) pg.set(pid, cpuSeconds(pid) ?? 0);
  const named: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(pids)) named[name] = pid === null ? null : cpuSeconds(pid);
  return { at: Date.now(), named, pg, ticks: machineTicks() };
}
async function cpuSince(from: CpuMark): Promise<CpuUsage> {
  const to = await cpuMark();
  const seconds = Math.max((to.at - from.at) / 1000, 1e-3);
  const pct = (a: number | null | undefined, b: number | null | undefined): number | null =>
    a == null || b == null ? null : round(((b - a) / seconds) * 100, 1);
  // A backend opened during the phase counts from zero; one closed during it is missed.
  let pgSeconds = 0;
  for (const [pid, cpu] of to.pg) pgSeconds += cpu - (from.pg.get(pid) ?? 0);
  const total = Math.max(to.ticks.total - from.ticks.total, 1);
  const idle = to.ticks.idle - from.ticks.idle + (to.ticks.iowait - from.ticks.iowait);
  return {
    seconds: round(seconds, 1),
    reporting: pct(from.named.reporting, to.named.reporting),
    postgres: round((pgSeconds / seconds) * 100, 1),
    nats: pct(from.named.nats, to.named.nats),
    driver: pct(from.named.driver, to.named.driver),
    rawConsumer: pct(from.named.rawConsumer, to.named.rawConsumer),
    machineBusyPct: round(((total - idle) / total) * 100, 1),
  };
}
const cpuText = (u: CpuUsage): string =>
  `reporting ${u.reporting ?? '?'} %, its PostgreSQL backends ${u.postgres ?? '?'} %, nats-server ${u.nats ?? '?'} %, ` +
  `driver ${u.driver ?? '?'} %${u.rawConsumer !== null ? `, raw consumer ${u.rawConsumer} %` : ''}; machine ${u.machineBusyPct} % busy`;

// ------------------------------------------------------------------ JetStream
interface Envelope {
  id: string;
  subject: string;
  version: number;
  source: string;
  occurredAt: string;
  data: unknown;
}
function envelope(subject: string, at: number, data: unknown): Envelope {
  return {
    id: randomUUID(),
    subject,
    version: Number(/\.v(\d+)$/.exec(subject)?.[1] ?? 1),
    source: subject.split('.')[1] ?? '',
    occurredAt: new Date(at).toISOString(),
    data,
  };
}

interface Floors {
  at: number;
  /** ack_floor.stream_seq per stream. */
  floors: Record<string, number>;
  pending: number;
}
async function floorsOf(jsm: JetStreamManager, streams: readonly string[], durable: string): Promise<Floors> {
  const infos = await Promise.all(streams.map((stream) => jsm.consumers.info(stream, durable)));
  const floors: Record<string, number> = {};
  let pending = 0;
  infos.forEach((info, i) => {
    floors[streams[i]!] = info.ack_floor.stream_seq;
    pending += info.num_pending + info.num_ack_pending;
  });
  return { at: clock(), floors, pending };
}

/** floorsOf, or null when the JetStream API did not answer in time (a busy server): the caller skips a poll. */
let pollFailures = 0;
async function tryFloors(jsm: JetStreamManager, streams: readonly string[], durable: string): Promise<Floors | null> {
  try {
    return await floorsOf(jsm, streams, durable);
  } catch (error) {
    pollFailures += 1;
    if (pollFailures <= 5)
      log(`  (consumer info did not answer: ${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/** Polls the consumers' ack floors every `pollMs` until stopped; the samples in time order. */
function startPoller(jsm: JetStreamManager, streams: readonly string[], durable: string) {
  const samples: Floors[] = [];
  let active = true;
  const gaps: number[] = [];
  const done = (async () => {
    while (active) {
      const started = clock();
      const sample = await tryFloors(jsm, streams, durable);
      if (sample) {
        if (samples.length > 0) gaps.push(sample.at - samples[samples.length - 1]!.at);
        samples.push(sample);
      }
      const wait = started + pollMs - clock();
      if (wait > 0) await sleep(wait);
    }
  })();
  const covers = (sample: Floors | undefined, last: Record<string, number>): boolean =>
    sample !== undefined && Object.entries(last).every(([stream, seq]) => (sample.floors[stream] ?? 0) >= seq);
  return {
    samples,
    /** Stops once a sample shows every stream's ack floor at `last` (or after the time-out); when that was. */
    stopWhenCovered: async (last: Record<string, number>, timeoutMs = 120_000) => {
      const until = clock() + timeoutMs;
      while (!covers(samples[samples.length - 1], last) && clock() < until) await sleep(pollMs);
      active = false;
      await done;
      const first = samples.find((sample) => covers(sample, last));
      return {
        coveredAt: first?.at ?? null,
        samples: samples.length,
        meanGapMs: round(gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length), 1),
      };
    },
  };
}

/**
 * The driver's own garbage collections while it measures: an ack the driver sees late because it was paused is
 * not the consumer's lag, and a major collection of its heap (the history it generated) takes the second core
 * for its marking threads. So the bench collects before the lag phase (`collectDriverGarbage`) and reports every
 * major one that still falls in it, with its offset.
 */
function observeDriverGc(since: number) {
  const pauses: number[] = [];
  const majors: Array<{ atS: number; ms: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push(entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        majors.push({
          atS: round((performance.timeOrigin + entry.startTime - since) / 1000, 2),
          ms: round(entry.duration, 1),
        });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    return {
      pauses: pauses.length,
      totalMs: round(
        pauses.reduce((a, b) => a + b, 0),
        1,
      ),
      maxMs: round(Math.max(0, ...pauses), 1),
      over20Ms: pauses.filter((ms) => ms >= 20).length,
      majors,
    };
  };
}

/**
 * A full collection of the driver's heap, when node runs with --expose-gc (scripts/bench.sh passes it): the
 * backfill's garbage (hundreds of MB) is collected now rather than by a major GC in the middle of the lag phase.
 */
function collectDriverGarbage(): { collected: boolean; ms: number; heapMiBBefore: number; heapMiBAfter: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  gc?.();
  return {
    collected: gc !== undefined,
    ms: round(performance.now() - start, 0),
    heapMiBBefore: round(before / 2 ** 20, 0),
    heapMiBAfter: round(process.memoryUsage().heapUsed / 2 ** 20, 0),
  };
}

interface Sent {
  publishedAt: number;
  stream: string;
  seq: number;
}

/**
 * Sees every acknowledgement the moment a consumer sends it. A JetStream ack is a core NATS message on the
 * delivery's reply subject, `$JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<ts>.<pending>`
 * (with `<domain>.<account hash>` after `ACK` and a token at the end in the newer form), so a plain subscriber
 * gets a copy: reporting acks after its transaction commits, so the first `+ACK` of a sequence is when the
 * event was handled, exactly (to within the delivery of the copy), unlike the ack floor (an upper bound).
 */
function startAckObserver(nc: NatsConnection, consumers: readonly string[]) {
  const firstAck = new Map<string, number>();
  const decoder = new TextDecoder();
  const subscription = nc.subscribe('$JS.ACK.>', {
    callback: (error, message) => {
      if (error) return;
      const at = clock();
      const body = decoder.decode(message.data);
      if (body !== '' && body !== '+ACK') return; // +WPI (in progress), -NAK, +TERM are not handled yet
      const tokens = message.subject.split('.');
      const at0 = tokens.length === 9 ? 2 : 4;
      const [stream, consumer, , seq] = tokens.slice(at0, at0 + 4);
      if (!stream || !consumer || !seq || !consumers.includes(consumer)) return;
      const key = `${stream}.${seq}`;
      if (!firstAck.has(key)) firstAck.set(key, at);
    },
  });
  /** When the first ack of a stream sequence was seen, if it was. */
  const ackedAt = (s: Sent): number | undefined => firstAck.get(`${s.stream}.${s.seq}`);
  return {
    ackedAt,
    /** Each message's lag: its first ack seen minus its publish; those whose ack was not seen are counted. */
    lagsOf: (sent: Sent[]): { lags: number[]; unseen: number } => {
      const lags: number[] = [];
      let unseen = 0;
      for (const s of sent) {
        const at = ackedAt(s);
        if (at === undefined) unseen += 1;
        else lags.push(Math.max(0, at - s.publishedAt));
      }
      return { lags, unseen };
    },
    stop: () => subscription.unsubscribe(),
  };
}
/** Each message's lag: the first sample whose ack floor on its stream covers its sequence, minus its publish. */
function lagsOf(sent: Sent[], samples: Floors[]): { lags: number[]; unhandled: number } {
  const lags: number[] = [];
  let unhandled = 0;
  const byStream = new Map<string, Sent[]>();
  for (const s of sent) byStream.set(s.stream, [...(byStream.get(s.stream) ?? []), s]);
  for (const [stream, list] of byStream) {
    list.sort((a, b) => a.seq - b.seq);
    let k = 0;
    for (const sample of samples) {
      const floor = sample.floors[stream] ?? 0;
      while (k < list.length && list[k]!.seq <= floor) {
        lags.push(Math.max(0, sample.at - list[k]!.publishedAt));
        k += 1;
      }
    }
    unhandled += list.length - k;
  }
  return { lags, unhandled };
}

/**
 * Publishes messages at a steady rate (each sent when its slot has come, checked every millisecond or so),
 * recording each one's publish instant; the acks give the sequences.
 */
async function publishSteady(
  js: JetStreamClient,
  count: number,
  rate: number,
  message: (i: number, at: number) => { subject: string; payload: Uint8Array; id: string },
): Promise<{ sent: Sent[]; durationMs: number; lateMs: number[] }> {
  const sent: Sent[] = new Array<Sent>(count);
  const acks: Promise<void>[] = [];
  const interval = 1000 / rate;
  const start = clock();
  const late: number[] = [];
  for (let i = 0; i < count;) {
    const now = clock();
    const due = start + i * interval;
    if (now < due) {
      await sleep(Math.max(0, Math.min(due - now, 2) - 0.5));
      continue;
    }
    while (i < count && start + i * interval <= clock()) {
      const at = clock();
      late.push(at - (start + i * interval));
      const m = message(i, at);
      const index = i;
      acks.push(
        js.publish(m.subject, m.payload, { msgID: m.id }).then((ack: PubAck) => {
          sent[index] = { publishedAt: at, stream: ack.stream, seq: ack.seq };
        }),
      );
      i += 1;
    }
  }
  await Promise.all(acks);
  return { sent, durationMs: clock() - start, lateMs: late };
}

/** Publishes as fast as JetStream acknowledges, `window` publishes in flight. */
async function publishFast(
  js: JetStreamClient,
  count: number,
  message: (i: number) => { subject: string; payload: Uint8Array; id: string },
  onProgress?: (done: number) => void,
): Promise<{ sent: Sent[]; firstAt: number; lastAckAt: number; bytes: number }> {
  const sent: Sent[] = new Array<Sent>(count);
  let next = 0;
  let bytes = 0;
  let lastAckAt = 0;
  const firstAt = clock();
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      const m = message(i);
      bytes += m.payload.byteLength;
      const at = clock();
      const ack = await js.publish(m.subject, m.payload, { msgID: m.id });
      lastAckAt = clock();
      sent[i] = { publishedAt: at, stream: ack.stream, seq: ack.seq };
      if (onProgress && i % 10_000 === 0) onProgress(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(publishWindow, count) }, worker));
  return { sent, firstAt, lastAckAt, bytes };
}

// ------------------------------------------------------------------ HTTP
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let apiUrl = new URL('http://127.0.0.1');
let token = '';
function get(path: string): Promise<{ status: number; ms: number; body: Buffer; contentType: string }> {
  const started = performance.now();
  return new Promise((resolveGet, reject) => {
    const req = httpRequest(
      {
        agent,
        host: apiUrl.hostname,
        port: apiUrl.port,
        path,
        headers: { authorization: `Bearer ${token}` },
        timeout: 60_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolveGet({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks),
            contentType: String(response.headers['content-type'] ?? ''),
          }),
        );
        response.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 60 s')));
    req.on('error', reject);
    req.end();
  });
}

interface Timed {
  name: string;
  what: string;
  path: string;
  targetMs: number;
  status: number;
  bytes: number;
  contentType: string;
  latencyMs: Latency;
  samplesMs: number[];
  pass: boolean;
}
async function timeRequest(name: string, what: string, path: string, target: number): Promise<Timed> {
  for (let i = 0; i < warmupRequests; i += 1) await get(path);
  const samples: number[] = [];
  let last = { status: 0, bytes: 0, contentType: '' };
  for (let i = 0; i < requests; i += 1) {
    const response = await get(path);
    samples.push(response.ms);
    last = { status: response.status, bytes: response.body.byteLength, contentType: response.contentType };
    if (response.status !== 200)
      log(`  ${path}: HTTP ${response.status} ${response.body.toString('utf8').slice(0, 300)}`);
  }
  const l = latency(samples);
  const pass = last.status === 200 && l.p99 < target;
  log(
    `  ${name}: p50 ${l.p50} / p90 ${l.p90} / p99 ${l.p99} / max ${l.max} ms over ${requests} requests, ` +
      `${fmt(last.bytes / 1024)} KiB, HTTP ${last.status} → ${pass ? 'PASS' : 'FAIL'} (target ${target} ms)`,
  );
  return {
    name,
    what,
    path,
    targetMs: target,
    ...last,
    latencyMs: l,
    samplesMs: samples.map((v) => round(v, 1)),
    pass,
  };
}

// ------------------------------------------------------------------ the SQL behind a report
interface Explained {
  sql: string;
  parameters: unknown[];
  planningMs: number | null;
  executionMs: number | null;
  plan: string;
}
interface Profile {
  report: string;
  /** The in-process call (FiguresService on a DataSource of its own), wall time. */
  wallMs: number;
  statements: Explained[];
}
interface FigureWindowLike {
  unit: { code: string; level: string };
}
interface FiguresServiceLike {
  window(unitCode: string, periodKey: string): Promise<FigureWindowLike>;
  figures(window: FigureWindowLike): Promise<unknown>;
  children(window: FigureWindowLike): Promise<unknown>;
}

async function explainStatement(sql: string, parameters: unknown[]): Promise<Explained> {
  const result = await db!.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
  const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
  const grab = (pattern: RegExp): number | null => {
    const found = pattern.exec(plan);
    return found ? Number(found[1]) : null;
  };
  return {
    sql: sql.replace(/\s+/g, ' ').trim(),
    parameters,
    planningMs: grab(/Planning Time: ([\d.]+) ms/),
    executionMs: grab(/Execution Time: ([\d.]+) ms/),
    plan,
  };
}

/**
 * The statements FiguresService runs for each report, captured by running the service's own code (from
 * services/reporting/dist) on a DataSource whose logger records them (pg_stat_statements is not loaded on
 * this server), then each run with EXPLAIN (ANALYZE, BUFFERS).
 */
async function profileReports(period: string, province: string): Promise<Profile[]> {
  const load = async <T>(path: string): Promise<T> => (await import(join(REPO, 'services/reporting/dist', path))) as T;
  const { reportingDataSource } = await load<{ reportingDataSource: (url: string) => DataSource }>(
    'database/data-source.js',
  );
  const { UnitDirectory } = await load<{ UnitDirectory: new (ds: DataSource) => unknown }>(
    'unit/unit-directory.service.js',
  );
  const { FiguresService } = await load<{
    FiguresService: new (ds: DataSource, units: unknown) => FiguresServiceLike;
  }>('figures/figures.service.js');
  let recording: { sql: string; parameters: unknown[] }[] | null = null;
  const dataSource = reportingDataSource(databaseUrl);
  dataSource.setOptions({
    logging: true,
    applicationName: 'ocop-bench-explain',
    extra: { max: 8 },
    logger: {
      logQuery: (sql: string, parameters?: unknown[]) => recording?.push({ sql, parameters: parameters ?? [] }),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    },
  });
  await dataSource.initialize();
  cleanups.push(() => dataSource.destroy());
  const figures = new FiguresService(dataSource, new UnitDirectory(dataSource));
  const profiles: Profile[] = [];
  const calls: [string, string, (w: FigureWindowLike) => Promise<unknown>][] = [
    ['national', 'VN', (w) => figures.figures(w)],
    ['national-drill', 'VN', (w) => figures.children(w)],
    ['province-drill', province, (w) => figures.children(w)],
  ];
  for (const [report, unit, call] of calls) {
    const window = await figures.window(unit, period);
    await call(window); // warm (the unit list is read once)
    recording = [];
    const t = performance.now();
    await call(window);
    const wallMs = round(performance.now() - t, 1);
    const captured: { sql: string; parameters: unknown[] }[] = recording;
    recording = null;
    const statements: Explained[] = [];
    for (const statement of captured) statements.push(await explainStatement(statement.sql, statement.parameters));
    profiles.push({ report, wallMs, statements });
  }
  return profiles;
}

// ------------------------------------------------------------------ the live events of a working day
interface LiveEvent {
  kind: string;
  subject: string;
  data: (at: number) => unknown;
}
/**
 * `count` events as a working day brings them, from where the history left each product: stage changes of
 * products on their way (45 %), certificates of products in evaluation with registration's stage change
 * (2 × 10 %), new products (10 %) and producers (5 %), scores (5 %), consignments, listings and rewards (15 %).
 */
function liveEvents(history: History, count: number, random: () => number): LiveEvent[] {
  const today = vnDay(Date.now());
  const validUntil = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  const pick = <T>(list: T[]): T | undefined => list.splice(Math.floor(random() * list.length), 1)[0];
  const NEXT: Record<string, 'selected' | 'business_plan' | 'dossier'> = {
    idea: 'selected',
    selected: 'business_plan',
    business_plan: 'dossier',
  };
  const onTheirWay = history.products.filter((p) => NEXT[p.stage] !== undefined);
  const inEvaluation = history.products.filter((p) => p.stage === 'in_evaluation' && p.roundId && !p.certificate);
  const certified = history.products.filter((p) => p.stage === 'certified' && p.certificate);
  const points = history.openSalesPoints;
  const iso = (at: number) => new Date(at).toISOString();
  const stage = (p: ProductState, to: string, reason: string): LiveEvent => ({
    kind: 'stage change',
    subject: RegistrationEvents.productStageChanged.subject,
    data: (at) => ({
      productId: p.id,
      from: p.stage,
      to,
      reason,
      provinceCode: p.provinceCode,
      communeCode: p.communeCode,
      changedAt: iso(at),
    }),
  });
  const events: LiveEvent[] = [];
  let seq = 0;
  while (events.length < count) {
    const r = random();
    seq += 1;
    if (r < 0.45) {
      const p = pick(onTheirWay);
      if (p) events.push(stage(p, NEXT[p.stage]!, 'chuyển bước'));
    } else if (r < 0.65) {
      const p = pick(inEvaluation);
      if (!p) continue;
      events.push(stage(p, 'certified', 'certify: công nhận'));
      const certificateId = randomUUID();
      events.push({
        kind: 'certificate issued',
        subject: EvaluationEvents.certificateIssued.subject,
        data: () => ({
          certificateId,
          number: `${p.provinceCode}-${today.slice(0, 4)}-L${String(seq).padStart(6, '0')}`,
          productId: p.id,
          producerId: p.producerId,
          productName: p.name,
          producerName: p.producerName,
          group: p.group,
          stars: random() < 0.7 ? 3 : 4,
          level: 'province',
          kind: 'new',
          issuingUnitCode: p.provinceCode,
          provinceCode: p.provinceCode,
          communeCode: p.communeCode,
          decisionId: randomUUID(),
          issuedOn: today,
          validUntil,
          supersedes: null,
        }),
      });
    } else if (r < 0.75) {
      const producer = history.producers[Math.floor(random() * history.producers.length)]!;
      const like = history.products[Math.floor(random() * history.products.length)]!;
      events.push({
        kind: 'product registered',
        subject: RegistrationEvents.productRegistered.subject,
        data: (at) => ({
          productId: randomUUID(),
          name: `${like.name} (mẫu mới)`,
          group: like.group,
          subgroup: null,
          producerId: producer.id,
          producerName: producer.name,
          provinceCode: producer.provinceCode,
          communeCode: producer.communeCode,
          cycleYear: Number(today.slice(0, 4)),
          registeredAt: iso(at),
        }),
      });
    } else if (r < 0.8) {
      const like = history.producers[Math.floor(random() * history.producers.length)]!;
      events.push({
        kind: 'producer registered',
        subject: RegistrationEvents.producerRegistered.subject,
        data: (at) => ({
          producerId: randomUUID(),
          name: `${like.name} ${seq}`,
          legalForm: like.legalForm,
          taxCode: `${like.provinceCode}${String(90_000_000 + seq).padStart(8, '0')}`,
          provinceCode: like.provinceCode,
          communeCode: like.communeCode,
          registeredAt: iso(at),
        }),
      });
    } else if (r < 0.85) {
      const p = inEvaluation[Math.floor(random() * inEvaluation.length)];
      if (!p?.roundId) continue;
      const roundId = p.roundId;
      events.push({
        kind: 'product scored',
        subject: EvaluationEvents.productScored.subject,
        data: () => ({
          roundId,
          productId: p.id,
          score: 50 + Math.floor(random() * 40),
          aggregation: 'mean',
          stars: 3,
          starCap: 5,
          flagged: false,
          memberCount: 9,
        }),
      });
    } else {
      const p = certified[Math.floor(random() * certified.length)];
      const certificate = p?.certificate;
      if (!p || !certificate) continue;
      const which = random();
      const salesPoint = (points[p.provinceCode] ?? [])[0];
      if (which < 0.34 && salesPoint)
        events.push({
          kind: 'promotion',
          subject: PromotionEvents.productConsigned.subject,
          data: (at) => ({
            salesPointId: salesPoint,
            consignmentId: randomUUID(),
            productId: p.id,
            producerId: p.producerId,
            certificateId: certificate.id,
            stars: certificate.stars,
            provinceCode: p.provinceCode,
            consignedOn: vnDay(at),
          }),
        });
      else if (which < 0.67)
        events.push({
          kind: 'promotion',
          subject: PromotionEvents.listingPublished.subject,
          data: (at) => ({
            listingId: randomUUID(),
            productId: p.id,
            producerId: p.producerId,
            certificateId: certificate.id,
            platform: 'shopee',
            url: `https://shop.example.vn/ocop/${p.id}/${seq}`,
            provinceCode: p.provinceCode,
            publishedAt: iso(at),
          }),
        });
      else
        events.push({
          kind: 'promotion',
          subject: PromotionEvents.rewardCreated.subject,
          data: () => ({
            rewardId: randomUUID(),
            policyCode: `${p.provinceCode}-ocop-reward`,
            payerUnitCode: p.provinceCode,
            certificateId: certificate.id,
            certificateNumber: certificate.number,
            productId: p.id,
            producerId: p.producerId,
            provinceCode: p.provinceCode,
            stars: certificate.stars,
            previousStars: null,
            reason: 'new_certificate',
            amountVnd: 10_000_000,
            budgetYear: Number(today.slice(0, 4)),
          }),
        });
    }
  }
  return events.slice(0, count);
}

// ------------------------------------------------------------------ processes
async function waitForPort(port: number, entry: Started, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await portAnswers(port))) {
    if (entry.child.exitCode !== null)
      throw new Error(`${entry.name} exited with ${entry.child.exitCode}; see ${entry.logFile}`);
    if (Date.now() > until) throw new Error(`${entry.name} did not listen on ${port}; see ${entry.logFile}`);
    await sleep(50);
  }
}

/** Answers reporting's jurisdiction look-ups as registration would (Nest's NATS reply shape). */
function answerAncestors(nc: NatsConnection, units: Map<string, string[]>): { answered: () => number } {
  let answered = 0;
  const sub = nc.subscribe(UNIT_ANCESTORS_SUBJECT);
  void (async () => {
    for await (const message of sub) {
      const request = JSON.parse(new TextDecoder().decode(message.data)) as {
        id?: string;
        data?: { unitCode?: string };
      };
      const ancestors = units.get(String(request.data?.unitCode ?? '')) ?? null;
      message.respond(encoder.encode(JSON.stringify({ id: request.id, response: { ancestors }, isDisposed: true })));
      answered += 1;
    }
  })();
  return { answered: () => answered };
}

// ------------------------------------------------------------------ main
async function main(): Promise<void> {
  if (!out) throw new Error('usage: reporting-bench.js OUT.json');
  if (!databaseUrl) throw new Error('BENCH_REPORT_DATABASE_URL is not set');
  mkdirSync(work, { recursive: true });
  processes = new Processes(work, REPO);
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const loads: Record<string, string> = { start: loadAverage() };
  const mark = (name: string, since: number): void => {
    timings[name] = round((Date.now() - since) / 1000, 1);
  };
  db = new Pool({ connectionString: databaseUrl, application_name: 'ocop-bench', max: 4 });
  db.on('error', (error) => log(`database connection lost: ${error.message}`));
  cleanups.push(() => db!.end());

  // -------------------------------------------------------------- the history
  let t = Date.now();
  const now = Date.now();
  const today = vnDay(now);
  const period = `${today.slice(0, 4)}-M${today.slice(5, 7)}`;
  const data = new ScaleData(join(REPO, 'services/registration/data/admin-units.csv'), seed);
  const history = new ReportingHistory(data, seed, now, historyYears).generate(producerCount, productCount);
  mark('generate', t);
  const eventCount = history.events.length;
  const productsByProvince = new Map<string, number>();
  for (const p of history.products)
    productsByProvince.set(p.provinceCode, (productsByProvince.get(p.provinceCode) ?? 0) + 1);
  const province = [...productsByProvince.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const provinceName = data.provinces.find((p) => p.code === province)?.name ?? province;
  const provinceCommunes = data.communes.filter((c) => c.provinceCode === province).length;
  log(
    `history generated in ${timings.generate} s: ${fmt(eventCount)} events over ${historyYears} years for ` +
      `${fmt(history.producers.length)} producers and ${fmt(history.products.length)} products in ` +
      `${data.provinces.length} provinces / ${fmt(data.communes.length)} communes; ${history.rounds} rounds, ` +
      `${history.salesPoints} sales points, ${history.fairs} fairs; report period ${period}, as at ${today}`,
  );

  // -------------------------------------------------------------- processes
  t = Date.now();
  const natsPort = await freePort();
  const natsStore = mkdtempSync(join(work, 'nats-'));
  cleanups.push(() => Promise.resolve(rmSync(natsStore, { recursive: true, force: true })));
  const nats = processes.launch(
    'nats-server',
    toolBinary('nats-server', OCOP_HOME, process.env.NATS_SERVER_BIN),
    ['-js', '-sd', natsStore, '-a', '127.0.0.1', '-p', String(natsPort)],
    { PATH: process.env.PATH ?? '' },
  );
  pids.nats = nats.child.pid ?? null;
  await waitForPort(natsPort, nats);
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const nc = await connectNats({ servers: natsUrl, name: 'ocop-bench' });
  cleanups.push(() => nc.close());
  // A generous API time-out: the server is busy storing hundreds of thousands of messages meanwhile.
  const jsm = await nc.jetstreamManager({ timeout: 30_000 });
  const js = nc.jetstream({ timeout: 30_000 });
  const ancestors = new Map<string, string[]>([['VN', ['VN']]]);
  for (const p of data.provinces) ancestors.set(p.code, [p.code]);
  for (const c of data.communes) ancestors.set(c.code, [c.code, c.provinceCode]);
  const rpc = answerAncestors(nc, ancestors);

  const httpPort = await freePort();
  const secret = randomBytes(36).toString('base64url');
  // BENCH_REPORTING_NODE_ARGS, e.g. --cpu-prof --cpu-prof-dir=DIR: where the consumer's time goes.
  const nodeArgs = (process.env.BENCH_REPORTING_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const reporting = processes.launch(
    'reporting-main',
    process.execPath,
    [...nodeArgs, join(REPO, 'services/reporting/dist/main.js')],
    {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      HOME: process.env.HOME ?? '',
      HTTP_PORT: String(httpPort),
      HTTP_HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      // Never dialled: the client is lazy, and no schedule is created at start.
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      REPORT_SCHEDULES_AUTO: 'false',
      JWT_SECRET: secret,
      LOG_LEVEL: 'warn',
      ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
    },
  );
  pids.reporting = reporting.child.pid ?? null;
  apiUrl = new URL(`http://127.0.0.1:${httpPort}`);
  const { mintLocalToken } = (await import(join(REPO, 'libs/nest-common/dist/auth/mint-token.js'))) as {
    mintLocalToken: (input: {
      secret: string;
      subject: string;
      roles: string[];
      unitCode: string;
      name?: string;
      expiresIn?: string;
    }) => Promise<string>;
  };
  token = await mintLocalToken({
    secret,
    subject: 'bench-ministry',
    roles: ['ministry_officer'],
    unitCode: 'VN',
    name: 'Bench (Bộ NN&MT)',
    expiresIn: '6h',
  });
  await waitForPort(httpPort, reporting, 60_000);
  // Ready: liveness (/health also checks Temporal, deliberately absent), the consumers, one report.
  for (const stream of SOURCES) {
    const until = Date.now() + 60_000;
    for (;;) {
      try {
        await jsm.consumers.info(stream, CONSUMER);
        break;
      } catch {
        if (reporting.child.exitCode !== null) throw new Error(`reporting exited; see ${reporting.logFile}`);
        if (Date.now() > until)
          throw new Error(`reporting's consumer on ${stream} did not appear; see ${reporting.logFile}`);
        await sleep(100);
      }
    }
  }
  const first = await get(`/api/v1/reports/figures?unit=VN&period=${period}&children=false`);
  if (first.status !== 200)
    throw new Error(`the empty report answered ${first.status}: ${first.body.toString('utf8').slice(0, 300)}`);
  mark('startApi', t);
  log(
    `reporting API (pid ${reporting.child.pid}) ready on ${apiUrl.origin} in ${timings.startApi} s, consuming ` +
      `${SOURCES.join(', ')} on a private nats-server :${natsPort}; log ${reporting.logFile}`,
  );

  // -------------------------------------------------------------- backfill
  loads.backfill = loadAverage();
  log(
    `backfill: publishing ${fmt(eventCount)} events in time order (${publishWindow} in flight) while reporting consumes`,
  );
  const statsBefore = await dbStats();
  let cpu = await cpuMark();
  const backfillStart = clock();
  const progress: { at: number; published: number; handled: number }[] = [];
  let published = 0;
  let publishing = true;
  const lastSeq: Record<string, number> = {};
  let caughtUpAt: number | null = null;
  const sampler = (async () => {
    let stalled = 0;
    let previous = -1;
    let lastLog = clock();
    for (;;) {
      // Every second while publishing, then every poll interval to catch the moment it is done.
      await sleep(publishing ? 1_000 : pollMs);
      const sample = await tryFloors(jsm, SOURCES, CONSUMER);
      if (!sample) continue;
      const { floors, at } = sample;
      const handled = SOURCES.reduce((sum, s) => sum + (floors[s] ?? 0), 0);
      if (!publishing && SOURCES.every((s) => (floors[s] ?? 0) >= (lastSeq[s] ?? 0))) {
        caughtUpAt = at;
        progress.push({ at: at - backfillStart, published, handled });
        break;
      }
      if (at - lastLog >= 10_000) {
        const before = [...progress].reverse().find((p) => p.at <= at - backfillStart - 9_500) ?? progress[0];
        const rate = before ? (handled - before.handled) / ((at - backfillStart - before.at) / 1000) : 0;
        log(
          `  ${round((at - backfillStart) / 1000, 0)} s: published ${fmt(published)}/${fmt(eventCount)}, ` +
            `handled ${fmt(handled)} (${fmt(rate)}/s over the last 10 s)`,
        );
        lastLog = at;
        stalled = handled === previous ? stalled + 1 : 0;
        previous = handled;
      }
      if (progress.length === 0 || at - backfillStart - progress[progress.length - 1]!.at >= 1_000)
        progress.push({ at: at - backfillStart, published, handled });
      if (stalled >= 12) throw new Error(`reporting handled nothing for 2 minutes; see ${reporting.logFile}`);
      if (at - backfillStart > catchUpTimeoutMs)
        throw new Error('reporting did not catch up within BENCH_CATCHUP_TIMEOUT');
    }
  })();
  const events = history.events;
  const backfillPublish = await publishFast(
    js,
    eventCount,
    (i) => {
      const event = events[i]!;
      const e = envelope(event.subject, event.at, event.data);
      return { subject: event.subject, payload: encoder.encode(JSON.stringify(e)), id: e.id };
    },
    (done) => (published = done),
  );
  published = eventCount;
  for (const s of backfillPublish.sent) lastSeq[s.stream] = Math.max(lastSeq[s.stream] ?? 0, s.seq);
  const publishedAt = clock();
  const atPublishEnd = (await tryFloors(jsm, SOURCES, CONSUMER)) ?? (await floorsOf(jsm, SOURCES, CONSUMER));
  const handledAtPublishEnd = SOURCES.reduce((sum, s) => sum + (atPublishEnd.floors[s] ?? 0), 0);
  publishing = false;
  log(
    `  published ${fmt(eventCount)} events in ${round((publishedAt - backfillStart) / 1000, 1)} s ` +
      `(${fmt((eventCount / (backfillPublish.lastAckAt - backfillPublish.firstAt)) * 1000)}/s, ` +
      `${fmt(backfillPublish.bytes / eventCount)} B each); waiting for reporting`,
  );
  await sampler;
  const doneAt = caughtUpAt ?? clock();
  const backfillCpu = await cpuSince(cpu);
  const backfillDb = dbStatsSince(statsBefore, await dbStats(), eventCount);
  const backfillS = (doneAt - backfillStart) / 1000;
  const tailS = (doneAt - publishedAt) / 1000;
  const backfill = {
    events: eventCount,
    bySubject: history.bySubject,
    bytes: backfillPublish.bytes,
    publishS: round((publishedAt - backfillStart) / 1000, 1),
    publishPerS: round((eventCount / (backfillPublish.lastAckAt - backfillPublish.firstAt)) * 1000, 0),
    caughtUpS: round(backfillS, 1),
    eventsPerS: round(eventCount / backfillS, 0),
    handledWhilePublishing: handledAtPublishEnd,
    /** The consumer alone, once the publisher had finished. */
    tailEventsPerS: tailS > 1 ? round((eventCount - handledAtPublishEnd) / tailS, 0) : null,
    progress: progress.map((p) => ({ s: round(p.at / 1000, 1), published: p.published, handled: p.handled })),
    cpu: backfillCpu,
    database: backfillDb,
    perStream: lastSeq,
  };
  log(
    `backfill: reporting caught up ${backfill.caughtUpS} s after the first publish: ${fmt(backfill.eventsPerS)} events/s ` +
      `(${fmt(handledAtPublishEnd)} handled while publishing, then ${backfill.tailEventsPerS ?? '—'}/s alone); ${cpuText(backfillCpu)}; ` +
      `${fmt(backfillDb.commits)} transactions (${backfillDb.eventsPerCommit} events each), ${backfillDb.rollbacks} rolled back, ` +
      `${backfillDb.deadlocks} deadlocks`,
  );
  history.events.length = 0; // the payloads are not needed any more

  // -------------------------------------------------------------- what the read models hold
  t = Date.now();
  const counts = {
    inbox: await scalar(`SELECT count(*) AS n FROM reporting.inbox_event WHERE consumer = 'reporting'`),
    producers: await scalar('SELECT count(*) AS n FROM reporting.rm_producer'),
    products: await scalar('SELECT count(*) AS n FROM reporting.rm_product'),
    productsCounted: await scalar('SELECT sum(count) AS n FROM reporting.rm_product_count'),
    certificates: await scalar('SELECT count(*) AS n FROM reporting.rm_certificate'),
    roundEntries: await scalar('SELECT count(*) AS n FROM reporting.rm_round_entry'),
    rounds: await scalar('SELECT count(*) AS n FROM reporting.rm_round'),
    salesPoints: await scalar('SELECT count(*) AS n FROM reporting.rm_sales_point'),
    activityRows: await scalar('SELECT count(*) AS n FROM reporting.rm_activity'),
    productCountRows: await scalar('SELECT count(*) AS n FROM reporting.rm_product_count'),
  };
  const tableBytes = Object.fromEntries(
    (
      await db.query<{ k: string; n: string }>(
        `SELECT c.relname AS k, pg_total_relation_size(c.oid) AS n FROM pg_class c
           JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = 'reporting' AND c.relkind = 'r' AND (c.relname LIKE 'rm\\_%' OR c.relname = 'inbox_event')`,
      )
    ).rows.map((row) => [row.k, Number(row.n)]),
  );
  const national = JSON.parse(
    (await get(`/api/v1/reports/figures?unit=VN&period=${period}&children=false`)).body.toString('utf8'),
  ) as { figures: Record<string, number> };
  const f = national.figures;
  const e = history.expected;
  const checks: { what: string; expected: number; actual: number }[] = [
    { what: 'events in reporting inbox', expected: eventCount, actual: counts.inbox },
    { what: 'products (rm_product)', expected: e.products, actual: counts.products },
    { what: 'producers (rm_producer)', expected: e.producers, actual: counts.producers },
    {
      what: 'certificates (rm_certificate)',
      expected: history.bySubject[EvaluationEvents.certificateIssued.subject] ?? 0,
      actual: counts.certificates,
    },
    { what: 'products_total', expected: e.products, actual: f.products_total ?? -1 },
    { what: 'producers_total', expected: e.producers, actual: f.producers_total ?? -1 },
    ...Object.keys(e.productsByStage)
      .sort()
      .map((stage) => ({
        what: `products_stage_${stage}`,
        expected: e.productsByStage[stage] ?? 0,
        actual: f[`products_stage_${stage}`] ?? -1,
      })),
    {
      what: 'certified_total',
      expected: Object.values(e.certifiedByStars).reduce((a, b) => a + b, 0),
      actual: f.certified_total ?? -1,
    },
    ...[3, 4, 5].map((stars) => ({
      what: `certified_${stars}_stars`,
      expected: e.certifiedByStars[stars] ?? 0,
      actual: f[`certified_${stars}_stars`] ?? -1,
    })),
    ...Object.entries(e.month).map(([key, value]) => ({
      what: `${key} (${period})`,
      expected: value,
      actual: f[key] ?? -1,
    })),
  ];
  const mismatches = checks.filter((c) => c.expected !== c.actual);
  log(
    mismatches.length === 0
      ? `read models check: all ${checks.length} totals equal what was published (products ${fmt(e.products)}, producers ${fmt(e.producers)}, ` +
          `certified ${fmt(f.certified_total ?? 0)}, inbox ${fmt(counts.inbox)})`
      : `read models check: ${mismatches.length} MISMATCHES: ${mismatches.map((m) => `${m.what} ${m.actual} ≠ ${m.expected}`).join('; ')}`,
  );

  // -------------------------------------------------------------- statistics, as autovacuum would leave them
  const autovacuum = (
    await db.query<{ relname: string; last_autoanalyze: Date | null; n_live_tup: string }>(
      `SELECT relname, last_autoanalyze, n_live_tup FROM pg_stat_user_tables
        WHERE schemaname = 'reporting' AND n_live_tup + n_dead_tup > 0 ORDER BY relname`,
    )
  ).rows.map((row) => ({
    table: row.relname,
    autoanalyzed: row.last_autoanalyze !== null,
    rows: Number(row.n_live_tup),
  }));
  t = Date.now();
  // Every table the backfill wrote, the inbox's 722,000 rows too (since 2026-12-07): otherwise autovacuum works
  // them off during the measurements, on the same 2 cores.
  await db.query(`VACUUM (ANALYZE) ${autovacuum.map((row) => `reporting.${row.table}`).join(', ')}`);
  mark('vacuumAnalyze', t);
  log(`VACUUM (ANALYZE) of the ${autovacuum.length} tables the backfill wrote: ${timings.vacuumAnalyze} s`);
  // The backfill leaves gigabytes of dirty pages; the checkpointer spreads their writing over minutes, which
  // the measurements below would otherwise share the disk with. A running system has long finished that.
  t = Date.now();
  let checkpointed = true;
  await db.query('CHECKPOINT').catch((error: unknown) => {
    checkpointed = false;
    log(`CHECKPOINT refused (${String(error)}): the measurements share the disk with the checkpointer`);
  });
  mark('checkpoint', t);
  if (checkpointed) log(`CHECKPOINT after the backfill: ${timings.checkpoint} s`);

  // -------------------------------------------------------------- the reports
  loads.reports = loadAverage();
  cpu = await cpuMark();
  t = Date.now();
  const q = `period=${period}`;
  log(`reports for ${period}, ${warmupRequests} warm-up + ${requests} timed requests each, one at a time:`);
  const reports: Timed[] = [];
  reports.push(
    await timeRequest('national', 'VN, figures only', `/api/v1/reports/figures?unit=VN&${q}&children=false`, targetMs),
  );
  reports.push(
    await timeRequest('national-drill', 'VN with its 34 provinces', `/api/v1/reports/figures?unit=VN&${q}`, targetMs),
  );
  reports.push(
    await timeRequest(
      'national-xlsx',
      'VN with its provinces, XLSX',
      `/api/v1/reports/figures/export.xlsx?unit=VN&${q}`,
      xlsxTargetMs,
    ),
  );
  reports.push(
    await timeRequest(
      'national-pdf',
      'VN with its provinces, PDF',
      `/api/v1/reports/figures/export.pdf?unit=VN&${q}`,
      xlsxTargetMs,
    ),
  );
  reports.push(
    await timeRequest(
      'national-csv',
      'VN with its provinces, CSV',
      `/api/v1/reports/figures/export.csv?unit=VN&${q}`,
      xlsxTargetMs,
    ),
  );
  reports.push(
    await timeRequest(
      'province-drill',
      `${provinceName} with its ${provinceCommunes} communes`,
      `/api/v1/reports/figures?unit=${province}&${q}`,
      targetMs,
    ),
  );
  reports.push(
    await timeRequest(
      'province-xlsx',
      `${provinceName} with its communes, XLSX`,
      `/api/v1/reports/figures/export.xlsx?unit=${province}&${q}`,
      xlsxTargetMs,
    ),
  );
  const reportsCpu = await cpuSince(cpu);
  mark('reports', t);

  // The rule the service guarantees: a unit's figures are its children's plus its own.
  type Doc = {
    figures: Record<string, number>;
    children: { unit: { code: string }; figures: Record<string, number> }[];
    own: Record<string, number> | null;
  };
  const read = async (path: string): Promise<Doc> => JSON.parse((await get(path)).body.toString('utf8')) as Doc;
  const sums = async (unit: string) => {
    const alone = await read(`/api/v1/reports/figures?unit=${unit}&${q}&children=false`);
    const drill = await read(`/api/v1/reports/figures?unit=${unit}&${q}`);
    const differences: string[] = [];
    const own: Record<string, number> = {};
    for (const key of Object.keys(alone.figures)) {
      const childSum = drill.children.reduce((sum, child) => sum + (child.figures[key] ?? 0), 0);
      const ownValue = drill.own?.[key] ?? 0;
      if (ownValue !== 0) own[key] = ownValue;
      const direct = alone.figures[key] ?? 0;
      if (Math.abs(direct - (childSum + ownValue)) > 1e-6 || Math.abs((drill.figures[key] ?? 0) - direct) > 1e-6)
        differences.push(`${key}: ${direct} ≠ ${childSum} + ${ownValue}`);
    }
    return { unit, children: drill.children.length, figures: Object.keys(alone.figures).length, differences, own };
  };
  const totals = [await sums('VN'), await sums(province)];
  for (const total of totals)
    log(
      `  ${total.unit}: ${total.differences.length === 0 ? `all ${total.figures} figures` : `${total.differences.length} figures NOT`} = the sum of its ` +
        `${total.children} children + its own level (${Object.keys(total.own).length} non-zero own figures)` +
        (total.differences.length > 0 ? `: ${total.differences.slice(0, 5).join('; ')}` : ''),
    );

  // -------------------------------------------------------------- the SQL behind them
  t = Date.now();
  const profiles = await profileReports(period, province);
  mark('explain', t);
  for (const profile of profiles)
    log(
      `  SQL of ${profile.report}: ${profile.statements.length} statements, execution ` +
        `${profile.statements.map((s) => s.executionMs ?? '?').join(' + ')} ms (in-process call ${profile.wallMs} ms)`,
    );

  // -------------------------------------------------------------- lag at a steady rate
  const lagCount = Math.round(lagRate * lagSeconds);
  const random = (() => {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let x = state;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  })();
  const live = liveEvents(history, lagCount, random);
  const liveKinds: Record<string, number> = {};
  for (const event of live) liveKinds[event.kind] = (liveKinds[event.kind] ?? 0) + 1;
  const payloads: Uint8Array[] = new Array<Uint8Array>(lagCount);
  const liveIds: string[] = new Array<string>(lagCount);
  const inboxBefore = counts.inbox;
  loads.lag = loadAverage();
  log(
    `lag: ${fmt(lagCount)} live events at ${lagRate}/s (${Object.entries(liveKinds)
      .map(([k, n]) => `${k} ${fmt(n)}`)
      .join(', ')}), consumer info polled every ${pollMs} ms`,
  );
  const lagStatsBefore = await dbStats();
  cpu = await cpuMark();
  const ackObserver = startAckObserver(nc, [CONSUMER, RAW_DURABLE]);
  cleanups.push(() => Promise.resolve(ackObserver.stop()));
  let poller = startPoller(jsm, SOURCES, CONSUMER);
  const driverHeap = collectDriverGarbage();
  log(
    driverHeap.collected
      ? `  the driver's heap collected before the lag: ${fmt(driverHeap.heapMiBBefore)} → ${fmt(driverHeap.heapMiBAfter)} MiB in ${driverHeap.ms} ms`
      : "  the driver's heap not collected before the lag (node without --expose-gc)",
  );
  const stopDriverGc = observeDriverGc(clock());
  const stopSampling = sampleBackends(num('BENCH_SAMPLE_MS', 20));
  const lagPublish = await publishSteady(js, lagCount, lagRate, (i, at) => {
    const event = live[i]!;
    const e = envelope(event.subject, at, event.data(at));
    const payload = encoder.encode(JSON.stringify(e));
    payloads[i] = payload;
    liveIds[i] = e.id;
    return { subject: event.subject, payload, id: e.id };
  });
  const lagLast: Record<string, number> = {};
  for (const s of lagPublish.sent) lagLast[s.stream] = Math.max(lagLast[s.stream] ?? 0, s.seq);
  let pollStats = await poller.stopWhenCovered(lagLast);
  const driverGc = stopDriverGc();
  const backendStates = await stopSampling();
  const lagDone = pollStats.coveredAt;
  const lagCpu = await cpuSince(cpu);
  const lagDb = dbStatsSince(lagStatsBefore, await dbStats(), lagCount);
  const lagFloors = lagsOf(lagPublish.sent, poller.samples);
  const lagAcks = ackObserver.lagsOf(lagPublish.sent);
  // A lower bound beside it: the inbox row's handled_at is now() in the consumer's transaction, i.e. when the
  // transaction that handled the event started (the ack floor above is an upper bound). handled_at is the wall
  // clock, the driver's clock() is monotonic from its start: the two drift apart over a run (seen: 240 ms), so
  // handled_at is moved onto the driver's clock by their offset, read now.
  const clockOffsetMs = await wallClockOffset();
  const started = new Map(
    (
      await db.query<{ event_id: string; ms: string }>(
        `SELECT event_id, extract(epoch FROM handled_at) * 1000 AS ms FROM reporting.inbox_event
          WHERE consumer = 'reporting' AND event_id = ANY($1::uuid[])`,
        [liveIds],
      )
    ).rows.map((row) => [row.event_id, Number(row.ms) - clockOffsetMs]),
  );
  // Every live event, one line each (wall-clock ms), in the raw logs: to line the slow ones up with what the
  // processes logged at that moment.
  writeFileSync(
    join(work, 'lag-events.csv'),
    'published_at_ms,subject,stream,seq,tx_start_ms,acked_ms\n' +
      lagPublish.sent
        .map((s, i) => {
          const txStart = started.get(liveIds[i]!);
          const acked = ackObserver.ackedAt(s);
          return [
            s.publishedAt.toFixed(1),
            live[i]!.subject,
            s.stream,
            s.seq,
            txStart === undefined ? '' : (txStart - s.publishedAt).toFixed(1),
            acked === undefined ? '' : (acked - s.publishedAt).toFixed(1),
          ].join(',');
        })
        .join('\n') +
      '\n',
  );
  const lagFromStart = liveIds
    .map((id, i) => (started.get(id) ?? NaN) - lagPublish.sent[i]!.publishedAt)
    .filter((v) => Number.isFinite(v));
  const lag = {
    events: lagCount,
    rate: lagRate,
    kinds: liveKinds,
    bySubject: Object.fromEntries(
      [...new Set(live.map((l) => l.subject))].map((s) => [s, live.filter((l) => l.subject === s).length]),
    ),
    publishS: round(lagPublish.durationMs / 1000, 1),
    achievedRate: round((lagCount / lagPublish.durationMs) * 1000, 1),
    publishLateMs: latency(lagPublish.lateMs),
    caughtUpAfterLastPublishMs:
      lagDone === null ? null : round(lagDone - lagPublish.sent.reduce((m, s) => Math.max(m, s.publishedAt), 0), 0),
    /** Publish → reporting's ack (sent after its transaction committed), each ack seen as it was sent. */
    latencyMs: latency(lagAcks.lags),
    acksUnseen: lagAcks.unseen,
    /** Publish → the first poll whose ack floor covers it: an upper bound. */
    ackFloorMs: latency(lagFloors.lags),
    /** Publish → the start of the transaction that handled it (inbox handled_at): a lower bound. */
    toTransactionStartMs: latency(lagFromStart.map((v) => Math.max(0, v))),
    unhandled: lagFloors.unhandled,
    poll: pollStats,
    bytesMean: round(payloads.reduce((sum, p) => sum + p.byteLength, 0) / lagCount, 0),
    inboxAdded:
      (await scalar(`SELECT count(*) AS n FROM reporting.inbox_event WHERE consumer = 'reporting'`)) - inboxBefore,
    cpu: lagCpu,
    database: lagDb,
    driverGc,
    driverHeap,
    backendStates,
    pass: lagFloors.unhandled === 0 && lagAcks.unseen === 0 && latency(lagAcks.lags).p99 < lagTargetMs,
  };
  log(
    `lag at ${lag.achievedRate}/s (publish → reporting's ack): p50 ${lag.latencyMs.p50} / p90 ${lag.latencyMs.p90} / p99 ${lag.latencyMs.p99} / max ${lag.latencyMs.max} ms ` +
      `(${lag.acksUnseen} acks not seen; ack floor p50 ${lag.ackFloorMs.p50} / p99 ${lag.ackFloorMs.p99} ms, an upper bound; ` +
      `to the start of its transaction: p50 ${lag.toTransactionStartMs.p50} / p99 ${lag.toTransactionStartMs.p99} ms, a lower bound) ` +
      `(${lag.unhandled} not handled, ${fmt(lag.inboxAdded)} in the inbox) → ${lag.pass ? 'PASS' : 'FAIL'} (p99 < ${lagTargetMs} ms); ` +
      `polls every ${pollStats.meanGapMs} ms; ${cpuText(lagCpu)}; ${fmt(lagDb.commits)} transactions ` +
      `(${lagDb.eventsPerCommit} events each), ${lagDb.deadlocks} deadlocks; the driver's GC: ${driverGc.pauses} pauses, ` +
      `${driverGc.totalMs} ms in all, the longest ${driverGc.maxMs} ms, ${driverGc.over20Ms} of 20 ms or more, ` +
      `${driverGc.majors.length} major${driverGc.majors.map((m) => ` (at ${m.atS} s, ${m.ms} ms)`).join('')}; ` +
      `reporting's backends over ${backendStates.samples} samples: ${Object.entries(backendStates.states)
        .map(([what, n]) => `${what} ${n}`)
        .join(', ')}`,
  );

  // -------------------------------------------------------------- the raw JetStream baseline
  await jsm.streams.add({
    name: RAW_STREAM,
    subjects: ['bench.raw.>'],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: DUPLICATE_WINDOW_NS,
  });
  const rawLog = createWriteStream(join(work, 'raw-consumer.log'));
  const rawChild: ChildProcess = fork(
    join(__dirname, 'jetstream-raw-consumer.js'),
    [natsUrl, RAW_STREAM, RAW_DURABLE],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  rawChild.stdout?.pipe(rawLog);
  rawChild.stderr?.pipe(rawLog);
  const rawStopped = new Promise<number>((resolveStop) =>
    rawChild.on('message', (m: RawConsumerMessage) => m.type === 'stopped' && resolveStop(m.acked)),
  );
  await new Promise<void>((resolveReady, reject) => {
    rawChild.on('message', (m: RawConsumerMessage) => m.type === 'ready' && resolveReady());
    rawChild.once('exit', (code) => reject(new Error(`the raw consumer exited (${code}); see raw-consumer.log`)));
  });
  pids.rawConsumer = rawChild.pid ?? null;
  cleanups.push(() => Promise.resolve(rawChild.exitCode === null && rawChild.kill()));
  const rawMessage = (i: number) => ({
    subject: 'bench.raw.event',
    payload: payloads[i % lagCount]!,
    id: randomUUID(),
  });

  loads.raw = loadAverage();
  log(`raw JetStream, full speed: ${fmt(lagCount)} messages of the same bytes, ${publishWindow} publishes in flight`);
  cpu = await cpuMark();
  poller = startPoller(jsm, [RAW_STREAM], RAW_DURABLE);
  const fast = await publishFast(js, lagCount, rawMessage);
  const fastLast = { [RAW_STREAM]: fast.sent.reduce((m, s) => Math.max(m, s.seq), 0) };
  pollStats = await poller.stopWhenCovered(fastLast);
  const fastDone = pollStats.coveredAt ?? clock();
  const fastCpu = await cpuSince(cpu);
  const fastLags = ackObserver.lagsOf(fast.sent);
  const fastFloors = lagsOf(fast.sent, poller.samples);
  const rawFast = {
    messages: lagCount,
    publishPerS: round((lagCount / (fast.lastAckAt - fast.firstAt)) * 1000, 0),
    consumedPerS: round((lagCount / (fastDone - fast.firstAt)) * 1000, 0),
    allAckedAfterS: round((fastDone - fast.firstAt) / 1000, 2),
    latencyMs: latency(fastLags.lags),
    acksUnseen: fastLags.unseen,
    ackFloorMs: latency(fastFloors.lags),
    poll: pollStats,
    cpu: fastCpu,
  };
  log(
    `  published at ${fmt(rawFast.publishPerS)}/s, all acked after ${rawFast.allAckedAfterS} s (${fmt(rawFast.consumedPerS)}/s); ` +
      `lag p50 ${rawFast.latencyMs.p50} / p99 ${rawFast.latencyMs.p99} ms; ${cpuText(fastCpu)}`,
  );
  log(`raw JetStream at ${lagRate}/s: ${fmt(lagCount)} messages`);
  cpu = await cpuMark();
  poller = startPoller(jsm, [RAW_STREAM], RAW_DURABLE);
  const steady = await publishSteady(js, lagCount, lagRate, (i) => rawMessage(i));
  const steadyLast = { [RAW_STREAM]: steady.sent.reduce((m, s) => Math.max(m, s.seq), 0) };
  pollStats = await poller.stopWhenCovered(steadyLast);
  const steadyCpu = await cpuSince(cpu);
  const steadyLags = ackObserver.lagsOf(steady.sent);
  const steadyFloors = lagsOf(steady.sent, poller.samples);
  const rawSteady = {
    messages: lagCount,
    achievedRate: round((lagCount / steady.durationMs) * 1000, 1),
    publishLateMs: latency(steady.lateMs),
    latencyMs: latency(steadyLags.lags),
    acksUnseen: steadyLags.unseen,
    ackFloorMs: latency(steadyFloors.lags),
    unhandled: steadyFloors.unhandled,
    poll: pollStats,
    cpu: steadyCpu,
  };
  log(
    `  lag p50 ${rawSteady.latencyMs.p50} / p90 ${rawSteady.latencyMs.p90} / p99 ${rawSteady.latencyMs.p99} / max ${rawSteady.latencyMs.max} ms; ` +
      `polls every ${pollStats.meanGapMs} ms; ${cpuText(steadyCpu)}`,
  );
  rawChild.send({ type: 'stop' });
  const rawAcked = await Promise.race([rawStopped, sleep(10_000).then(() => null)]);

  // -------------------------------------------------------------- stop
  const reportingPeakRss = statusBytes(reporting.child.pid ?? 0, 'VmHWM');
  t = Date.now();
  const exitCodes = await processes.stopAll();
  mark('stop', t);
  timings.total = round((Date.now() - t0) / 1000, 1);
  const result = {
    scenario: 'reporting-national',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version },
    settings: {
      producers: producerCount,
      products: productCount,
      historyYears,
      seed,
      requests,
      warmupRequests,
      targetMs,
      xlsxTargetMs,
      lagRate,
      lagSeconds,
      lagTargetMs,
      pollMs,
      publishWindow,
      databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    },
    period,
    asOf: today,
    model: {
      provinces: data.provinces.length,
      communes: data.communes.length,
      producers: history.producers.length,
      products: history.products.length,
      rounds: history.rounds,
      salesPoints: history.salesPoints,
      fairs: history.fairs,
      province: {
        code: province,
        name: provinceName,
        communes: provinceCommunes,
        products: productsByProvince.get(province) ?? 0,
      },
      expected: history.expected,
    },
    processes: {
      natsPort,
      apiPort: httpPort,
      exitCodes,
      reportingPeakRssMiB: reportingPeakRss === null ? null : round(reportingPeakRss / 2 ** 20, 0),
      ancestorLookupsAnswered: rpc.answered(),
      /** Consumer-info polls the JetStream API did not answer in time (skipped). */
      pollFailures,
      reportingLog: reporting.logFile,
    },
    backfill,
    readModels: { counts, tableBytes, checks, mismatches: mismatches.length },
    statistics: {
      autovacuumBefore: autovacuum,
      vacuumAnalyzeS: timings.vacuumAnalyze,
      checkpointS: checkpointed ? timings.checkpoint : null,
    },
    reports,
    reportsCpu,
    totals,
    profiles,
    lag,
    raw: { fast: rawFast, steady: rawSteady, acked: rawAcked },
    timingsS: timings,
    loadAverage: loads,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`driver done in ${timings.total} s; results in ${out}`);
}

async function cleanup(): Promise<void> {
  if (processes) await processes.stopAll().catch(() => undefined);
  for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  agent.destroy();
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

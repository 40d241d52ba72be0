/**
 * The product workflow on the development Temporal server (issue: "20,000 product workflows started and parked
 * on their timers on the dev server: start rate beside the raw start rate of an empty workflow in the same run,
 * worker memory, and the time to deliver 1,000 expiry timers that fall due together"), the driver of
 * `npm run bench -- workflows`.
 *
 * On the Temporal server at TEMPORAL_ADDRESS (the platform's dev server, SQLite in .local/temporal/dev.db), in a
 * namespace of its own (`bench-workflows-<run id>`, the platform's search attributes registered), with one worker
 * process forked from bench/dist/workflow-worker.js (the platform's `ServiceWorker` on queue `evaluation`
 * hosting libs/workflows, plus a bench-only worker for the empty workflow):
 *
 *   raw         BENCH_RAW_WORKFLOWS (2,000) `emptyWorkflow` starts at BENCH_START_CONCURRENCY (32) in flight,
 *               then BENCH_RAW_SERIAL (200) more one at a time (does concurrency buy anything?)
 *   start       BENCH_WORKFLOWS (20,000) `productLifecycle` starts, workflow id `product-bench-<n>`, queue
 *               `evaluation`, products from the registration-scale generator, the handler's typed search
 *               attributes and summary; input `stage: 'certified'`, `history: []`, i.e. a continued run, which
 *               skips the registration activity `attachProductWorkflow` (no registration worker runs)
 *   signal      `certificateIssued` to every one: 36-month certificates, notice 30 days, reminder 90 days, the
 *               last valid day 120 days to 3 years ahead, so each parks on its reminder timer; BENCH_DUE_WORKFLOWS
 *               (1,000, every n-th id) are signalled last with a certificate whose notice falls due at one instant
 *               T, at least BENCH_DUE_DELAY (150) s after their signals start (see "the wave")
 *   parked      visibility count of `OcopStars >= 1` (the workflow upserts OcopStars in the same workflow task
 *               that starts its timer, so a counted workflow has processed its signal and holds its timer)
 *   the wave    from T until the worker has received every one of the 1,000 `sendExpiryNotice` calls: lag per
 *               call (received − T), scheduled − T (the server's side), and the history of a sample for the
 *               breakdown timer fired → workflow task → activity scheduled
 *   settle      BENCH_SETTLE (30) s idle, then a forced GC in the worker (settled memory)
 *   cleanup     the product workflows are terminated (the namespace, registered with a retention of 1 day, then
 *               loses them to retention) unless BENCH_KEEP=1; with BENCH_TEMPORAL=private the run's own dev server
 *               (a SQLite file in the run's directory) is stopped and removed instead
 *
 * The wave uses the notice, not the expiry itself: a certificate's expiry is the start of the day after
 * `validUntil` (a date) in Asia/Ho_Chi_Minh, i.e. always 17:00 UTC (certificate-schedule.ts), so no input can
 * put it a few minutes after parking; the notice falls due `noticeDays` before it, and a fractional noticeDays
 * (30.x) puts it at T. The path from timer to activity is the same one the expiry takes.
 *
 * Throughout, CPU (of the Temporal server, found as the process listening on the port, of the worker and of this
 * driver), the machine's busy and iowait share, and the server's storage writes are sampled from /proc.
 *
 *   node bench/dist/workflow-bench.js OUT.json
 *
 * Environment: TEMPORAL_ADDRESS (127.0.0.1:7233), BENCH_WORK, BENCH_NAMESPACE, BENCH_WORKFLOWS (20000),
 * BENCH_RAW_WORKFLOWS (2000), BENCH_RAW_SERIAL (200), BENCH_START_CONCURRENCY (32), BENCH_DUE_WORKFLOWS (1000),
 * BENCH_DUE_DELAY (150), BENCH_PARK_TIMEOUT (3600), BENCH_WAVE_TIMEOUT (600), BENCH_SETTLE (30),
 * BENCH_PROGRESS (5), BENCH_SEED (20250701), BENCH_KEEP (0), BENCH_TEMPORAL (shared | private).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import {
  certificateIssuedSignal,
  PRODUCT_LIFECYCLE_WORKFLOW,
  productWorkflowId,
  SearchAttributes,
  TaskQueues,
  type CertificateIssuedSignal,
  type ProductCertificateState,
  type ProductGroup,
  type ProductLifecycleInput,
} from '../../libs/contracts/dist';
import { ensureNamespace, ensureSearchAttributes } from '../../libs/nest-common/dist/temporal/temporal.providers';
import { round } from './load-summary';
import { freePort, portAnswers, Processes, toolBinary, type Started } from './processes';
import { commandLine, listenerPid, ProcessSet, type Snapshot } from './proc-stats';
import { percentile } from './request-pool';
import { ScaleData, type ProducerRow } from './scale-data';
import type { ActivityCall, DriverMessage, WorkerMessage } from './workflow-ipc';
import type { Latency, MemoryPoint, PoolResult, WorkflowBenchResult } from './workflow-result';
import { REPO, OCOP_HOME, env, numOrZero } from './bench-env';

const int = (name: string, fallback: number): number => Math.floor(numOrZero(name, fallback));

const out = process.argv[2];
const runId = env(
  'BENCH_RUN_ID',
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z'),
);
const work = env('BENCH_WORK', join(OCOP_HOME, 'bench', `${runId}-workflows`));
/** 'shared': the server at TEMPORAL_ADDRESS (the platform's dev server); 'private': a dev server of the run's own. */
const temporalMode = env('BENCH_TEMPORAL', 'shared');
if (temporalMode !== 'shared' && temporalMode !== 'private')
  throw new Error('BENCH_TEMPORAL must be shared or private');
let address = env('TEMPORAL_ADDRESS', '127.0.0.1:7233');
const namespace = env('BENCH_NAMESPACE', `bench-workflows-${runId.toLowerCase()}`);
const total = int('BENCH_WORKFLOWS', 20_000);
const rawTotal = int('BENCH_RAW_WORKFLOWS', 2_000);
const rawSerial = int('BENCH_RAW_SERIAL', 200);
const concurrency = Math.max(1, int('BENCH_START_CONCURRENCY', 32));
const waveSize = Math.min(int('BENCH_DUE_WORKFLOWS', 1_000), total);
const dueDelayS = numOrZero('BENCH_DUE_DELAY', 150);
const parkTimeoutS = numOrZero('BENCH_PARK_TIMEOUT', 3_600);
const waveTimeoutS = numOrZero('BENCH_WAVE_TIMEOUT', 600);
const settleS = numOrZero('BENCH_SETTLE', 30);
const progressS = Math.max(1, numOrZero('BENCH_PROGRESS', 5));
const seed = int('BENCH_SEED', 20250701);
const keep = env('BENCH_KEEP', '0') === '1';
const EMPTY_QUEUE = 'bench-empty';
const EMPTY_WORKFLOW = 'emptyWorkflow';
const HISTORY_SAMPLE = 50;
const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const log = (message: string): void => console.log(`[bench] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const mib = (bytes: number): string => `${fmt(bytes / 1024 ** 2)} MiB`;
const iso = (ms: number): string => new Date(ms).toISOString();

// ------------------------------------------------------------------ the workflow's own schedule
/** libs/workflows' certificate-schedule (its build), so the bench computes due instants the workflow's way. */
interface ScheduleModule {
  certificateSchedule(certificate: ProductCertificateState): { reminder: number; notice: number; expiry: number };
  nextDue(
    schedule: { reminder: number; notice: number; expiry: number },
    now: number,
    done?: Pick<ProductCertificateState, 'remindedAt' | 'noticedAt' | 'expiredAt'>,
  ): { step: 'reminder' | 'notice' | 'expiry'; at: number } | undefined;
}

/** The date (YYYY-MM-DD) in Asia/Ho_Chi_Minh at an instant. */
const vietnamDate = (ms: number): string => new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

// ------------------------------------------------------------------ results
const latencyOf = (values: number[]): Latency => {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((acc, v) => acc + v, 0);
  return {
    average: round(sorted.length > 0 ? sum / sorted.length : 0, 1),
    p50: round(percentile(sorted, 50), 1),
    p90: round(percentile(sorted, 90), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted.length > 0 ? sorted[sorted.length - 1]! : 0, 1),
  };
};

// ------------------------------------------------------------------ state shared by the phases
let phase = 'setup';
const memory: MemoryPoint[] = [];
const calls: ActivityCall[] = [];
let worker: ChildProcess | undefined;
let workerFailure: string | null = null;
let workerStopping = false;
let processes: ProcessSet;
let lastProgress: Snapshot | undefined;
let client: Client;
/** What is left on the shared server if the run fails after creating its namespace. */
let keepHint: string | null = null;
/** BENCH_TEMPORAL=private: the dev server this run started (a SQLite file in the run's directory). */
let privateServer: { processes: Processes; entry: Started; dbFile: string } | null = null;

/**
 * A dev server of the run's own, configured like infra/temporal.sh's (SQLite file, same binary), on a free port.
 * Nothing else uses it, and removing it removes everything the run created.
 */
async function startPrivateServer(): Promise<string> {
  const bin = toolBinary('temporal', OCOP_HOME, process.env.TEMPORAL_BIN);
  const port = await freePort();
  const dbFile = join(work, 'temporal-dev.db');
  const processes = new Processes(work, REPO);
  const entry = processes.launch(
    'temporal',
    bin,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--db-filename',
      dbFile,
      '--log-level',
      'warn',
    ],
    { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  );
  privateServer = { processes, entry, dbFile };
  const deadline = Date.now() + 120_000;
  while (!(await portAnswers(port))) {
    if (entry.child.exitCode !== null) throw new Error(`the private Temporal server exited; see ${entry.logFile}`);
    if (Date.now() > deadline) throw new Error(`the private Temporal server did not answer on :${port}`);
    await sleep(200);
  }
  return `127.0.0.1:${port}`;
}

async function stopPrivateServer(): Promise<void> {
  if (!privateServer) return;
  const { processes, entry, dbFile } = privateServer;
  privateServer = null;
  await processes.stop(entry);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
}

function workerMessage(message: WorkerMessage): void {
  if (message.type === 'sample') memory.push({ ...message.memory, phase });
  else if (message.type === 'calls') calls.push(...message.calls);
  else if (message.type === 'failed') {
    workerFailure = message.error;
    log(`WORKER FAILED: ${message.error}`);
  }
}

function waitForMessage<T extends WorkerMessage['type']>(
  type: T,
  timeoutMs: number,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolveMessage, reject) => {
    const child = worker;
    if (!child) return reject(new Error('no worker process'));
    const onMessage = (message: WorkerMessage): void => {
      if (message.type === type) {
        cleanupListeners();
        resolveMessage(message as Extract<WorkerMessage, { type: T }>);
      } else if (message.type === 'failed' && type === 'ready') {
        cleanupListeners();
        reject(new Error(message.error));
      }
    };
    const onExit = (code: number | null): void => {
      cleanupListeners();
      reject(new Error(`the worker process exited (${code}) before '${type}'`));
    };
    const timer = setTimeout(() => {
      cleanupListeners();
      reject(new Error(`no '${type}' from the worker within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const cleanupListeners = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const lastMemory = (): MemoryPoint | undefined => memory[memory.length - 1];

/** CPU of the server, the worker and the driver since the last progress line, for the progress lines. */
function cpuLine(): string {
  const now = processes.snapshot();
  const usage = lastProgress ? ProcessSet.usage(lastProgress, now) : null;
  lastProgress = now;
  const m = lastMemory();
  const cpu = (name: string): string => (usage?.cpuPct[name] == null ? '?' : `${fmt(usage.cpuPct[name] ?? 0)} %`);
  return (
    `cpu: temporal ${cpu('temporal')}, worker ${cpu('worker')}, driver ${cpu('driver')}; ` +
    `machine busy ${usage ? fmt(usage.machineBusyPct) : '?'} %, iowait ${usage ? fmt(usage.machineIowaitPct) : '?'} %; ` +
    `worker rss ${m ? mib(m.rss) : '?'}, cached ${m ? fmt(m.cachedWorkflows) : '?'}`
  );
}

/**
 * `count` calls of `op`, at most `inFlight` at a time, each retried up to 4 times (1, 2, 4, 8 s apart); a
 * progress line every BENCH_PROGRESS seconds.
 */
async function runPool(
  label: string,
  count: number,
  inFlight: number,
  op: (index: number) => Promise<unknown>,
): Promise<PoolResult> {
  const latencies: number[] = [];
  const perSecond: number[] = [];
  const errorSamples: string[] = [];
  let next = 0;
  let done = 0;
  let failed = 0;
  let retries = 0;
  const before = processes.snapshot();
  lastProgress = before;
  const t0 = performance.now();
  let lastDone = 0;
  let lastAt = t0;
  const progress = setInterval(() => {
    const now = performance.now();
    const rate = ((done - lastDone) * 1000) / (now - lastAt);
    lastDone = done;
    lastAt = now;
    log(
      `  ${label}: ${fmt(done)} / ${fmt(count)}, ${fmt(rate, 1)}/s (overall ${fmt((done * 1000) / (now - t0), 1)}/s)` +
        `${failed > 0 ? `, ${failed} failed` : ''}; ${cpuLine()}`,
    );
  }, progressS * 1000);
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      for (let attempt = 0; ; attempt += 1) {
        try {
          await op(index);
          const ended = performance.now();
          latencies.push(ended - started);
          const second = Math.floor((ended - t0) / 1000);
          while (perSecond.length <= second) perSecond.push(0);
          perSecond[second]! += 1;
          break;
        } catch (error) {
          if (errorSamples.length < 5) errorSamples.push(String(error).slice(0, 300));
          if (attempt >= 4) {
            failed += 1;
            break;
          }
          retries += 1;
          await sleep(1000 * 2 ** attempt);
        }
      }
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  clearInterval(progress);
  const durationS = (performance.now() - t0) / 1000;
  const result: PoolResult = {
    label,
    count,
    concurrency: inFlight,
    succeeded: count - failed,
    failed,
    retries,
    errorSamples,
    durationS: round(durationS, 2),
    ratePerS: round((count - failed) / Math.max(durationS, 1e-3), 1),
    latencyMs: latencyOf(latencies),
    perSecond,
    usage: ProcessSet.usage(before, processes.snapshot()),
    startedAt: iso(Date.now() - durationS * 1000),
  };
  log(
    `  ${label}: ${fmt(result.succeeded)} in ${fmt(durationS, 1)} s = ${fmt(result.ratePerS, 1)}/s, latency p50 ` +
      `${fmt(result.latencyMs.p50)} / p99 ${fmt(result.latencyMs.p99)} ms; ${failed} failed, ${retries} retries; ` +
      `cpu temporal ${result.usage.cpuPct.temporal ?? '?'} %, worker ${result.usage.cpuPct.worker ?? '?'} %, ` +
      `driver ${result.usage.cpuPct.driver ?? '?'} %, iowait ${result.usage.machineIowaitPct} %`,
  );
  return result;
}

async function count(query: string): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await client.workflow.count(query)).count;
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(500);
    }
  }
}

/** Polls a visibility count every second until it reaches `target`; the series is kept. */
async function waitForCount(
  label: string,
  query: string,
  target: number,
  timeoutS: number,
  series: Array<[number, number]>,
  t0: number,
): Promise<number | null> {
  const deadline = Date.now() + timeoutS * 1000;
  let lastLog = 0;
  for (;;) {
    const n = await count(query);
    const at = (Date.now() - t0) / 1000;
    series.push([round(at, 1), n]);
    if (n >= target) return at;
    if (Date.now() > deadline) return null;
    if (Date.now() - lastLog >= progressS * 1000) {
      lastLog = Date.now();
      log(`  ${label}: ${fmt(n)} / ${fmt(target)} after ${fmt(at, 1)} s; ${cpuLine()}`);
    }
    await sleep(1000);
  }
}

/** Median time of a 4 KiB write + fdatasync in `dir` (what an SQLite commit waits for at least once). */
function fsyncMs(dir: string, rounds = 100): number {
  const path = join(dir, `fsync-probe-${process.pid}`);
  const fd = openSync(path, 'w');
  const buffer = Buffer.alloc(4096, 7);
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i += 1) {
      const t = performance.now();
      writeSync(fd, buffer, 0, buffer.length, (i % 16) * 4096);
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return round(percentile(Float64Array.from(times).sort(), 50), 2);
}

/** SQLite's journal mode from the database header (byte 18: 1 = rollback journal, 2 = WAL). */
function sqliteJournal(path: string | null): string | null {
  if (!path || !existsSync(path)) return null;
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1', 0, 15) !== 'SQLite format 3') return null;
  return header[18] === 2 ? 'WAL' : 'rollback journal';
}

const fileBytes = (path: string | null): number | null => {
  if (!path) return null;
  let sum = 0;
  let any = false;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      sum += statSync(path + suffix).size;
      any = true;
    } catch {
      // absent
    }
  }
  return any ? sum : null;
};

// ------------------------------------------------------------------ inputs
interface Product {
  input: ProductLifecycleInput;
  workflowId: string;
  summary: string;
  details: string;
}

function products(): Product[] {
  const data = new ScaleData(join(REPO, 'services', 'registration', 'data', 'admin-units.csv'), seed);
  const seeds = data.producers(Math.ceil(total / 2.5));
  const rows: ProducerRow[] = seeds.map((s) => ({
    id: s.taxCode,
    taxCode: s.taxCode,
    legalForm: s.legalForm,
    communeCode: s.communeCode,
    provinceCode: s.provinceCode,
  }));
  const byTax = new Map(seeds.map((s) => [s.taxCode, s]));
  const bodies = data.products(
    total,
    rows,
    new Map(seeds.map((s) => [s.taxCode, s.specialty])),
    new Map(seeds.map((s) => [s.taxCode, s.weight])),
  );
  const now = new Date();
  return bodies.map((text, n) => {
    const body = JSON.parse(text) as { producerId: string; name: string; group: ProductGroup };
    const producer = byTax.get(body.producerId)!;
    const producerName = (JSON.parse(producer.body) as { name: string }).name;
    const productId = `bench-${n}`;
    const input: ProductLifecycleInput = {
      productId,
      productName: body.name,
      producerName,
      group: body.group,
      provinceCode: producer.provinceCode,
      communeCode: producer.communeCode,
      cycleYear: now.getUTCFullYear(),
      stage: 'certified',
      history: [],
    };
    return {
      input,
      workflowId: productWorkflowId(productId),
      summary: `${body.name} — ${producerName}`,
      details: `Product ${productId}, commune ${producer.communeCode}, province ${producer.provinceCode}, cycle ${input.cycleYear}`,
    };
  });
}

/** A certificate in force: issued up to 32 months ago, 36 months valid, so its last day is 120 days to 3 years ahead. */
function certificate(product: Product, random: () => number, sequence: Map<string, number>): CertificateIssuedSignal {
  const today = Date.parse(`${vietnamDate(Date.now())}T00:00:00Z`);
  const validUntilMs = today + (120 + Math.floor(random() * (1_095 - 120))) * DAY_MS;
  const issued = new Date(validUntilMs + DAY_MS);
  issued.setUTCMonth(issued.getUTCMonth() - 36);
  const issuedOn = issued.toISOString().slice(0, 10);
  const year = issued.getUTCFullYear();
  const key = `${product.input.provinceCode}-${year}`;
  const next = (sequence.get(key) ?? 0) + 1;
  sequence.set(key, next);
  const x = random();
  // A product "certified" in the cycle of its certificate; the workflow input keeps the registration's cycle.
  product.input.cycleYear = year;
  return {
    certificateId: randomUUID(),
    number: `OCOP-${product.input.provinceCode}-${year}-${String(next).padStart(4, '0')}`,
    stars: x < 0.6 ? 3 : x < 0.93 ? 4 : 5,
    validUntil: new Date(validUntilMs).toISOString().slice(0, 10),
    noticeDays: 30,
    reminderDays: 90,
    regulationVersion: issuedOn >= '2025-07-06' ? '1489/2025' : '148/2023',
  };
}

// ------------------------------------------------------------------ the run
async function main(): Promise<void> {
  if (!out) throw new Error('usage: workflow-bench.js OUT.json');
  mkdirSync(work, { recursive: true });
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const loadAverage: Record<string, string> = {};
  const mark = (name: string): void => {
    loadAverage[name] = loadavg()
      .map((v) => v.toFixed(2))
      .join(' ');
  };
  mark('start');
  const schedule = (await import(join(REPO, 'libs/workflows/dist/product/certificate-schedule.js'))) as ScheduleModule;

  // ---------------------------------------------------------------- server, namespace
  if (temporalMode === 'private') {
    address = await startPrivateServer();
    log(`BENCH_TEMPORAL=private: a dev server of this run's own at ${address} (SQLite in ${work}), removed at the end`);
  }
  const connection = await Connection.connect({ address });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      break;
    } catch (error) {
      if (attempt >= 120) throw error;
      await sleep(500);
    }
  }
  client = new Client({ connection, namespace });
  const [host = '127.0.0.1', portText = '7233'] = address.split(':');
  const local = ['127.0.0.1', 'localhost', '0.0.0.0', '::1'].includes(host);
  const temporalPid = local ? listenerPid(Number(portText)) : null;
  const temporalCommand = temporalPid === null ? '' : commandLine(temporalPid);
  const dbFile = /--db-filename\s+(\S+)/.exec(temporalCommand)?.[1] ?? null;
  const journal = sqliteJournal(dbFile);
  const storage =
    temporalPid === null
      ? 'unknown'
      : dbFile
        ? `SQLite file ${dbFile} (${journal ?? 'journal mode unknown'})`
        : 'SQLite in memory';
  const system = await connection.workflowService.getSystemInfo({});
  const serverVersion = system.serverVersion ?? 'unknown';
  log(
    `Temporal ${serverVersion} at ${address} (pid ${temporalPid ?? '?'}, ${storage}); namespace ${namespace}; ` +
      `${fmt(total)} product workflows, ${fmt(rawTotal)} empty ones, ${concurrency} starts in flight`,
  );
  // Next to the server's database when it is a file on this machine: what its commits wait for.
  const fsyncDir = dbFile && existsSync(dirname(dbFile)) ? dirname(dbFile) : work;
  const fsyncMedianMs = fsyncMs(fsyncDir);
  log(`storage: 4 KiB write + fdatasync median ${fsyncMedianMs} ms (in ${fsyncDir})`);
  const dbBytesBefore = fileBytes(dbFile);

  // The shortest retention the server accepts: the bench's closed executions are removed a day after the run.
  let retentionDays = 1;
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
      description: 'npm run bench -- workflows',
    });
  } catch {
    retentionDays = 3; // what ensureNamespace registers
  }
  await ensureNamespace(client, namespace);
  if (temporalMode === 'shared')
    keepHint =
      `namespace ${namespace} stays on ${address} with what the run started; terminate its workflows with: ` +
      `temporal workflow terminate --address ${address} --namespace ${namespace} --query "ExecutionStatus='Running'" --reason bench --yes`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ensureSearchAttributes(client, namespace);
      // The namespace answers describe before its custom search attributes can be queried.
      await client.workflow.count('OcopStars >= 1');
      break;
    } catch (error) {
      if (attempt >= 100) throw error;
      await sleep(200);
    }
  }

  // ---------------------------------------------------------------- worker process
  const workerLog = join(work, 'worker.log');
  const logStream = createWriteStream(workerLog);
  const t = Date.now();
  worker = fork(join(__dirname, 'workflow-worker.js'), [], {
    cwd: REPO,
    env: {
      ...process.env,
      BENCH_TEMPORAL_ADDRESS: address,
      BENCH_NAMESPACE: namespace,
      BENCH_EMPTY_QUEUE: EMPTY_QUEUE,
    },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  worker.stdout?.pipe(logStream);
  worker.stderr?.pipe(logStream);
  worker.on('message', workerMessage);
  worker.once('exit', (code) => {
    if (!workerStopping) workerFailure ??= `the worker process exited (${code})`;
  });
  const ready = await waitForMessage('ready', 300_000);
  timings.workerReady = round((Date.now() - t) / 1000, 1);
  log(
    `worker pid ${ready.pid} ready in ${timings.workerReady} s (bundles: platform ${fmt(ready.createMs.platform)} ms, ` +
      `empty ${fmt(ready.createMs.empty)} ms); sticky cache ${fmt(ready.maxCachedWorkflows)} workflows; rss ${mib(ready.memory.rss)}`,
  );
  memory.push({ ...ready.memory, phase: 'ready' });
  processes = new ProcessSet({ temporal: temporalPid, worker: ready.pid, driver: process.pid });
  const failIfWorkerFailed = (): void => {
    if (workerFailure) throw new Error(`the worker failed: ${workerFailure}`);
  };

  // ---------------------------------------------------------------- 1. raw baseline
  phase = 'raw';
  mark('raw');
  log(`1/5 raw baseline: ${fmt(rawTotal)} × ${EMPTY_WORKFLOW} on queue ${EMPTY_QUEUE}, ${concurrency} in flight`);
  const raw = await runPool('raw starts', rawTotal, concurrency, (i) =>
    client.workflow.start(EMPTY_WORKFLOW, { workflowId: `empty-bench-${i}`, taskQueue: EMPTY_QUEUE }),
  );
  const rawSeries: Array<[number, number]> = [];
  const rawStartedAt = Date.parse(raw.startedAt);
  const rawCompletedAfterS = await waitForCount(
    'empty workflows completed',
    `WorkflowType = '${EMPTY_WORKFLOW}' AND ExecutionStatus = 'Completed'`,
    rawTotal,
    300,
    rawSeries,
    rawStartedAt,
  );
  const rawOne =
    rawSerial > 0
      ? await runPool('raw starts, 1 in flight', rawSerial, 1, (i) =>
          client.workflow.start(EMPTY_WORKFLOW, { workflowId: `empty-bench-serial-${i}`, taskQueue: EMPTY_QUEUE }),
        )
      : null;
  failIfWorkerFailed();

  // ---------------------------------------------------------------- 2. product workflows
  phase = 'start';
  mark('start_products');
  const catalogue = products();
  log(
    `2/5 ${fmt(total)} × ${PRODUCT_LIFECYCLE_WORKFLOW} (product-bench-<n>, queue ${TaskQueues.evaluation}, stage certified, ` +
      `history []), ${concurrency} in flight`,
  );
  const start = await runPool('product starts', total, concurrency, (i) => {
    const p = catalogue[i]!;
    return client.workflow.start(PRODUCT_LIFECYCLE_WORKFLOW, {
      workflowId: p.workflowId,
      taskQueue: TaskQueues.evaluation,
      args: [p.input],
      staticSummary: p.summary,
      staticDetails: p.details,
      typedSearchAttributes: [
        { key: SearchAttributes.province, value: p.input.provinceCode },
        { key: SearchAttributes.commune, value: p.input.communeCode },
        { key: SearchAttributes.productGroup, value: p.input.group },
        { key: SearchAttributes.stage, value: p.input.stage },
        { key: SearchAttributes.cycleYear, value: p.input.cycleYear },
      ],
    });
  });
  failIfWorkerFailed();

  // ---------------------------------------------------------------- 3. certificates: park on timers
  phase = 'signal';
  mark('signal');
  const stride = Math.max(1, Math.floor(total / Math.max(waveSize, 1)));
  const waveIndexes = new Set<number>();
  for (let k = 0; k < waveSize; k += 1) waveIndexes.add(k * stride + Math.floor(stride / 2));
  const ordinary = catalogue.map((_, i) => i).filter((i) => !waveIndexes.has(i));
  const wave = [...waveIndexes];
  const random = (() => {
    let state = (seed ^ 0x5bd1e995) >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let x = state;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  })();
  const sequence = new Map<string, number>();
  const certificates = catalogue.map((p) => certificate(p, random, sequence));
  log(
    `3/5 certificateIssued to each: ${fmt(ordinary.length)} ordinary certificates first (reminder 90 days before a last ` +
      `day 120 days to 3 years ahead), then ${fmt(wave.length)} whose notice falls due together`,
  );
  const signalT0 = Date.now();
  const signalBefore = processes.snapshot();
  const signalOrdinary = await runPool('certificate signals', ordinary.length, concurrency, (k) => {
    const i = ordinary[k]!;
    return client.workflow.getHandle(catalogue[i]!.workflowId).signal(certificateIssuedSignal, certificates[i]!);
  });
  // Parked = the workflow upserted OcopStars, which it does in the same workflow task that starts its timer.
  const parkedQuery = `WorkflowType = '${PRODUCT_LIFECYCLE_WORKFLOW}' AND OcopStars >= 1`;
  phase = 'parking';
  log(`  waiting until the ${fmt(ordinary.length)} are parked (visibility: ${parkedQuery})`);
  const parkSeries: Array<[number, number]> = [];
  const ordinaryParkedAfterS = await waitForCount(
    'parked',
    parkedQuery,
    ordinary.length,
    parkTimeoutS,
    parkSeries,
    signalT0,
  );
  const parkUsage = ProcessSet.usage(signalBefore, processes.snapshot());
  if (ordinaryParkedAfterS === null) throw new Error(`the workflows did not park within ${parkTimeoutS} s`);
  log(
    `  ${fmt(ordinary.length)} parked ${fmt(ordinaryParkedAfterS, 1)} s after the first signal ` +
      `(${fmt(ordinaryParkedAfterS - signalOrdinary.durationS, 1)} s after the last)`,
  );
  failIfWorkerFailed();

  // The wave is signalled once the others are parked, so that its instant can be a fixed time after its own
  // signals (at least BENCH_DUE_DELAY, and room for them at the rate just measured) on an otherwise idle system.
  phase = 'signal';
  const estimateS =
    wave.length / Math.max(Math.min(signalOrdinary.ratePerS, ordinary.length / ordinaryParkedAfterS), 1);
  const dueAt = Math.ceil((Date.now() + Math.max(dueDelayS, estimateS * 2 + 30) * 1000) / 1000) * 1000;
  const validUntil = vietnamDate(dueAt + 30 * DAY_MS);
  const expiry = Date.parse(`${validUntil}T00:00:00Z`) + DAY_MS - VIETNAM_OFFSET_MS;
  const noticeDays = (expiry - dueAt) / DAY_MS;
  const waveIds = new Set<string>();
  const dueOf = new Map<string, number>();
  for (const i of wave) {
    const c = certificates[i]!;
    c.validUntil = validUntil;
    c.noticeDays = noticeDays;
    c.reminderDays = noticeDays;
    waveIds.add(c.certificateId);
    dueOf.set(c.certificateId, schedule.certificateSchedule(c).notice);
  }
  // The workflow's own schedule must agree: the notice first, at the instant, for the wave; a future reminder for
  // the others.
  const checkAt = Date.now();
  const firstWave = certificates[wave[0] ?? 0]!;
  const waveNext = schedule.nextDue(schedule.certificateSchedule(firstWave), checkAt);
  if (wave.length > 0 && (waveNext?.step !== 'notice' || Math.abs(waveNext.at - dueAt) > 1)) {
    throw new Error(`the wave's certificate is not due as planned: ${JSON.stringify(waveNext)} vs ${iso(dueAt)}`);
  }
  const early = ordinary.filter((i) => {
    const next = schedule.nextDue(schedule.certificateSchedule(certificates[i]!), checkAt);
    return !next || next.at < checkAt + 7 * DAY_MS;
  });
  if (early.length > 0) throw new Error(`${early.length} ordinary certificates are due within a week`);
  log(
    `  the wave: ${fmt(wave.length)} certificates valid until ${validUntil} (expiry ${iso(expiry)}), noticeDays = ` +
      `reminderDays = ${noticeDays.toFixed(6)}: notice due at ${iso(dueAt)} (in ${fmt((dueAt - Date.now()) / 1000)} s)`,
  );
  const signalWave = await runPool('wave signals', wave.length, concurrency, (k) => {
    const i = wave[k]!;
    return client.workflow.getHandle(catalogue[i]!.workflowId).signal(certificateIssuedSignal, certificates[i]!);
  });
  const waveSignalsDoneAt = Date.now();
  const signalDurationS = signalOrdinary.durationS + signalWave.durationS;
  const signalRate = (signalOrdinary.succeeded + signalWave.succeeded) / Math.max(signalDurationS, 1e-3);
  phase = 'parking';
  const parkedAfterS = await waitForCount('parked', parkedQuery, total, parkTimeoutS, parkSeries, signalT0);
  const parkedAt = parkedAfterS === null ? null : signalT0 + parkedAfterS * 1000;
  if (parkedAfterS === null) log(`  NOT every workflow parked within ${parkTimeoutS} s`);
  else
    log(
      `  all ${fmt(total)} parked ${fmt(parkedAfterS, 1)} s after the first signal (the wave's ` +
        `${fmt((parkedAt! - waveSignalsDoneAt) / 1000, 1)} s after its last signal), ${fmt((dueAt - parkedAt!) / 1000, 1)} s ` +
        `before the wave's instant`,
    );
  failIfWorkerFailed();
  const callsBeforeWave = calls.length;

  // ---------------------------------------------------------------- 4. the wave
  phase = 'parked';
  mark('parked');
  log(`4/5 the wave: ${fmt(wave.length)} notices due at ${iso(dueAt)}; ${fmt((dueAt - Date.now()) / 1000, 1)} s to go`);
  while (Date.now() < dueAt - 1000) {
    const left = (dueAt - Date.now()) / 1000;
    if (left > progressS) log(`  parked; ${fmt(left)} s to the instant; ${cpuLine()}`);
    await sleep(Math.min(progressS * 1000, dueAt - Date.now() - 1000));
  }
  await sleep(Math.max(0, dueAt - Date.now()));
  phase = 'wave';
  mark('wave');
  const waveBefore = processes.snapshot();
  lastProgress = waveBefore;
  const waveDeadline = dueAt + waveTimeoutS * 1000;
  const received = new Map<string, ActivityCall>();
  let scanned = 0;
  let lastLog = Date.now();
  for (;;) {
    for (; scanned < calls.length; scanned += 1) {
      const call = calls[scanned]!;
      if (call.activity === 'sendExpiryNotice' && waveIds.has(call.certificateId) && !received.has(call.certificateId))
        received.set(call.certificateId, call);
    }
    if (received.size >= wave.length || Date.now() > waveDeadline) break;
    if (Date.now() - lastLog >= progressS * 1000) {
      lastLog = Date.now();
      log(
        `  T+${fmt((Date.now() - dueAt) / 1000, 1)} s: ${fmt(received.size)} / ${fmt(wave.length)} notices received; ${cpuLine()}`,
      );
    }
    await sleep(50);
  }
  const waveUsage = ProcessSet.usage(waveBefore, processes.snapshot());
  const waveCalls = [...received.values()];
  const lags = waveCalls.map((c) => c.receivedAt - (dueOf.get(c.certificateId) ?? dueAt));
  const scheduledLags = waveCalls.map((c) => c.scheduledAt - (dueOf.get(c.certificateId) ?? dueAt));
  const dispatch = waveCalls.map((c) => c.receivedAt - c.scheduledAt);
  const lastReceived = waveCalls.reduce((m, c) => Math.max(m, c.receivedAt), 0);
  const waveTotalS = waveCalls.length > 0 ? (lastReceived - dueAt) / 1000 : null;
  const waveLag = latencyOf(lags);
  log(
    `  ${fmt(waveCalls.length)} / ${fmt(wave.length)} notices received; lag after the instant p50 ${fmt(waveLag.p50)} ms, ` +
      `p99 ${fmt(waveLag.p99)} ms, last ${waveTotalS === null ? 'n/a' : `${fmt(waveTotalS, 2)} s`}; cpu temporal ` +
      `${waveUsage.cpuPct.temporal ?? '?'} %, worker ${waveUsage.cpuPct.worker ?? '?'} %`,
  );

  // The breakdown, from the histories of a sample: timer fired → workflow task scheduled → started → completed
  // (activity scheduled).
  const { EventType } = temporal.api.enums.v1;
  // Evenly over the order of arrival: the first to arrive alone would show the quick ones.
  const arrived = [...waveCalls].sort((a, b) => a.receivedAt - b.receivedAt);
  const step = Math.max(1, arrived.length / HISTORY_SAMPLE);
  const sampleIds: string[] = [];
  for (let k = 0; k < arrived.length && sampleIds.length < HISTORY_SAMPLE; k += step)
    sampleIds.push(arrived[Math.floor(k)]!.workflowId);
  const breakdown = { timerFired: [] as number[], taskQueued: [] as number[], taskRun: [] as number[] };
  for (const id of sampleIds) {
    try {
      const history = await client.workflow.getHandle(id).fetchHistory();
      const events = history.events ?? [];
      let fired = -1;
      events.forEach((e, index) => {
        if (e.eventType === EventType.EVENT_TYPE_TIMER_FIRED) fired = index;
      });
      const firedEvent = events[fired];
      if (!firedEvent?.eventTime) continue;
      const at = (type: temporal.api.enums.v1.EventType): number | null => {
        const e = events.slice(fired).find((x) => x.eventType === type);
        return e?.eventTime ? tsToMs(e.eventTime) : null;
      };
      const firedAt = tsToMs(firedEvent.eventTime);
      const started = at(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
      const completed = at(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      const due = dueAt;
      breakdown.timerFired.push(firedAt - due);
      if (started !== null) breakdown.taskQueued.push(started - firedAt);
      if (started !== null && completed !== null) breakdown.taskRun.push(completed - started);
    } catch (error) {
      log(`  history of ${id}: ${String(error).slice(0, 120)}`);
    }
  }

  // ---------------------------------------------------------------- 5. settle, memory
  phase = 'settle';
  mark('settle');
  log(`5/5 settle ${settleS} s, then a forced GC in the worker`);
  await sleep(settleS * 1000);
  const settled = lastMemory();
  worker.send({ type: 'gc' } satisfies DriverMessage);
  const afterGc = await waitForMessage('gc-done', 30_000);
  log(
    `  worker memory settled: rss ${settled ? mib(settled.rss) : '?'}, heap ${settled ? mib(settled.heapUsed) : '?'}; after GC: ` +
      `rss ${mib(afterGc.memory.rss)}, heap ${mib(afterGc.memory.heapUsed)}; peak rss ${afterGc.memory.rssPeak === null ? '?' : mib(afterGc.memory.rssPeak)}`,
  );
  const unexpected: Record<string, number> = {};
  for (const c of calls) {
    const isWave = c.activity === 'sendExpiryNotice' && waveIds.has(c.certificateId) && c.attempt === 1;
    if (!isWave)
      unexpected[`${c.activity}:${c.kind ?? '-'}:attempt ${c.attempt}`] =
        (unexpected[`${c.activity}:${c.kind ?? '-'}:attempt ${c.attempt}`] ?? 0) + 1;
  }
  const running = await count(`WorkflowType = '${PRODUCT_LIFECYCLE_WORKFLOW}' AND ExecutionStatus = 'Running'`);
  const withStars = await count(`WorkflowType = '${PRODUCT_LIFECYCLE_WORKFLOW}' AND OcopStars >= 1`);
  const notRunning = await count(`WorkflowType = '${PRODUCT_LIFECYCLE_WORKFLOW}' AND ExecutionStatus != 'Running'`);

  phase = 'stopping';
  workerStopping = true;
  worker.send({ type: 'stop' } satisfies DriverMessage);
  await waitForMessage('stopped', 30_000).catch((error: unknown) => log(`  worker stop: ${String(error)}`));
  const rssPeak = afterGc.memory.rssPeak;
  const dbBytesAfter = fileBytes(dbFile);

  // ---------------------------------------------------------------- cleanup
  const cleanup: WorkflowBenchResult['cleanup'] = {
    mode: temporalMode === 'private' ? 'server removed' : keep ? 'kept' : 'terminated',
    terminate: null,
    retentionDays,
  };
  if (temporalMode === 'private') {
    await connection.close();
    await stopPrivateServer();
    log('cleanup: the private Temporal server stopped and its database removed');
  } else if (keep) {
    log(`BENCH_KEEP=1: namespace ${namespace} kept with its ${fmt(running)} running workflows`);
  } else {
    // Parked workflows never close, so retention would never remove them. Terminated, they are closed executions
    // that the server deletes when the namespace's retention has passed. (Deleting the namespace instead leaves the
    // work to the dev server's system worker, which stalls on large namespaces: see docs/benchmarks.md.)
    phase = 'cleanup';
    log(
      `cleanup: terminating the ${fmt(total)} product workflows (retention ${retentionDays} day(s) then removes them)`,
    );
    keepHint = null;
    cleanup.terminate = await runPool('terminations', total, concurrency, (i) =>
      client.workflow.getHandle(catalogue[i]!.workflowId).terminate('npm run bench -- workflows: finished'),
    );
  }
  if (temporalMode === 'shared') await connection.close();
  mark('end');

  // ---------------------------------------------------------------- output
  const peak = memory.reduce<MemoryPoint | undefined>((m, s) => (!m || s.rss > m.rss ? s : m), undefined);
  const heapPeak = memory.reduce<MemoryPoint | undefined>((m, s) => (!m || s.heapUsed > m.heapUsed ? s : m), undefined);
  const byPhase: Record<string, { samples: number; rssMax: number; heapUsedMax: number; cachedMax: number }> = {};
  for (const s of memory) {
    const p = (byPhase[s.phase] ??= { samples: 0, rssMax: 0, heapUsedMax: 0, cachedMax: 0 });
    p.samples += 1;
    p.rssMax = Math.max(p.rssMax, s.rss);
    p.heapUsedMax = Math.max(p.heapUsedMax, s.heapUsed);
    p.cachedMax = Math.max(p.cachedMax, s.cachedWorkflows);
  }
  const result: WorkflowBenchResult = {
    runId,
    settings: {
      address,
      temporalMode,
      namespace,
      workflows: total,
      rawWorkflows: rawTotal,
      rawSerial,
      concurrency,
      dueWorkflows: wave.length,
      dueDelayS,
      parkTimeoutS,
      waveTimeoutS,
      settleS,
      seed,
      keep,
    },
    server: {
      version: serverVersion,
      pid: temporalPid,
      commandLine: temporalCommand,
      storage,
      dbFile,
      journal,
      dbBytesBefore,
      dbBytesAfter,
      fsyncMedianMs,
      fsyncDir,
    },
    worker: {
      pid: ready.pid,
      readyS: timings.workerReady,
      createMs: ready.createMs,
      maxCachedWorkflows: ready.maxCachedWorkflows,
      maxConcurrentWorkflowTaskExecutions: ready.maxConcurrentWorkflowTaskExecutions,
      maxConcurrentActivityTaskExecutions: ready.maxConcurrentActivityTaskExecutions,
      logFile: workerLog,
    },
    raw: { ...raw, completedAfterS: rawCompletedAfterS, completedSeries: rawSeries, serial: rawOne },
    start,
    signal: {
      ordinary: signalOrdinary,
      wave: signalWave,
      durationS: round(signalDurationS, 2),
      ratePerS: round(signalRate, 1),
      parkedAfterS,
      ordinaryParkedAfterS,
      ordinaryParkedAfterLastSignalS: round(ordinaryParkedAfterS - signalOrdinary.durationS, 1),
      waveParkedAfterLastSignalS: parkedAt === null ? null : round((parkedAt - waveSignalsDoneAt) / 1000, 1),
      parkSeries,
      parkUsage,
    },
    wave: {
      size: wave.length,
      dueAt: iso(dueAt),
      validUntil,
      expiry: iso(expiry),
      noticeDays,
      parkedBeforeDueS: parkedAt === null ? null : round((dueAt - parkedAt) / 1000, 1),
      received: waveCalls.length,
      complete: waveCalls.length === wave.length,
      lagMs: waveLag,
      scheduledLagMs: latencyOf(scheduledLags),
      dispatchMs: latencyOf(dispatch),
      totalS: waveTotalS === null ? null : round(waveTotalS, 2),
      perSecond: (() => {
        const series: number[] = [];
        for (const lag of lags) {
          const second = Math.max(0, Math.floor(lag / 1000));
          while (series.length <= second) series.push(0);
          series[second]! += 1;
        }
        return series;
      })(),
      historySample: {
        workflows: breakdown.timerFired.length,
        timerFiredAfterDueMs: latencyOf(breakdown.timerFired),
        workflowTaskQueuedMs: latencyOf(breakdown.taskQueued),
        workflowTaskRunMs: latencyOf(breakdown.taskRun),
      },
      usage: waveUsage,
      callsBeforeWave,
      unexpectedCalls: unexpected,
    },
    memory: {
      peakRss: peak ? { rss: peak.rss, heapUsed: peak.heapUsed, phase: peak.phase, at: iso(peak.at) } : null,
      peakHeapUsed: heapPeak ? { heapUsed: heapPeak.heapUsed, rss: heapPeak.rss, phase: heapPeak.phase } : null,
      rssPeakKernel: rssPeak,
      settled: settled ?? null,
      afterGc: afterGc.memory,
      forcedGc: afterGc.forced,
      byPhase,
      samples: memory,
    },
    checks: { productWorkflowsRunning: running, withStars, notRunning },
    cleanup,
    workerFailure,
    timingsS: { ...timings, total: round((Date.now() - t0) / 1000, 1) },
    loadAverage,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`results: ${out}`);
  if (workerFailure) throw new Error(`the worker failed: ${workerFailure}`);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(`[bench] ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    worker?.kill('SIGTERM');
    if (keepHint) log(keepHint);
    await stopPrivateServer().catch((e: unknown) => log(`could not stop the private server: ${String(e)}`));
    process.exit(1);
  },
);

/**
 * Registration at scale (issue 3), the driver of `npm run bench -- registration-scale`: on a fresh database
 * that scripts/bench.sh created and migrated, it starts a private nats-server and ONE registration API
 * process, registers BENCH_PRODUCERS producers and BENCH_PRODUCTS products through the API with autocannon
 * (BENCH_CONNECTIONS connections), waits for the outbox to drain after each phase, then measures list and
 * search queries over that data (BENCH_QUERY_CONNECTIONS connections, BENCH_QUERY_DURATION s each) against
 * the p99 target, and captures EXPLAIN (ANALYZE, BUFFERS) of the SQL behind every database-backed query
 * (taken from the service's own query code, run in this process with a logging DataSource). It stops every
 * process it started, also when it fails.
 *
 *   node bench/dist/scale-bench.js OUT.json
 *
 * Environment: BENCH_SCALE_DATABASE_URL (required), BENCH_WORK (directory for logs and pid files),
 * BENCH_PRODUCERS (20000), BENCH_PRODUCTS (100000), BENCH_CONNECTIONS (64), BENCH_QUERY_CONNECTIONS (8),
 * BENCH_QUERY_DURATION (15), BENCH_QUERY_WARMUP (3), BENCH_TARGET_P99_MS (50), BENCH_SEED (20250701),
 * BENCH_DRAIN_TIMEOUT (300), DATABASE_POOL_SIZE (passed to the API; its default is 10), NATS_SERVER_BIN.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect as connectTcp, createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { round, summarizeLoad } from './load-summary';
import { connect as connectNats } from 'nats';
import { Client } from 'pg';
import { fold, ScaleData, type ProducerRow } from './scale-data';
import type { DataSource } from 'typeorm';
import { REPO, OCOP_HOME, env, num } from './bench-env';

const out = process.argv[2];
const databaseUrl = process.env.BENCH_SCALE_DATABASE_URL ?? '';
const work = env('BENCH_WORK', join(OCOP_HOME, 'bench', `scale-${Date.now()}`));
const producerCount = num('BENCH_PRODUCERS', 20_000);
const productCount = num('BENCH_PRODUCTS', 100_000);
const connections = num('BENCH_CONNECTIONS', 64);
const queryConnections = num('BENCH_QUERY_CONNECTIONS', 8);
const queryDuration = num('BENCH_QUERY_DURATION', 15);
const queryWarmup = Number(env('BENCH_QUERY_WARMUP', '3'));
const querySerial = Number(env('BENCH_QUERY_SERIAL_DURATION', '5'));
const targetP99 = num('BENCH_TARGET_P99_MS', 50);
const seed = num('BENCH_SEED', 20250701);
const drainTimeoutS = num('BENCH_DRAIN_TIMEOUT', 300);

const log = (message: string): void => console.log(`[bench] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pidFile = join(work, 'pids');

// ------------------------------------------------------------------ processes
interface Started {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  logFile: string;
}
const started: Started[] = [];

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function natsBinary(): string {
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  const local = join(OCOP_HOME, 'venv', 'bin', 'nats-server');
  if (existsSync(local)) return local;
  try {
    return execFileSync('which', ['nats-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('nats-server not found: run `bash infra/tools.sh install` (or set NATS_SERVER_BIN)');
  }
}

function launch(name: string, command: string, args: string[], childEnv: NodeJS.ProcessEnv): Started {
  const logFile = join(work, `${name}.log`);
  const logStream = createWriteStream(logFile);
  const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO });
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code, signal) => r(code ?? (signal ? -1 : null))),
  );
  // scripts/bench.sh kills what is listed here if this driver dies without cleaning up.
  appendFileSync(pidFile, `${child.pid} ${name}\n`);
  const entry = { name, child, exited, logFile };
  started.push(entry);
  return entry;
}

async function stopProcess(entry: Started, graceMs = 20_000): Promise<number | null> {
  if (entry.child.exitCode !== null || entry.child.signalCode !== null) return entry.exited;
  entry.child.kill('SIGTERM');
  const timer = setTimeout(() => entry.child.kill('SIGKILL'), graceMs);
  const code = await entry.exited;
  clearTimeout(timer);
  return code;
}

async function stopAll(): Promise<Record<string, number | null>> {
  const codes: Record<string, number | null> = {};
  // The API first (it drains its NATS connection), then nats-server.
  for (const entry of [...started].reverse()) codes[entry.name] = await stopProcess(entry);
  return codes;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolveAnswer(true);
    });
    socket.once('error', () => resolveAnswer(false));
  });
}

// ------------------------------------------------------------------ load
interface LoadSummary {
  label: string;
  connections: number;
  target: number;
  durationS: number;
  requests: number;
  requests2xx: number;
  requestsPerSecond: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  non2xxSamples: Array<{ status: number; body: string }>;
  perSecond: number[];
}

interface LoadSpec {
  label: string;
  method: 'GET' | 'POST';
  connections: number;
  /** Either a number of requests (POST phases) or a duration. */
  amount?: number;
  duration?: number;
  path: string;
  token: string;
  body?: (index: number) => string;
  /** Called with the item index of each response (POST phases). */
  onResult?: (index: number, status: number, body: string) => void;
  progress?: (done: number, lastRate: number) => Promise<string>;
}

function load(spec: LoadSpec): Promise<LoadSummary> {
  let counter = 0;
  const non2xxSamples: Array<{ status: number; body: string }> = [];
  const perSecond: number[] = [];
  const headers: Record<string, string> = { authorization: `Bearer ${spec.token}` };
  if (spec.method === 'POST') headers['content-type'] = 'application/json';
  return new Promise((resolveLoad, reject) => {
    const instance = autocannon(
      {
        url: `${apiUrl}`,
        connections: spec.connections,
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
        timeout: 60,
        title: spec.label,
        requests: [
          {
            method: spec.method,
            path: spec.path,
            headers,
            setupRequest: (request, context) => {
              if (spec.body) {
                const index = counter;
                counter += 1;
                context.index = index;
                request.body = spec.body(index);
              }
              return request;
            },
            onResponse: (status, body, context) => {
              if ((status < 200 || status > 299) && non2xxSamples.length < 5) {
                non2xxSamples.push({ status, body: body.slice(0, 300) });
              }
              if (spec.onResult && typeof context.index === 'number') spec.onResult(context.index, status, body);
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolveLoad({
          label: spec.label,
          connections: spec.connections,
          target: spec.amount ?? 0,
          ...summarizeLoad(result, non2xxSamples),
          perSecond,
        });
      },
    );
    let ticks = 0;
    let recent = 0;
    let done = 0;
    instance.on('tick', (tick: { counter: number }) => {
      ticks += 1;
      recent += tick.counter;
      done += tick.counter;
      perSecond.push(tick.counter);
      if (spec.progress && ticks % 10 === 0) {
        const rate = recent / 10;
        recent = 0;
        void spec.progress(done, rate).then((line) => log(line));
      }
    });
  });
}

// ------------------------------------------------------------------ database helpers
let db: Client;
async function scalar(sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}
const unpublished = (): Promise<number> =>
  scalar('SELECT count(*) AS n FROM registration.outbox_event WHERE published_at IS NULL');

interface Drain {
  unpublishedAtEnd: number;
  maxUnpublishedDuringLoad: number;
  drainedAfterS: number | null;
}

/** Samples the outbox every second while `during` runs; then waits for it to be empty. */
async function withOutboxSampling<T>(during: Promise<T>): Promise<{ value: T; drain: Drain }> {
  let sampling = true;
  let max = 0;
  const sampler = (async () => {
    while (sampling) {
      max = Math.max(max, await unpublished());
      await sleep(1_000);
    }
  })();
  const value = await during;
  const end = Date.now();
  sampling = false;
  await sampler;
  const atEnd = await unpublished();
  let drainedAfterS: number | null = null;
  for (;;) {
    if ((await unpublished()) === 0) {
      drainedAfterS = round((Date.now() - end) / 1000);
      break;
    }
    if (Date.now() - end > drainTimeoutS * 1000) break;
    await sleep(250);
  }
  return { value, drain: { unpublishedAtEnd: atEnd, maxUnpublishedDuringLoad: Math.max(max, atEnd), drainedAfterS } };
}

// ------------------------------------------------------------------ SQL capture and EXPLAIN
interface CapturedSql {
  sql: string;
  parameters: unknown[];
  executionMs: number | null;
  planningMs: number | null;
  plan: string;
}

/**
 * The SQL the API runs for a list query, captured by running the service's own list method in this
 * process on a DataSource whose logger records every statement (pg_stat_statements is not loaded on this
 * server). The jurisdiction check is a no-op here (the token is national), the rest is the service code.
 */
/** The part of registration's list services the capture calls (loaded from its build, not imported). */
interface ListService {
  list(user: { id: string; roles: string[]; unitCode: string }, query: Record<string, unknown>): Promise<unknown>;
}
type ListServiceClass = new (...dependencies: unknown[]) => ListService;

async function captureSql(): Promise<
  (kind: 'products' | 'producers', params: URLSearchParams) => Promise<Array<{ sql: string; parameters: unknown[] }>>
> {
  const load = async <T>(path: string): Promise<T> =>
    (await import(join(REPO, 'services', 'registration', 'dist', path))) as T;
  const { registrationDataSource } = await load<{ registrationDataSource: (url: string) => DataSource }>(
    'database/data-source.js',
  );
  const { ProductService } = await load<{ ProductService: ListServiceClass }>('product/product.service.js');
  const { ProducerService } = await load<{ ProducerService: ListServiceClass }>('producer/producer.service.js');
  let recording: Array<{ sql: string; parameters: unknown[] }> | null = null;
  const logger = {
    logQuery: (sql: string, parameters?: unknown[]) => recording?.push({ sql, parameters: parameters ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const dataSource = registrationDataSource(databaseUrl);
  dataSource.setOptions({ logger, logging: true, applicationName: 'ocop-bench-explain', extra: { max: 2 } });
  await dataSource.initialize();
  cleanups.push(() => dataSource.destroy());
  const jurisdiction = { assertWithin: (): Promise<void> => Promise.resolve() };
  const products = new ProductService(dataSource, null, null, jurisdiction, null);
  const producers = new ProducerService(dataSource, null, jurisdiction, null);
  const user = { id: 'bench', roles: ['ministry_officer'], unitCode: 'VN' };
  return async (kind, params) => {
    const query: Record<string, unknown> = { limit: 50, offset: 0, sort: '-createdAt' };
    for (const [key, value] of params) query[key] = ['limit', 'offset', 'year'].includes(key) ? Number(value) : value;
    recording = [];
    await (kind === 'products' ? products : producers).list(user, query);
    const captured = recording;
    recording = null;
    return captured.filter((entry) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(entry.sql));
  };
}

async function explain(sql: string, parameters: unknown[]): Promise<CapturedSql> {
  const result = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
  const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
  const grab = (pattern: RegExp): number | null => {
    const found = pattern.exec(plan);
    return found ? Number(found[1]) : null;
  };
  return {
    sql,
    parameters,
    planningMs: grab(/Planning Time: ([\d.]+) ms/),
    executionMs: grab(/Execution Time: ([\d.]+) ms/),
    plan,
  };
}

// ------------------------------------------------------------------ main
let apiUrl = '';
const cleanups: Array<() => Promise<unknown>> = [];

async function main(): Promise<void> {
  if (!out) throw new Error('usage: scale-bench.js OUT.json');
  if (!databaseUrl) throw new Error('BENCH_SCALE_DATABASE_URL is not set');
  mkdirSync(work, { recursive: true });
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const loadAverage: Record<string, string> = {};
  const noteLoad = (name: string): void => {
    loadAverage[name] = loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  };
  const mark = (name: string, since: number): void => {
    timings[name] = round((Date.now() - since) / 1000, 1);
  };

  db = new Client({ connectionString: databaseUrl, application_name: 'ocop-bench' });
  await db.connect();
  cleanups.push(() => db.end());

  // -------------------------------------------------------------- processes
  let t = Date.now();
  const natsPort = await freePort();
  const natsStore = mkdtempSync(join(work, 'nats-'));
  cleanups.push(() => Promise.resolve(rmSync(natsStore, { recursive: true, force: true })));
  const nats = launch(
    'nats-server',
    natsBinary(),
    ['-js', '-sd', natsStore, '-a', '127.0.0.1', '-p', String(natsPort)],
    {
      PATH: process.env.PATH ?? '',
    },
  );
  for (let i = 0; !(await portAnswers(natsPort)); i += 1) {
    if (nats.child.exitCode !== null)
      throw new Error(`nats-server exited with ${nats.child.exitCode}; see ${nats.logFile}`);
    if (i > 200) throw new Error(`nats-server did not listen on ${natsPort}`);
    await sleep(50);
  }
  log(`nats-server (JetStream, private) on 127.0.0.1:${natsPort}, store ${natsStore}`);

  const httpPort = await freePort();
  const temporalPort = await freePort(); // nothing listens there: registration's API uses Temporal lazily
  const secret = randomBytes(36).toString('base64url'); // 48 characters
  const apiEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    HOME: process.env.HOME ?? '',
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    DOCUMENT_STORAGE_DIR: join(work, 'documents'),
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  };
  const api = launch('registration-main', process.execPath, [join(REPO, 'services/registration/dist/main.js')], apiEnv);
  apiUrl = `http://127.0.0.1:${httpPort}`;
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
  const token = await mintLocalToken({
    secret,
    subject: 'bench-ministry',
    roles: ['ministry_officer'],
    unitCode: 'VN',
    name: 'Bench (Bộ NN&MT)',
    expiresIn: '6h',
  });
  const authGet = (path: string): Promise<Response> =>
    fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // Readiness: /health also checks Temporal, which is deliberately absent; wait for liveness and one
  // authenticated read instead.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (api.child.exitCode !== null)
      throw new Error(`registration exited with ${api.child.exitCode}; see ${api.logFile}`);
    const live = await fetch(`${apiUrl}/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (
      live &&
      (await authGet('/api/v1/products?limit=1').then(
        (r) => r.ok,
        () => false,
      ))
    )
      break;
    if (Date.now() > deadline) throw new Error(`registration did not become ready in 120 s; see ${api.logFile}`);
    await sleep(200);
  }
  mark('startApi', t);
  log(`registration API (pid ${api.child.pid}) ready on ${apiUrl} in ${timings.startApi}s; log ${api.logFile}`);

  // -------------------------------------------------------------- producers
  const data = new ScaleData(join(REPO, 'services/registration/data/admin-units.csv'), seed);
  log(`admin units 2025: ${data.provinces.length} provinces, ${data.communes.length} communes`);
  const producerSeeds = data.producers(producerCount);
  const producerFailures: number[] = [];
  const progress = (label: string, total: number) => async (done: number, rate: number) =>
    `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}, ${Math.round(rate)} req/s over the last 10 s, ${await unpublished()} unpublished outbox rows`;
  noteLoad('beforeProducers');
  log(`phase 1: POST /api/v1/producers x ${producerCount.toLocaleString('en-US')}, ${connections} connections`);
  t = Date.now();
  const producerPhase = await withOutboxSampling(
    load({
      label: 'producers',
      method: 'POST',
      connections,
      amount: producerCount,
      path: '/api/v1/producers',
      token,
      body: (i) => producerSeeds[i]!.body,
      onResult: (i, status) => {
        if (status !== 201) producerFailures.push(i);
      },
      progress: progress('producers', producerCount),
    }),
  );
  mark('producersPhase', t);
  const p1 = producerPhase.value;
  log(
    `producers: ${p1.requestsPerSecond} req/s, p50 ${p1.latencyMs.p50} / p90 ${p1.latencyMs.p90} / p99 ${p1.latencyMs.p99} ms, ` +
      `non-2xx ${p1.non2xx}, errors ${p1.errors}; outbox drained ${producerPhase.drain.drainedAfterS ?? 'NOT'} s after`,
  );
  // Whatever did not get a 201 (error, timeout) is registered now, one by one, outside the measurement.
  let rows = (await db.query<{ tax_code: string }>('SELECT tax_code FROM registration.producer')).rows;
  const stored = new Set(rows.map((row) => row.tax_code));
  let producerTopUp = 0;
  for (const seedRow of producerSeeds) {
    if (stored.has(seedRow.taxCode)) continue;
    const response = await fetch(`${apiUrl}/api/v1/producers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: seedRow.body,
    });
    if (response.status === 201) producerTopUp += 1;
    else log(`top-up producer ${seedRow.taxCode}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  }
  if (producerTopUp > 0) log(`${producerTopUp} producers registered after the load (they had failed during it)`);
  const producers = (
    await db.query<{ id: string; tax_code: string; legal_form: string; commune_code: string; province_code: string }>(
      'SELECT id, tax_code, legal_form, commune_code, province_code FROM registration.producer ORDER BY tax_code',
    )
  ).rows.map((row): ProducerRow => ({
    id: row.id,
    taxCode: row.tax_code,
    legalForm: row.legal_form,
    communeCode: row.commune_code,
    provinceCode: row.province_code,
  }));
  rows = [];

  // -------------------------------------------------------------- products
  const specialtyOf = new Map(producerSeeds.map((s) => [s.taxCode, s.specialty]));
  const weightOf = new Map(producerSeeds.map((s) => [s.taxCode, s.weight]));
  const productBodies = data.products(productCount, producers, specialtyOf, weightOf);
  noteLoad('beforeProducts');
  log(`phase 2: POST /api/v1/products x ${productCount.toLocaleString('en-US')}, ${connections} connections`);
  t = Date.now();
  const productFailures: number[] = [];
  const productPhase = await withOutboxSampling(
    load({
      label: 'products',
      method: 'POST',
      connections,
      amount: productCount,
      path: '/api/v1/products',
      token,
      body: (i) => productBodies[i]!,
      onResult: (i, status) => {
        if (status !== 201) productFailures.push(i);
      },
      progress: progress('products', productCount),
    }),
  );
  mark('productsPhase', t);
  const p2 = productPhase.value;
  log(
    `products: ${p2.requestsPerSecond} req/s, p50 ${p2.latencyMs.p50} / p90 ${p2.latencyMs.p90} / p99 ${p2.latencyMs.p99} ms, ` +
      `non-2xx ${p2.non2xx}, errors ${p2.errors}; outbox drained ${productPhase.drain.drainedAfterS ?? 'NOT'} s after`,
  );
  let productTopUp = 0;
  const missingProducts = productCount - (await scalar('SELECT count(*) AS n FROM registration.product'));
  for (let k = 0; k < missingProducts; k += 1) {
    const body = productBodies[productFailures[k] ?? k]!;
    const response = await fetch(`${apiUrl}/api/v1/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    if (response.status === 201) productTopUp += 1;
    else log(`top-up product: ${response.status} ${(await response.text()).slice(0, 200)}`);
  }
  if (productTopUp > 0) log(`${productTopUp} products registered after the load (they had failed during it)`);
  const finalDrainS = await (async () => {
    const since = Date.now();
    while ((await unpublished()) > 0) {
      if (Date.now() - since > drainTimeoutS * 1000) return null;
      await sleep(250);
    }
    return round((Date.now() - since) / 1000);
  })();

  // -------------------------------------------------------------- what was stored
  const distribution = async (sql: string): Promise<Record<string, number>> =>
    Object.fromEntries((await db.query<{ k: string; n: string }>(sql)).rows.map((row) => [row.k, Number(row.n)]));
  const storedData = {
    producers: await scalar('SELECT count(*) AS n FROM registration.producer'),
    products: await scalar('SELECT count(*) AS n FROM registration.product'),
    outboxEvents: await scalar('SELECT count(*) AS n FROM registration.outbox_event'),
    provincesWithProducers: await scalar('SELECT count(DISTINCT province_code) AS n FROM registration.producer'),
    communesWithProducers: await scalar('SELECT count(DISTINCT commune_code) AS n FROM registration.producer'),
    communesWithProducts: await scalar('SELECT count(DISTINCT commune_code) AS n FROM registration.product'),
    producersWithoutProducts: await scalar(
      'SELECT count(*) AS n FROM registration.producer p WHERE NOT EXISTS (SELECT 1 FROM registration.product x WHERE x.producer_id = p.id)',
    ),
    maxProductsPerProducer: await scalar(
      'SELECT coalesce(max(n), 0) AS n FROM (SELECT count(*) AS n FROM registration.product GROUP BY producer_id) c',
    ),
    productsByGroup: await distribution(
      'SELECT "group" AS k, count(*) AS n FROM registration.product GROUP BY 1 ORDER BY 2 DESC',
    ),
    producersByLegalForm: await distribution(
      'SELECT legal_form AS k, count(*) AS n FROM registration.producer GROUP BY 1 ORDER BY 2 DESC',
    ),
    tableBytes: await distribution(
      `SELECT c.relname AS k, pg_total_relation_size(c.oid) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'registration' AND c.relname IN ('producer', 'product', 'outbox_event', 'change_record')`,
    ),
  };
  log(
    `stored: ${storedData.producers.toLocaleString('en-US')} producers in ${storedData.communesWithProducers} communes of ` +
      `${storedData.provincesWithProducers} provinces, ${storedData.products.toLocaleString('en-US')} products, ` +
      `${storedData.outboxEvents.toLocaleString('en-US')} outbox events`,
  );
  // Every event reached the private JetStream?
  let jetstreamMessages: number | null = null;
  try {
    const nc = await connectNats({ servers: `nats://127.0.0.1:${natsPort}`, name: 'ocop-bench' });
    const jsm = await nc.jetstreamManager();
    jetstreamMessages = 0;
    for await (const stream of jsm.streams.list()) jetstreamMessages += stream.state.messages;
    await nc.close();
  } catch (error) {
    log(`could not read the JetStream stream state: ${error instanceof Error ? error.message : String(error)}`);
  }

  // -------------------------------------------------------------- statistics, as autovacuum would leave them
  // Every table the load wrote (the outbox's 120,000 published rows and the change records too, not only the
  // two that are queried): otherwise autovacuum works them off during the measurement, on the same 2 cores.
  const autoAnalyzed = (
    await db.query<{ relname: string; last_autoanalyze: Date | null; last_autovacuum: Date | null }>(
      `SELECT relname, last_autoanalyze, last_autovacuum FROM pg_stat_user_tables
        WHERE schemaname = 'registration' AND n_live_tup + n_dead_tup > 0 ORDER BY relname`,
    )
  ).rows.map((row) => ({
    table: row.relname,
    autoanalyzed: row.last_autoanalyze !== null,
    autovacuumed: row.last_autovacuum !== null,
  }));
  t = Date.now();
  await db.query(`VACUUM (ANALYZE) ${autoAnalyzed.map((row) => `registration.${row.table}`).join(', ')}`);
  mark('vacuumAnalyze', t);
  const autovacuumWorkers = Number(
    (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
      )
    ).rows[0]?.n ?? 0,
  );
  log(
    `VACUUM (ANALYZE) of the ${autoAnalyzed.length} tables the load wrote: ${timings.vacuumAnalyze}s ` +
      `(autovacuum before: ${JSON.stringify(autoAnalyzed)}; autovacuum workers running after it: ${autovacuumWorkers})`,
  );
  // The load leaves hundreds of MB of dirty pages, which the checkpointer writes out over the following minutes:
  // a CHECKPOINT now, so the queries do not share the 2 cores and the disk with it (a running system has long
  // finished that). As in the reporting benchmark.
  t = Date.now();
  const checkpointed = await db.query('CHECKPOINT').then(
    () => true,
    (error: unknown) => {
      log(`CHECKPOINT refused (${String(error)}): the queries share the disk with the checkpointer`);
      return false;
    },
  );
  mark('checkpoint', t);
  if (checkpointed) log(`CHECKPOINT after the load: ${timings.checkpoint}s`);

  // -------------------------------------------------------------- list and search
  const busiest = async (column: string, table: string): Promise<string> =>
    (
      await db.query<{ k: string }>(
        `SELECT ${column} AS k FROM registration.${table} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      )
    ).rows[0]!.k;
  const province = await busiest('province_code', 'product');
  const commune = await busiest('commune_code', 'product');
  // Producer search: the place name (accent-free, as officers type it) that the most producer names of the
  // province contain; households are named after people, so not every commune's name finds producers.
  const provinceProducers = (
    await db.query<{ search_name: string; commune_code: string }>(
      'SELECT search_name, commune_code FROM registration.producer WHERE province_code = $1',
      [province],
    )
  ).rows;
  const hits = new Map<string, number>();
  for (const row of provinceProducers) {
    const folded = fold(data.communes.find((c) => c.code === row.commune_code)?.place ?? '');
    if (folded && row.search_name.includes(folded)) hits.set(folded, (hits.get(folded) ?? 0) + 1);
  }
  const place = [...hits.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'htx';
  const year = Number(
    (await db.query<{ y: number }>('SELECT max(cycle_year) AS y FROM registration.product')).rows[0]?.y ??
      new Date().getFullYear(),
  );
  // A specific product: the name of one stored product (with diacritics) that carries no qualifier, i.e.
  // "<product word> <place>", such as "Nước mắm Cát Hải".
  const candidates = (
    await db.query<{ name: string; commune_code: string }>(
      'SELECT name, commune_code FROM registration.product ORDER BY id LIMIT 500 OFFSET $1',
      [Math.max(0, Math.min(4321, storedData.products - 500))],
    )
  ).rows;
  const fragment =
    candidates.find((row) => {
      const placeName = data.communes.find((c) => c.code === row.commune_code)?.place;
      return placeName !== undefined && row.name.endsWith(placeName) && row.name.length > placeName.length + 3;
    })?.name ?? candidates[0]!.name;
  const provinceName = data.provinces.find((p) => p.code === province)?.name ?? province;
  const communeName = data.communes.find((c) => c.code === commune)?.name ?? commune;
  log(
    `queries use: province ${province} (${provinceName}, the most products), commune ${commune} (${communeName}), ` +
      `year ${year}, product fragment "${fragment}", producer search "${place}"`,
  );
  const queries: Array<{ name: string; kind: 'products' | 'producers' | 'admin-units'; params: string }> = [
    { name: 'products of a province', kind: 'products', params: `unit=${province}` },
    { name: 'products of a commune', kind: 'products', params: `unit=${commune}` },
    {
      name: 'products, national, group + status + year',
      kind: 'products',
      params: `unit=VN&group=beverages&status=idea&year=${year}`,
    },
    { name: 'products, search "mat ong" (accent-free)', kind: 'products', params: 'q=mat+ong' },
    { name: `products, search a name ("${fragment}")`, kind: 'products', params: `q=${encodeURIComponent(fragment)}` },
    {
      name: 'products of cooperatives in a province',
      kind: 'products',
      params: `legalForm=cooperative&unit=${province}`,
    },
    { name: 'products by name, page 21 (offset 1000)', kind: 'products', params: 'sort=name&offset=1000&limit=50' },
    {
      name: 'producers of a province, searched',
      kind: 'producers',
      params: `q=${encodeURIComponent(place)}&unit=${province}`,
    },
    { name: 'producers of a commune', kind: 'producers', params: `unit=${commune}` },
    { name: 'admin units, search "tien"', kind: 'admin-units', params: 'q=tien' },
  ];
  const capture = await captureSql();
  noteLoad('beforeQueries');
  const queryResults = [];
  t = Date.now();
  for (const [i, query] of queries.entries()) {
    const path = `/api/v1/${query.kind}?${query.params}`;
    const first = await authGet(path);
    const firstBody = (await first.json().catch(() => ({}))) as { total?: number; items?: unknown[] };
    if (!first.ok) log(`  ${path} answered ${first.status}: ${JSON.stringify(firstBody).slice(0, 300)}`);
    if (queryWarmup > 0) {
      await load({
        label: `warm-up ${query.name}`,
        method: 'GET',
        connections: queryConnections,
        duration: queryWarmup,
        path,
        token,
      });
    }
    const result = await load({
      label: query.name,
      method: 'GET',
      connections: queryConnections,
      duration: queryDuration,
      path,
      token,
    });
    const pass = result.latencyMs.p99 < targetP99 && result.non2xx === 0 && result.errors === 0;
    // The same query one at a time: the latency without queueing behind the other connections.
    const serial =
      querySerial > 0
        ? await load({
            label: `${query.name} (1 connection)`,
            method: 'GET',
            connections: 1,
            duration: querySerial,
            path,
            token,
          })
        : null;
    log(
      `  ${i + 1}/${queries.length} ${path}: total ${firstBody.total ?? '?'}, ${result.requestsPerSecond} req/s, ` +
        `p50 ${result.latencyMs.p50} / p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx} → ${pass ? 'PASS' : 'FAIL'}` +
        (serial ? ` (1 connection: p50 ${serial.latencyMs.p50} / p99 ${serial.latencyMs.p99} ms)` : ''),
    );
    let sql: CapturedSql[] = [];
    if (query.kind !== 'admin-units') {
      const statements = await capture(query.kind, new URLSearchParams(query.params));
      sql = [];
      for (const statement of statements) sql.push(await explain(statement.sql, statement.parameters));
    }
    queryResults.push({
      name: query.name,
      path,
      status: first.status,
      total: firstBody.total ?? null,
      items: firstBody.items?.length ?? null,
      pass,
      targetP99Ms: targetP99,
      load: result,
      serial,
      sql,
    });
  }
  mark('queries', t);
  const failing = queryResults.filter((q) => !q.pass);
  log(
    failing.length === 0
      ? `all ${queryResults.length} queries within p99 < ${targetP99} ms`
      : `${failing.length} of ${queryResults.length} queries miss p99 < ${targetP99} ms: ${failing.map((q) => q.path).join(', ')}`,
  );

  // -------------------------------------------------------------- stop
  t = Date.now();
  const exitCodes = await stopAll();
  mark('stop', t);
  const apiLogLines = (() => {
    try {
      return readFileSync(api.logFile, 'utf8').split('\n').filter(Boolean).length;
    } catch {
      return null;
    }
  })();
  timings.total = round((Date.now() - t0) / 1000, 1);

  const result = {
    settings: {
      producers: producerCount,
      products: productCount,
      connections,
      queryConnections,
      queryDurationS: queryDuration,
      queryWarmupS: queryWarmup,
      querySerialS: querySerial,
      targetP99Ms: targetP99,
      seed,
      databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    },
    processes: {
      natsPort,
      apiPort: httpPort,
      temporalAddress: `127.0.0.1:${temporalPort} (nothing listens)`,
      exitCodes,
      apiLogLines,
      apiLog: api.logFile,
    },
    phases: {
      producers: {
        load: p1,
        outbox: producerPhase.drain,
        failedDuringLoad: producerFailures.length,
        topUp: producerTopUp,
      },
      products: { load: p2, outbox: productPhase.drain, failedDuringLoad: productFailures.length, topUp: productTopUp },
      outboxDrainedAfterTopUpS: finalDrainS,
    },
    stored: { ...storedData, jetstreamMessages },
    statistics: { autovacuumBeforeBench: autoAnalyzed, vacuumAnalyzeS: timings.vacuumAnalyze, autovacuumWorkers },
    queryParameters: { province, provinceName, commune, communeName, year, fragment, producerSearch: place },
    queries: queryResults,
    timingsS: timings,
    loadAverage,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`driver done in ${timings.total}s; results in ${out}`);
}

async function cleanup(): Promise<void> {
  await stopAll().catch(() => undefined);
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

/**
 * A national round day (issue: "3,000 products × 9 members × 30 criteria submitted concurrently:
 * throughput and p99; ranking and deciding a round of 500 products under 1 s"), the driver of
 * `npm run bench -- evaluation-scoring`. The day is modelled as BENCH_COUNCILS province councils (6) meeting
 * on the same day, each with BENCH_SCORING_MEMBERS scoring members (9: chair, vice-chair, members,
 * experts) and a secretary, each scoring its own province round of BENCH_ROUND_PRODUCTS products (500).
 *
 * On a fresh database that scripts/bench.sh created and migrated (registration and evaluation), it starts
 * a private nats-server and a private Temporal dev server (in memory), both from the machine's binaries,
 * one registration API process (it answers evaluation's jurisdiction requests over NATS) and one evaluation
 * API process. Private, because the services' JetStream streams and durable consumers and their Temporal
 * task queues are named after the service: on the machine's servers the bench's events and round workflows
 * would reach other processes of the platform (and theirs the bench's APIs).
 *
 *   set-up      councils, rounds (opened) through the API; the products straight into
 *               evaluation.product_intake as `pre_assessed` (one INSERT ... SELECT FROM unnest, as
 *               registration's events would have left them); entered through the API; rounds moved to
 *               scoring; attendance (everyone present) recorded by each council's secretary
 *   phase A     every member submits a full scorecard (choicesForTarget on the round's food criteria set) for
 *               every product: councils × products × members submissions over BENCH_SUBMIT_CONNECTIONS
 *               keep-alive connections (default one per member), product by product as a council works,
 *               the councils side by side; member totals spread around each product's quality, some
 *               products with one diverging member (flagged: spread over 10 points) or with a mandatory
 *               criterion a majority of members found missed
 *   phase A2    each flagged product sent back (POST .../rescore by the chair) and re-scored by the members
 *               named, outside phase A's figures
 *   phase B     per round, on a quiet system: POST /phase {to: deliberation} (quorum + ranking of every
 *               product), then POST /decision (certificates, forwards, feedback), each call timed, against
 *               BENCH_TARGET_MS (1000) for the two together; then the SQL of both, run by the service's own
 *               code in this process inside transactions that are rolled back: statements (round trips)
 *               and the time they take, and EXPLAIN (ANALYZE, BUFFERS) of each distinct statement
 *
 *   node bench/dist/evaluation-bench.js OUT.json
 *
 * Environment: BENCH_EVAL_DATABASE_URL (required), BENCH_WORK, BENCH_COUNCILS (6), BENCH_ROUND_PRODUCTS
 * (500), BENCH_SCORING_MEMBERS (9), BENCH_SUBMIT_CONNECTIONS (councils × members), BENCH_ENTER_CONNECTIONS
 * (councils), BENCH_FLAGGED_SHARE (0.06), BENCH_MISSED_SHARE (0.03), BENCH_WARM_CACHE (1: each chair saves a
 * draft of the first product before phase A, see there), BENCH_TARGET_MS (1000), BENCH_SEED
 * (20250701), BENCH_DRAIN_TIMEOUT (300), DATABASE_POOL_SIZE (passed to both APIs), NATS_SERVER_BIN,
 * TEMPORAL_BIN.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect as connectNats } from 'nats';
import { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { round } from './load-summary';
import { freePort, portAnswers, Processes, toolBinary, type Started } from './processes';
import { runPool, send, type PoolRequest } from './request-pool';
import { prng, readUnits, type Commune } from './scale-data';
import { REPO, OCOP_HOME, env, num } from './bench-env';

const share = (name: string, fallback: number): number => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0 || value > 0.5) throw new Error(`${name} must be between 0 and 0.5`);
  return value;
};

const out = process.argv[2];
const databaseUrl = process.env.BENCH_EVAL_DATABASE_URL ?? '';
const work = env('BENCH_WORK', join(OCOP_HOME, 'bench', `evaluation-${Date.now()}`));
const councilCount = Math.floor(num('BENCH_COUNCILS', 6));
const roundProducts = Math.floor(num('BENCH_ROUND_PRODUCTS', 500));
const scoringMembers = Math.floor(num('BENCH_SCORING_MEMBERS', 9));
const submitConnections = Math.floor(num('BENCH_SUBMIT_CONNECTIONS', councilCount * scoringMembers));
// One per council (a secretariat each): more than the API's pool size stalls on RoundService.enterProduct
// reading the criteria set outside its transaction (the same pool exhaustion as in phase A, see there).
const enterConnections = Math.floor(num('BENCH_ENTER_CONNECTIONS', councilCount));
const flaggedShare = share('BENCH_FLAGGED_SHARE', 0.06);
const missedShare = share('BENCH_MISSED_SHARE', 0.03);
const targetMs = num('BENCH_TARGET_MS', 1000);
const seed = num('BENCH_SEED', 20250701);
const drainTimeoutS = num('BENCH_DRAIN_TIMEOUT', 300);
/** 0: no draft before phase A, so the evaluation API starts it with its criteria set cache cold (see below). */
const warmCache = env('BENCH_WARM_CACHE', '1') !== '0';
/** The spread over which members re-score (the round's default, OCOP.md §5.4). */
const SPREAD_THRESHOLD = 10;

const log = (message: string): void => console.log(`[bench] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number): string => n.toLocaleString('en-US');

/** Provinces whose councils meet on the bench's day, in this order (2025 codes); more come from the CSV. */
const PROVINCES = ['24', '38', '40', '25', '66', '82', '19', '31', '46', '91'];

// ------------------------------------------------------------------ the evaluation service's own code
/** The parts of a criteria set document that scoring needs (services/evaluation criteria-set.rules). */
interface CriteriaSetDoc {
  versionCode: string;
  group: string;
  parts: Array<{
    code: string;
    criteria: Array<{
      code: string;
      requiredForStars: number | null;
      options: Array<{ code: string; points: number }>;
    }>;
  }>;
}
type ChoicesForTarget = (doc: CriteriaSetDoc, target: number, miss?: readonly string[]) => Record<string, string>;

const loadDist = async <T>(path: string): Promise<T> => (await import(join(REPO, path))) as T;

// ------------------------------------------------------------------ people and products
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Hữu', 'Thu'];
const GIVEN = ['An', 'Bình', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phúc', 'Sơn', 'Tâm', 'Thảo', 'Tuấn'];
const ORGANISATIONS = [
  'Ủy ban nhân dân tỉnh',
  'Sở Nông nghiệp và Môi trường',
  'Sở Công Thương',
  'Sở Y tế',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Tài chính',
  'Trường Đại học Nông Lâm',
  'Viện Nghiên cứu Rau quả',
  'Liên minh Hợp tác xã tỉnh',
];
const FOOD = [
  'Mật ong',
  'Mật ong hoa nhãn',
  'Nước mắm',
  'Miến dong',
  'Bánh đa',
  'Giò chả',
  'Tương',
  'Chả cá',
  'Kẹo dừa',
  'Nem chua',
  'Gạo',
  'Gạo nếp cái hoa vàng',
  'Lạc nhân',
  'Tôm khô',
  'Chè búp',
  'Trà xanh',
  'Cà phê bột',
  'Tiêu đen',
  'Vải thiều',
  'Bưởi da xanh',
];
const QUALIFIERS = ['', '', '', 'loại 1', 'đặc biệt', 'hộp 500 g', 'túi 1 kg', 'truyền thống'];

type Role = 'chair' | 'vice_chair' | 'member' | 'expert' | 'secretary';
interface Member {
  index: number;
  role: Role;
  fullName: string;
  userId: string;
  memberId: string;
  token: string;
  /** A member's leaning, in points (stricter or more lenient than the council). */
  bias: number;
}
interface ProductPlan {
  productId: string;
  name: string;
  producerName: string;
  communeCode: string;
  quality: number;
  kind: 'agreeing' | 'diverging' | 'missed';
  /** Per scoring member: the body submitted and the total it scores. */
  cards: Array<{ target: number; miss: boolean; total: number; body: string }>;
}
interface Council {
  index: number;
  provinceCode: string;
  provinceName: string;
  councilId: string;
  roundId: string;
  officerToken: string;
  secretary: Member;
  members: Member[];
  products: ProductPlan[];
}

function roleOf(index: number): Role {
  if (index === 0) return 'chair';
  if (index === 1) return 'vice_chair';
  return index % 4 === 3 ? 'expert' : 'member';
}

/** Today in Vietnam (the API's dates are Asia/Ho_Chi_Minh). */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ------------------------------------------------------------------ database helpers
let db: Pool;
async function scalar(sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}
const unpublished = (): Promise<number> =>
  scalar(
    `SELECT (SELECT count(*) FROM evaluation.outbox_event WHERE published_at IS NULL)
          + (SELECT count(*) FROM registration.outbox_event WHERE published_at IS NULL) AS n`,
  );
const scoredEntries = (): Promise<number> =>
  scalar('SELECT count(*) AS n FROM evaluation.round_entry WHERE outcome IS NOT NULL');

// ------------------------------------------------------------------ SQL capture, round trips, EXPLAIN
interface Recorded {
  sql: string;
  parameters: unknown[];
  at: number;
}
interface StatementGroup {
  statement: string;
  count: number;
  /** Time from each statement being sent to the next one (or the end), summed: its share of the call. */
  ms: number;
}
interface Explained {
  statement: string;
  sql: string;
  parameters: unknown[];
  count: number;
  executionMs: number | null;
  planningMs: number | null;
  plan: string;
}
interface CallProfile {
  call: string;
  wallMs: number;
  statements: number;
  groups: StatementGroup[];
  explained: Explained[];
}

/** A statement's shape: its text with the parameter lists and literals collapsed. */
function shapeOf(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(
      /SELECT ((?:"\w+"\."\w+" AS "\w+"(?:, )?)+) FROM/g,
      (_w, list: string) => `SELECT <${list.split(', ').length} columns> FROM`,
    )
    .replace(/\$\d+(, \$\d+)+/g, '$n, …')
    .trim();
}

function groupsOf(recorded: Recorded[], endedAt: number): StatementGroup[] {
  const groups = new Map<string, StatementGroup>();
  recorded.forEach((entry, i) => {
    const nextAt = recorded[i + 1]?.at ?? endedAt;
    const statement = shapeOf(entry.sql);
    const group = groups.get(statement) ?? { statement, count: 0, ms: 0 };
    group.count += 1;
    group.ms += nextAt - entry.at;
    groups.set(statement, group);
  });
  return [...groups.values()].map((g) => ({ ...g, ms: round(g.ms) })).sort((a, b) => b.ms - a.ms);
}

async function explain(sql: string, parameters: unknown[]): Promise<Omit<Explained, 'statement' | 'count'>> {
  // Writes are explained inside a transaction that is rolled back: nothing changes.
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
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
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

interface ProfileServices {
  rankAll(roundId: string): Promise<CallProfile>;
  decideRound(roundId: string, dto: Record<string, unknown>): Promise<CallProfile>;
}

/**
 * The evaluation service's own RankingService and DecisionService (from its build), resolved by Nest from the
 * providers of its DecisionModule and the modules that imports (not its controllers), on a DataSource whose
 * logger records every statement and whose transactions are always rolled back. Platform-level dependencies
 * are stand-ins: the outbox writer is the real one, the jurisdiction check a no-op (the API checked it).
 */
async function profileServices(): Promise<ProfileServices> {
  type Token = abstract new (...dependencies: never[]) => unknown;
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { Module } = await import('@nestjs/common');
  const { DataSource: DataSourceToken } = await import('typeorm');
  const { evaluationDataSource } = await loadDist<{ evaluationDataSource: (url: string) => DataSource }>(
    'services/evaluation/dist/database/data-source.js',
  );
  const { OutboxWriter } = await loadDist<{ OutboxWriter: new (source: string, schema: string) => unknown }>(
    'libs/messaging/dist/index.js',
  );
  const { JurisdictionService, EventHandlerRegistry } = await loadDist<{
    JurisdictionService: Token;
    EventHandlerRegistry: Token;
  }>('libs/nest-common/dist/index.js');
  const { Client: TemporalClient } = await import('@temporalio/client');
  const { EvaluationConfig } = await loadDist<{ EvaluationConfig: Token }>(
    'services/evaluation/dist/config/evaluation.config.js',
  );
  const { DecisionModule } = await loadDist<{ DecisionModule: Token }>(
    'services/evaluation/dist/decision/decision.module.js',
  );
  const { DecisionService } = await loadDist<{ DecisionService: Token }>(
    'services/evaluation/dist/decision/decision.service.js',
  );
  const { RankingService } = await loadDist<{ RankingService: Token }>(
    'services/evaluation/dist/round/ranking.service.js',
  );
  const { RoundEntity } = await loadDist<{ RoundEntity: Token }>('services/evaluation/dist/round/round.entity.js');

  let recording: Recorded[] | null = null;
  const logger = {
    logQuery: (sql: string, parameters?: unknown[]) =>
      recording?.push({ sql, parameters: parameters ?? [], at: performance.now() }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const dataSource = evaluationDataSource(databaseUrl);
  dataSource.setOptions({ logger, logging: true, applicationName: 'ocop-bench-profile', extra: { max: 2 } });
  await dataSource.initialize();
  cleanups.push(() => dataSource.destroy());
  /** DataSource.transaction as the services call it, always rolled back. */
  const rolledBack = async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      return await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };
  Object.assign(dataSource, { transaction: rolledBack });

  // Every provider of DecisionModule and of the modules it imports, as the API wires them.
  const providers: unknown[] = [];
  const seen = new Set<unknown>();
  const collect = (moduleClass: unknown): void => {
    if (seen.has(moduleClass) || typeof moduleClass !== 'function') return;
    seen.add(moduleClass);
    providers.push(...((Reflect.getMetadata('providers', moduleClass) as unknown[] | undefined) ?? []));
    for (const imported of (Reflect.getMetadata('imports', moduleClass) as unknown[] | undefined) ?? [])
      collect(imported);
  };
  collect(DecisionModule);
  class BenchProfileModule {}
  Module({
    providers: [
      { provide: DataSourceToken, useValue: dataSource },
      { provide: OutboxWriter, useValue: new OutboxWriter('evaluation', 'evaluation') },
      { provide: JurisdictionService, useValue: { assertWithin: (): Promise<void> => Promise.resolve() } },
      { provide: EventHandlerRegistry, useValue: { register: (): void => undefined } },
      { provide: TemporalClient, useValue: {} },
      { provide: EvaluationConfig, useValue: {} },
      ...(providers as []),
    ],
  })(BenchProfileModule);
  const context = await NestFactory.createApplicationContext(BenchProfileModule, {
    logger: false,
    abortOnError: false,
  });
  cleanups.push(() => context.close());
  const ranking = context.get<Token, { rankAll(manager: EntityManager, round: unknown): Promise<unknown[]> }>(
    RankingService,
  );
  const decisions = context.get<
    Token,
    { decideRound(user: unknown, roundId: string, dto: Record<string, unknown>): Promise<unknown> }
  >(DecisionService);
  const user = { id: 'bench-profile', roles: ['province_officer'], unitCode: 'VN' };

  const profile = async (call: string, run: () => Promise<unknown>): Promise<CallProfile> => {
    recording = [];
    const started = performance.now();
    await run();
    const ended = performance.now();
    const recorded = recording.filter((entry) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/i.test(entry.sql));
    recording = null;
    const groups = groupsOf(recorded, ended);
    const explained: Explained[] = [];
    for (const group of groups) {
      const first = recorded.find((entry) => shapeOf(entry.sql) === group.statement)!;
      explained.push({
        statement: group.statement,
        count: group.count,
        ...(await explain(first.sql, first.parameters)),
      });
    }
    return { call, wallMs: round(ended - started), statements: recorded.length, groups, explained };
  };
  return {
    rankAll: (roundId) =>
      profile('RankingService.rankAll (the ranking inside POST /phase {to: deliberation})', () =>
        rolledBack(async (manager) => {
          const roundRow = await manager.findOneOrFail(RoundEntity, { where: { id: roundId } });
          return ranking.rankAll(manager, roundRow);
        }),
      ),
    decideRound: (roundId, dto) =>
      profile('DecisionService.decideRound (POST /decision)', () => decisions.decideRound(user, roundId, dto)),
  };
}

// ------------------------------------------------------------------ main
const cleanups: Array<() => Promise<unknown>> = [];
let processes: Processes;

async function main(): Promise<void> {
  if (!out) throw new Error('usage: evaluation-bench.js OUT.json');
  if (!databaseUrl) throw new Error('BENCH_EVAL_DATABASE_URL is not set');
  mkdirSync(work, { recursive: true });
  processes = new Processes(work, REPO);
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
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  db = new Pool({ connectionString: databaseUrl, application_name: 'ocop-bench', max: 3 });
  // An idle connection that the server ends (the database dropped under a run) fails the next query instead of
  // crashing the driver before it has stopped the processes it started.
  db.on('error', (error) => log(`database connection lost: ${error.message}`));
  cleanups.push(() => db.end());

  // -------------------------------------------------------------- processes
  let t = Date.now();
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
  log(`nats-server (JetStream, private) on 127.0.0.1:${natsPort}`);

  // Always a private Temporal: round workflows started here must not reach another process's evaluation
  // worker polling the machine's server (same namespace and task queue). The platform's search attributes
  // are registered as infra/temporal.sh does.
  const temporalBin = toolBinary('temporal', OCOP_HOME, process.env.TEMPORAL_BIN);
  const temporalPort = await freePort();
  const searchAttributes = readFileSync(join(REPO, 'infra/temporal/search-attributes.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => ['--search-attribute', line.split(/\s+/).slice(0, 2).join('=')]);
  const temporalServer = processes.launch(
    'temporal',
    temporalBin,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--log-level',
      'warn',
      ...searchAttributes,
    ],
    { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  );
  await waitForPort(temporalPort, temporalServer, 60_000);
  const temporal = `127.0.0.1:${temporalPort}`;
  for (let i = 0; ; i += 1) {
    try {
      execFileSync(
        temporalBin,
        ['operator', 'namespace', 'describe', '--namespace', 'default', '--address', temporal],
        {
          stdio: 'ignore',
          timeout: 10_000,
        },
      );
      break;
    } catch (error) {
      if (i > 60) throw new Error(`Temporal at ${temporal} has no default namespace: ${String(error)}`);
      await sleep(500);
    }
  }
  log(`Temporal dev server (private, in memory) on ${temporal}`);

  const secret = randomBytes(36).toString('base64url');
  const apiEnv = (httpPort: number): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    HOME: process.env.HOME ?? '',
    HTTP_PORT: String(httpPort),
    HTTP_HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    TEMPORAL_ADDRESS: temporal,
    TEMPORAL_NAMESPACE: 'default',
    JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    DOCUMENT_STORAGE_DIR: join(work, 'documents'),
    PUBLIC_BASE_URL: 'https://ocop.example.vn',
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  });
  const registrationPort = await freePort();
  const registration = processes.launch(
    'registration-main',
    process.execPath,
    [join(REPO, 'services/registration/dist/main.js')],
    apiEnv(registrationPort),
  );
  const evaluationPort = await freePort();
  const evaluation = processes.launch(
    'evaluation-main',
    process.execPath,
    [join(REPO, 'services/evaluation/dist/main.js')],
    apiEnv(evaluationPort),
  );
  const apiUrl = `http://127.0.0.1:${evaluationPort}`;
  const { mintLocalToken } = await loadDist<{
    mintLocalToken: (input: {
      secret: string;
      subject: string;
      roles: string[];
      unitCode: string;
      name?: string;
      expiresIn?: string;
    }) => Promise<string>;
  }>('libs/nest-common/dist/auth/mint-token.js');
  const mint = (subject: string, roles: string[], unitCode: string, name: string): Promise<string> =>
    mintLocalToken({ secret, subject, roles, unitCode, name, expiresIn: '6h' });
  const ministry = await mint('bench-ministry', ['ministry_officer'], 'VN', 'Bench (Bộ NN&MT)');

  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  cleanups.push(() => Promise.resolve(agent.destroy()));
  const base = new URL(apiUrl);
  const call = async <T>(
    method: PoolRequest['method'],
    path: string,
    token: string,
    body?: unknown,
    expect?: number,
  ): Promise<{ status: number; body: T; ms: number; text: string }> => {
    const response = await send(agent, base, {
      method,
      path: `/api/v1${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      parsed = null;
    }
    if (expect !== undefined && response.status !== expect)
      throw new Error(`${method} ${path}: expected ${expect}, got ${response.status} ${response.body.slice(0, 500)}`);
    return { status: response.status, body: parsed as T, ms: response.ms, text: response.body };
  };

  // Readiness: both answer /health/live, evaluation serves an authenticated read that needs registration
  // (jurisdiction over NATS) and has loaded the shipped criteria sets.
  const deadline = Date.now() + 180_000;
  for (;;) {
    for (const api of [registration, evaluation]) {
      if (api.child.exitCode !== null)
        throw new Error(`${api.name} exited with ${api.child.exitCode}; see ${api.logFile}`);
    }
    const live = await Promise.all(
      [registrationPort, evaluationPort].map((port) =>
        fetch(`http://127.0.0.1:${port}/health/live`).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    if (live.every(Boolean)) {
      const sets = await call<unknown[]>('GET', '/criteria-sets', ministry).catch(() => null);
      const rounds = await call<unknown>('GET', '/rounds?province=24', ministry).catch(() => null);
      if (sets?.status === 200 && Array.isArray(sets.body) && sets.body.length > 0 && rounds?.status === 200) break;
    }
    if (Date.now() > deadline) throw new Error(`the APIs did not become ready in 180 s; see ${work}`);
    await sleep(250);
  }
  mark('startApis', t);
  log(
    `registration API (pid ${registration.child.pid}) and evaluation API (pid ${evaluation.child.pid}) ready in ${timings.startApis}s; ` +
      `logs ${registration.logFile}, ${evaluation.logFile}`,
  );

  // -------------------------------------------------------------- councils and rounds
  noteLoad('beforeSetup');
  t = Date.now();
  const units = readUnits(join(REPO, 'services/registration/data/admin-units.csv'));
  const provinceCodes = [
    ...PROVINCES,
    ...units.provinces.map((p) => p.code).filter((code) => !PROVINCES.includes(code)),
  ];
  if (councilCount > provinceCodes.length)
    throw new Error(`at most ${provinceCodes.length} councils (one per province)`);
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const dossierDeadline = addDays(today, 1);
  const meetingDate = addDays(today, 3);
  const personName = (): string => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
  const councils: Council[] = [];
  for (let c = 0; c < councilCount; c += 1) {
    const provinceCode = provinceCodes[c]!;
    const provinceName = units.provinces.find((p) => p.code === provinceCode)?.name ?? provinceCode;
    const officerToken = await mint(
      `bench-officer-${provinceCode}`,
      ['province_officer'],
      provinceCode,
      'Cán bộ Văn phòng Điều phối NTM',
    );
    const people = Array.from({ length: scoringMembers + 1 }, (_, i) => {
      const role: Role = i === scoringMembers ? 'secretary' : roleOf(i);
      return { index: i, role, fullName: personName(), userId: `bench-${provinceCode}-${role}-${i}` };
    });
    const council = await call<{ id: string; members: Array<{ id: string; userId: string }> }>(
      'POST',
      '/councils',
      officerToken,
      {
        name: `Hội đồng đánh giá, phân hạng sản phẩm OCOP ${provinceName} năm ${year}`,
        level: 'province',
        unitCode: provinceCode,
        provinceCode,
        termStart: `${year}-01-01`,
        members: people.map((person) => ({
          fullName: person.fullName,
          organisation: ORGANISATIONS[person.index % ORGANISATIONS.length]!,
          role: person.role,
          userId: person.userId,
        })),
      },
      201,
    );
    const members: Member[] = [];
    for (const person of people) {
      const memberId = council.body.members.find((m) => m.userId === person.userId)?.id;
      if (!memberId) throw new Error(`council member ${person.userId} missing from the answer`);
      const roles = person.role === 'secretary' ? ['council_secretary'] : ['council_member'];
      members.push({
        ...person,
        memberId,
        token: await mint(person.userId, roles, provinceCode, person.fullName),
        bias: (random() - 0.5) * 2,
      });
    }
    const roundRow = await call<{ id: string; versionCode: string }>(
      'POST',
      '/rounds',
      officerToken,
      {
        name: `Đợt 2 năm ${year}: đánh giá, phân hạng sản phẩm OCOP cấp tỉnh, ${provinceName}`,
        councilId: council.body.id,
        dossierDeadline,
        meetingDate,
      },
      201,
    );
    await call('POST', `/rounds/${roundRow.body.id}/phase`, officerToken, { to: 'open' }, 200);
    councils.push({
      index: c,
      provinceCode,
      provinceName,
      councilId: council.body.id,
      roundId: roundRow.body.id,
      officerToken,
      secretary: members[scoringMembers]!,
      members: members.slice(0, scoringMembers),
      products: [],
    });
  }
  mark('councilsAndRounds', t);
  log(
    `${councilCount} province councils of ${scoringMembers} scoring members + a secretary (${councils
      .map((c) => `${c.provinceCode} ${c.provinceName}`)
      .join(', ')}), one round each, opened; meeting ${meetingDate}`,
  );

  // -------------------------------------------------------------- products, straight into evaluation's intake
  t = Date.now();
  const communesOf = new Map<string, Commune[]>();
  for (const commune of units.communes) {
    const list = communesOf.get(commune.provinceCode) ?? [];
    list.push(commune);
    communesOf.set(commune.provinceCode, list);
  }
  for (const council of councils) {
    const communes = communesOf.get(council.provinceCode) ?? [];
    for (let k = 0; k < roundProducts; k += 1) {
      const commune = communes.length > 0 ? pick(communes) : undefined;
      const place = commune?.place ?? council.provinceName;
      const word = pick(FOOD);
      const qualifier = pick(QUALIFIERS);
      council.products.push({
        productId: randomUUID(),
        name: `${word} ${place}${qualifier ? ` ${qualifier}` : ''}`,
        producerName: random() < 0.5 ? `HTX ${word} ${place}` : `Hộ kinh doanh ${personName()}`,
        communeCode: commune?.code ?? council.provinceCode,
        quality: 0,
        kind: 'agreeing',
        cards: [],
      });
    }
  }
  const rows = councils.flatMap((council) => council.products.map((product) => ({ council, product })));
  await db.query(
    `INSERT INTO evaluation.product_intake (product_id, name, producer_id, producer_name, "group", province_code,
       commune_code, cycle_year, workflow_id, source_event_id, stage)
     SELECT product_id, name, producer_id, producer_name, 'food', province_code, commune_code, $7, 'product-' || product_id,
            gen_random_uuid(), 'pre_assessed'
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[])
            AS p(product_id, name, producer_id, producer_name, province_code, commune_code)`,
    [
      rows.map((r) => r.product.productId),
      rows.map((r) => r.product.name),
      rows.map(() => randomUUID()),
      rows.map((r) => r.product.producerName),
      rows.map((r) => r.council.provinceCode),
      rows.map((r) => r.product.communeCode),
      year,
    ],
  );
  mark('intakeInsert', t);
  log(
    `${fmt(rows.length)} food products inserted into evaluation.product_intake as pre_assessed in ${timings.intakeInsert}s`,
  );

  // -------------------------------------------------------------- products entered through the API
  noteLoad('beforeEntering');
  t = Date.now();
  const enteredTotal = rows.length;
  const enterFailures: number[] = [];
  // Interleaved: the councils' secretariats enter their products side by side.
  const enterOrder = (i: number) => {
    const council = councils[i % councilCount]!;
    return { council, product: council.products[Math.floor(i / councilCount)]! };
  };
  log(`entering ${fmt(enteredTotal)} products: POST /api/v1/rounds/:id/products, ${enterConnections} connections`);
  const entering = await runPool({
    label: 'enter products',
    baseUrl: apiUrl,
    connections: enterConnections,
    count: enteredTotal,
    request: (i) => {
      const { council, product } = enterOrder(i);
      return {
        method: 'POST',
        path: `/api/v1/rounds/${council.roundId}/products`,
        headers: { authorization: `Bearer ${council.officerToken}` },
        body: JSON.stringify({ productId: product.productId, kind: 'new' }),
      };
    },
    onResult: (i, response) => {
      if (response.status !== 201) enterFailures.push(i);
    },
    log,
    progress: (done, rate) =>
      Promise.resolve(`  entered ${fmt(done)}/${fmt(enteredTotal)}, ${Math.round(rate)} req/s over the last 10 s`),
  });
  for (const i of enterFailures) {
    const { council, product } = enterOrder(i);
    await call(
      'POST',
      `/rounds/${council.roundId}/products`,
      council.officerToken,
      { productId: product.productId },
      201,
    );
  }
  mark('entering', t);
  log(
    `entered: ${entering.requestsPerSecond} req/s, p50 ${entering.latencyMs.p50} / p99 ${entering.latencyMs.p99} ms, ` +
      `non-2xx ${entering.non2xx}, errors ${entering.errors}${enterFailures.length ? ` (${enterFailures.length} entered again one by one)` : ''}`,
  );

  // -------------------------------------------------------------- scoring phase, attendance, criteria set
  t = Date.now();
  for (const council of councils) {
    await call('POST', `/rounds/${council.roundId}/phase`, council.officerToken, { to: 'scoring' }, 200);
    const quorum = await call<{ met: boolean; present: number; required: number }>(
      'PUT',
      `/rounds/${council.roundId}/attendance`,
      council.secretary.token,
      { presentMemberIds: [...council.members, council.secretary].map((m) => m.memberId) },
      200,
    );
    if (!quorum.body.met) throw new Error(`no quorum in ${council.provinceName}: ${quorum.text}`);
  }
  const firstEntries = await call<Array<{ criteriaSetId: string }>>(
    'GET',
    `/rounds/${councils[0]!.roundId}/products`,
    councils[0]!.officerToken,
    undefined,
    200,
  );
  const criteriaSetId = firstEntries.body[0]!.criteriaSetId;
  const setText = (await call<unknown>('GET', `/criteria-sets/${criteriaSetId}/export`, ministry, undefined, 200)).text;
  const criteriaSet = JSON.parse(setText) as CriteriaSetDoc;
  const criteria = criteriaSet.parts.flatMap((part) => part.criteria);
  const requiredFor3 = criteria.find((criterion) => criterion.requiredForStars === 3)?.code ?? null;
  mark('scoringPhase', t);
  log(
    `rounds in scoring, everyone present; criteria set ${criteriaSet.versionCode} ${criteriaSet.group}: ` +
      `${criteria.length} criteria in ${criteriaSet.parts.length} parts (required for 3 stars, e.g. ${requiredFor3 ?? 'none'})`,
  );

  // -------------------------------------------------------------- what each member scores
  const { choicesForTarget } = await loadDist<{ choicesForTarget: ChoicesForTarget }>(
    'services/evaluation/dist/criteria-set/criteria-set.sampling.js',
  );
  const pointsOf = new Map(criteria.map((c) => [c.code, new Map(c.options.map((o) => [o.code, o.points]))]));
  const bodies = new Map<string, { body: string; total: number }>();
  const card = (target: number, miss: boolean): { body: string; total: number } => {
    const key = `${target}:${miss}`;
    let cached = bodies.get(key);
    if (!cached) {
      const choices = choicesForTarget(criteriaSet, target, miss && requiredFor3 ? [requiredFor3] : []);
      const total = Object.entries(choices).reduce(
        (sum, [code, option]) => sum + (pointsOf.get(code)?.get(option) ?? 0),
        0,
      );
      cached = { body: JSON.stringify({ choices }), total };
      bodies.set(key, cached);
    }
    return cached;
  };
  const clamp = (value: number): number => Math.max(5, Math.min(100, Math.round(value)));
  // Quality of the products a province round sees (pre-assessed by the communes): about 10 % below 50 points,
  // 58 % at 3 stars, 29 % at 4 stars, 3 % at 5 stars (forwarded to the national council).
  const quality = (): number => {
    const r = random();
    if (r < 0.1) return 32 + random() * 17;
    if (r < 0.68) return 50.5 + random() * 19;
    if (r < 0.97) return 70.5 + random() * 19;
    return 90.5 + random() * 6;
  };
  for (const council of councils) {
    for (const product of council.products) {
      const r = random();
      product.kind = r < flaggedShare ? 'diverging' : r < flaggedShare + missedShare ? 'missed' : 'agreeing';
      product.quality = product.kind === 'missed' ? 55 + random() * 25 : quality();
      const diverging = Math.floor(random() * scoringMembers);
      const away = (random() < 0.5 ? -1 : 1) * (13 + random() * 6);
      const missing = new Set<number>();
      while (product.kind === 'missed' && missing.size < Math.ceil(scoringMembers / 2 + 0.01))
        missing.add(Math.floor(random() * scoringMembers));
      product.cards = council.members.map((member, m) => {
        const target = clamp(
          product.quality +
            member.bias +
            (random() - 0.5) * 4 +
            (product.kind === 'diverging' && m === diverging ? away : 0),
        );
        const miss = missing.has(m);
        return { target, miss, ...card(target, miss) };
      });
    }
  }
  const spreadOf = (totals: number[]): number => Math.max(...totals) - Math.min(...totals);
  const expectedFlagged = councils.reduce(
    (n, c) => n + c.products.filter((p) => spreadOf(p.cards.map((x) => x.total)) > SPREAD_THRESHOLD).length,
    0,
  );

  // -------------------------------------------------------------- phase A: every scorecard, concurrently
  // A council scores product by product (the dossier is presented, every member submits), the councils side by
  // side: the queue runs product k of each council, its members in a shuffled order, then product k + 1.
  interface Submission {
    council: Council;
    product: ProductPlan;
    member: number;
  }
  const queue: Submission[] = [];
  for (let k = 0; k < roundProducts; k += 1) {
    for (const council of councils) {
      const order = council.members.map((_, m) => m);
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const m of order) queue.push({ council, product: council.products[k]!, member: m });
    }
  }
  const submissionTotal = queue.length;
  // Before the session each chair saves a draft of the first product (PUT .../scorecard; phase A's submission
  // replaces it). This also loads the criteria set into the evaluation API's cache: with the cache cold,
  // ScorecardService.memberContext reads the set through the DataSource (a second pool connection) inside
  // the submission's transaction, so ten first submissions at once hold the whole pool and wait for
  // connections until pg-pool's 5 s timeout (503 DEPENDENCY_UNAVAILABLE). BENCH_WARM_CACHE=0 shows that.
  const warmUp: Array<{ status: number; ms: number }> = [];
  if (warmCache) {
    for (const council of councils) {
      const product = council.products[0]!;
      const draft = await call(
        'PUT',
        `/rounds/${council.roundId}/products/${product.productId}/scorecard`,
        council.members[0]!.token,
        JSON.parse(product.cards[0]!.body) as unknown,
        200,
      );
      warmUp.push({ status: draft.status, ms: round(draft.ms) });
    }
    log(`each chair saved a draft of the first product (${warmUp.map((w) => `${w.ms} ms`).join(', ')})`);
  }
  const submitRequest = (s: Submission): PoolRequest => ({
    method: 'POST',
    path: `/api/v1/rounds/${s.council.roundId}/products/${s.product.productId}/scorecard/submit`,
    headers: { authorization: `Bearer ${s.council.members[s.member]!.token}` },
    body: s.product.cards[s.member]!.body,
  });
  const bodyBytes =
    [...bodies.values()].reduce((sum, b) => sum + Buffer.byteLength(b.body), 0) / Math.max(1, bodies.size);
  const products = councils.reduce((n, c) => n + c.products.length, 0);
  // The responses to each product's last two submissions (to show a product left unscored, if one is).
  const lastResponses = new Map<string, Array<{ member: number; status: number; body: string; at: number }>>();
  const submitFailures: number[] = [];
  noteLoad('beforeSubmissions');
  log(
    `phase A: ${fmt(submissionTotal)} scorecards (${councilCount} councils × ${roundProducts} products × ${scoringMembers} members, ` +
      `${criteria.length} criteria each, ~${Math.round(bodyBytes)} B bodies), ${submitConnections} connections; ` +
      `${expectedFlagged} products will have a spread over ${SPREAD_THRESHOLD} points`,
  );
  // Sampled while the submissions run: when every product has its score, the outbox backlog.
  const watch = { sampling: true, allScoredAtMs: null as number | null, maxUnpublished: 0, endedAt: Infinity };
  const phaseStart = performance.now();
  const sampler = (async () => {
    for (;;) {
      const scored = await scoredEntries();
      watch.maxUnpublished = Math.max(watch.maxUnpublished, await unpublished());
      if (scored >= products && watch.allScoredAtMs === null) watch.allScoredAtMs = performance.now() - phaseStart;
      // After the load, at most 10 s more for the last products to be scored.
      if (watch.allScoredAtMs !== null && !watch.sampling) break;
      if (!watch.sampling && performance.now() - watch.endedAt > 10_000) break;
      await sleep(watch.sampling ? 500 : 250);
    }
  })();
  const scoring = await runPool({
    label: 'scorecard submissions',
    baseUrl: apiUrl,
    connections: submitConnections,
    count: submissionTotal,
    request: (i) => submitRequest(queue[i]!),
    onResult: (i, response) => {
      const s = queue[i]!;
      if (response.status !== 201) submitFailures.push(i);
      const list = lastResponses.get(s.product.productId) ?? [];
      list.push({
        member: s.member,
        status: response.status,
        body: response.body.slice(0, 600),
        at: performance.now() - phaseStart,
      });
      if (list.length > 2) list.shift();
      lastResponses.set(s.product.productId, list);
    },
    log,
    progress: async (done, rate) =>
      `  scorecards ${fmt(done)}/${fmt(submissionTotal)}, ${Math.round(rate)} req/s over the last 10 s; ` +
      `${fmt(await scoredEntries())}/${fmt(products)} products scored, ${fmt(await unpublished())} unpublished outbox rows`,
  });
  watch.endedAt = performance.now();
  watch.sampling = false;
  await sampler;
  const allScoredAfterS = watch.allScoredAtMs === null ? null : round(watch.allScoredAtMs / 1000);
  mark('phaseA', t);
  const sc = scoring;
  log(
    `scorecards: ${sc.requestsPerSecond} submissions/s over ${sc.durationS} s, p50 ${sc.latencyMs.p50} / p95 ${sc.latencyMs.p95} / ` +
      `p99 ${sc.latencyMs.p99} ms (max ${sc.latencyMs.max}), non-2xx ${sc.non2xx}, errors ${sc.errors}; every product scored ` +
      `${allScoredAfterS === null ? 'NOT (see below)' : `${allScoredAfterS} s after the start`}`,
  );
  let submitTopUp = 0;
  for (const i of submitFailures) {
    const response = await send(agent, base, submitRequest(queue[i]!));
    if (response.status === 201) submitTopUp += 1;
    else log(`top-up scorecard: ${response.status} ${response.body.slice(0, 200)}`);
  }
  if (submitTopUp > 0) log(`${submitTopUp} scorecards submitted after the load (they had failed during it)`);

  // -------------------------------------------------------------- what phase A left
  const entryState = async () =>
    (
      await db.query<{
        submitted: string;
        scored: string;
        flagged: string;
        complete_unscored: string;
        spread_over: string;
      }>(
        `WITH cards AS (
           SELECT round_id, product_id, count(*) AS n, max(total) - min(total) AS spread
             FROM evaluation.scorecard WHERE status = 'submitted' GROUP BY 1, 2)
         SELECT (SELECT count(*) FROM evaluation.scorecard WHERE status = 'submitted') AS submitted,
                count(*) FILTER (WHERE e.outcome IS NOT NULL) AS scored,
                count(*) FILTER (WHERE e.flagged) AS flagged,
                count(*) FILTER (WHERE e.outcome IS NULL AND c.n = $1) AS complete_unscored,
                count(*) FILTER (WHERE c.spread > $2) AS spread_over
           FROM evaluation.round_entry e LEFT JOIN cards c USING (round_id, product_id)`,
        [scoringMembers, SPREAD_THRESHOLD],
      )
    ).rows[0]!;
  const stateA = await entryState();
  const completeUnscored = Number(stateA.complete_unscored);
  let unscoredExample: Record<string, unknown> | null = null;
  if (completeUnscored > 0) {
    const example = (
      await db.query<{ round_id: string; product_id: string; stamps: string[] }>(
        `SELECT e.round_id, e.product_id,
                array_agg(to_char(s.submitted_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') ORDER BY s.submitted_at) AS stamps
           FROM evaluation.round_entry e JOIN evaluation.scorecard s USING (round_id, product_id)
          WHERE e.outcome IS NULL AND s.status = 'submitted'
          GROUP BY 1, 2 HAVING count(*) = $1 LIMIT 1`,
        [scoringMembers],
      )
    ).rows[0];
    if (example) {
      const council = councils.find((c) => c.roundId === example.round_id)!;
      const chair = council.members[0]!;
      const progress = await call<{ products: Array<Record<string, unknown>> }>(
        'GET',
        `/rounds/${example.round_id}/progress`,
        chair.token,
      );
      unscoredExample = {
        roundId: example.round_id,
        productId: example.product_id,
        submittedAt: example.stamps,
        lastTwoSubmissions: (lastResponses.get(example.product_id) ?? []).map((r) => ({
          request: `POST /api/v1/rounds/${example.round_id}/products/${example.product_id}/scorecard/submit (member ${council.members[r.member]!.userId}, ${criteria.length} choices)`,
          status: r.status,
          response: r.body,
          atMs: round(r.at),
        })),
        progressRequest: `GET /api/v1/rounds/${example.round_id}/progress (the chair)`,
        progressStatus: progress.status,
        progressEntry: progress.body.products.find((p) => p.productId === example.product_id) ?? null,
      };
    }
  }
  log(
    `after phase A: ${fmt(Number(stateA.submitted))} submitted scorecards, ${fmt(Number(stateA.scored))}/${fmt(products)} products scored, ` +
      `${fmt(Number(stateA.flagged))} flagged (${fmt(Number(stateA.spread_over))} with a spread over ${SPREAD_THRESHOLD}; expected ${expectedFlagged})` +
      (completeUnscored > 0
        ? `; ${completeUnscored} products have all ${scoringMembers} scorecards but NO score (the last two submissions ran concurrently)`
        : ''),
  );

  // -------------------------------------------------------------- phase A2: the flagged products re-scored
  t = Date.now();
  let rescoreRequests = 0;
  let rescored = 0;
  const rescoreLatencies: number[] = [];
  const resubmissions: Submission[] = [];
  for (const council of councils) {
    const chair = council.members[0]!;
    const progress = await call<{ products: Array<{ productId: string; toRescore: string[] }> }>(
      'GET',
      `/rounds/${council.roundId}/progress`,
      chair.token,
      undefined,
      200,
    );
    for (const entry of progress.body.products.filter((p) => p.toRescore.length > 0)) {
      const reopened = await call<{ memberIds: string[] }>(
        'POST',
        `/rounds/${council.roundId}/products/${entry.productId}/rescore`,
        chair.token,
        { reason: `Chênh lệch tổng điểm giữa các thành viên vượt ${SPREAD_THRESHOLD} điểm` },
        200,
      );
      rescoreRequests += 1;
      rescoreLatencies.push(reopened.ms);
      const product = council.products.find((p) => p.productId === entry.productId)!;
      for (const memberId of reopened.body.memberIds) {
        const m = council.members.findIndex((member) => member.memberId === memberId);
        // After the discussion the member scores with the council.
        const target = clamp(product.quality + council.members[m]!.bias + (random() - 0.5) * 2);
        product.cards[m] = { target, miss: product.cards[m]!.miss, ...card(target, product.cards[m]!.miss) };
        resubmissions.push({ council, product, member: m });
      }
    }
  }
  const rescoring =
    resubmissions.length > 0
      ? await runPool({
          label: 're-scored scorecards',
          baseUrl: apiUrl,
          connections: Math.min(submitConnections, resubmissions.length),
          count: resubmissions.length,
          request: (i) => submitRequest(resubmissions[i]!),
          onResult: (_i, response) => {
            if (response.status === 201) rescored += 1;
          },
        })
      : null;
  mark('phaseA2', t);
  const stateA2 = await entryState();
  log(
    `phase A2: ${rescoreRequests} products sent back (POST .../rescore), ${rescored}/${resubmissions.length} scorecards submitted again; ` +
      `now ${fmt(Number(stateA2.scored))}/${fmt(products)} scored, ${Number(stateA2.flagged)} flagged`,
  );

  // -------------------------------------------------------------- quiet, statistics
  t = Date.now();
  const quiet = await waitQuiet(natsPort);
  mark('quiet', t);
  log(
    `outboxes published and JetStream consumers caught up in ${timings.quiet}s (${quiet ? 'quiet' : 'NOT quiet, timed out'})`,
  );
  const autoAnalyzed = (
    await db.query<{ relname: string; last_autoanalyze: Date | null }>(
      `SELECT relname, last_autoanalyze FROM pg_stat_user_tables WHERE schemaname = 'evaluation'
         AND relname IN ('round_entry', 'scorecard', 'outbox_event', 'change_record')`,
    )
  ).rows.map((row) => ({ table: row.relname, autoanalyzed: row.last_autoanalyze !== null }));
  t = Date.now();
  await db.query(
    'VACUUM (ANALYZE) evaluation.round_entry, evaluation.scorecard, evaluation.outbox_event, evaluation.change_record, evaluation.certificate',
  );
  mark('vacuumAnalyze', t);
  const tableBytes = Object.fromEntries(
    (
      await db.query<{ k: string; n: string }>(
        `SELECT c.relname AS k, pg_total_relation_size(c.oid) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = 'evaluation' AND c.relkind = 'r' AND c.relname IN
                ('scorecard', 'round_entry', 'change_record', 'outbox_event', 'product_intake')`,
      )
    ).rows.map((row) => [row.k, Number(row.n)]),
  );

  // -------------------------------------------------------------- phase B: deliberation and decision, per round
  noteLoad('beforeDecisions');
  log(
    `phase B: per round of ${roundProducts} products, POST /phase {to: deliberation} then POST /decision (target < ${targetMs} ms)`,
  );
  let profileError: string | null = null;
  const profiles = await profileServices().catch((error: unknown) => {
    profileError = error instanceof Error ? error.message : String(error);
    log(`the SQL profile is skipped: ${profileError}`);
    return null;
  });
  const decisions: Array<{
    provinceCode: string;
    provinceName: string;
    deliberationMs: number;
    deliberationStatus: number;
    decisionMs: number;
    decisionStatus: number;
    totalMs: number;
    pass: boolean;
    certificates: number;
    forwarded: number;
    notPassed: number;
    responseBytes: number;
    afterProfile: boolean;
    error: string | null;
  }> = [];
  let rankProfile: CallProfile | null = null;
  let decideProfile: CallProfile | null = null;
  for (const council of councils) {
    const profiled = council.index === councilCount - 1;
    const decision = {
      number: `${200 + council.index}/QĐ-UBND`,
      decisionDate: meetingDate,
      signerName: council.members[0]!.fullName,
      signerTitle: 'CHỦ TỊCH',
      issuerName: `Ủy ban nhân dân ${council.provinceName}`,
      minutesRef: `BB-HĐ-OCOP-${year}-${String(council.index + 1).padStart(2, '0')}`,
    };
    if (profiled && profiles) rankProfile = await profiles.rankAll(council.roundId);
    const deliberation = await call<{ phase?: string }>(
      'POST',
      `/rounds/${council.roundId}/phase`,
      council.officerToken,
      {
        to: 'deliberation',
      },
    );
    if (profiled && profiles && deliberation.status === 200)
      decideProfile = await profiles.decideRound(council.roundId, decision);
    const decided =
      deliberation.status === 200
        ? await call<{ certificates?: unknown[]; forwarded?: unknown[]; notPassed?: unknown[] }>(
            'POST',
            `/rounds/${council.roundId}/decision`,
            council.officerToken,
            decision,
          )
        : { status: 0, body: {}, ms: 0, text: 'not attempted: deliberation failed' };
    const totalMs = round(deliberation.ms + decided.ms);
    const ok = deliberation.status === 200 && decided.status === 201;
    decisions.push({
      provinceCode: council.provinceCode,
      provinceName: council.provinceName,
      deliberationMs: round(deliberation.ms),
      deliberationStatus: deliberation.status,
      decisionMs: round(decided.ms),
      decisionStatus: decided.status,
      totalMs,
      pass: ok && totalMs < targetMs,
      certificates: decided.body.certificates?.length ?? 0,
      forwarded: decided.body.forwarded?.length ?? 0,
      notPassed: decided.body.notPassed?.length ?? 0,
      responseBytes: Buffer.byteLength(decided.text),
      afterProfile: profiled && profiles !== null,
      error: ok
        ? null
        : `${deliberation.status} ${deliberation.text.slice(0, 300)} / ${decided.status} ${decided.text.slice(0, 300)}`,
    });
    const last = decisions[decisions.length - 1]!;
    log(
      `  ${council.provinceCode} ${council.provinceName}: deliberation ${last.deliberationMs} ms (${last.deliberationStatus}), ` +
        `decision ${last.decisionMs} ms (${last.decisionStatus}) → ${last.totalMs} ms ${last.pass ? 'PASS' : 'FAIL'}; ` +
        `${last.certificates} certificates, ${last.forwarded} forwarded, ${last.notPassed} not passed` +
        (last.error ? `; ${last.error}` : ''),
    );
    // The next round on a quiet system again (relays, consumers, Temporal signals of the certificates).
    await waitQuiet(natsPort);
  }
  for (const profile of [rankProfile, decideProfile]) {
    if (!profile) continue;
    log(
      `  profile ${profile.call}: ${profile.statements} statements in ${profile.wallMs} ms; ` +
        profile.groups
          .slice(0, 4)
          .map((g) => `${g.count} × ${g.statement.slice(0, 60)}… ${g.ms} ms`)
          .join('; '),
    );
  }

  // -------------------------------------------------------------- stored, stop
  const outcomes = Object.fromEntries(
    (
      await db.query<{ k: string; n: string }>(
        `SELECT coalesce(outcome->>'kind', 'none') || coalesce(' ' || (outcome->>'stars') || '★', '') AS k, count(*) AS n
           FROM evaluation.round_entry GROUP BY 1 ORDER BY 1`,
      )
    ).rows.map((row) => [row.k, Number(row.n)]),
  );
  const stored = {
    scorecards: await scalar('SELECT count(*) AS n FROM evaluation.scorecard'),
    changeRecords: await scalar('SELECT count(*) AS n FROM evaluation.change_record'),
    outboxEvents: await scalar('SELECT count(*) AS n FROM evaluation.outbox_event'),
    certificates: await scalar('SELECT count(*) AS n FROM evaluation.certificate'),
    outcomes,
    tableBytes,
  };
  t = Date.now();
  const exitCodes = await processes.stopAll();
  mark('stop', t);
  timings.total = round((Date.now() - t0) / 1000, 1);
  const apiLogLines = Object.fromEntries(
    [registration, evaluation].map((api) => {
      try {
        return [api.name, readFileSync(api.logFile, 'utf8').split('\n').filter(Boolean).length];
      } catch {
        return [api.name, null];
      }
    }),
  );

  const result = {
    settings: {
      councils: councilCount,
      roundProducts,
      scoringMembers,
      submitConnections,
      enterConnections,
      flaggedShare,
      missedShare,
      targetMs,
      seed,
      warmCache,
      spreadThreshold: SPREAD_THRESHOLD,
      databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    },
    model: {
      provinces: councils.map((c) => ({ code: c.provinceCode, name: c.provinceName })),
      products,
      submissions: submissionTotal,
      criteriaSet: {
        versionCode: criteriaSet.versionCode,
        group: criteriaSet.group,
        criteria: criteria.length,
        parts: criteriaSet.parts.length,
      },
      bodyBytes: Math.round(bodyBytes),
      meetingDate,
      productKinds: {
        agreeing: councils.reduce((n, c) => n + c.products.filter((p) => p.kind === 'agreeing').length, 0),
        diverging: councils.reduce((n, c) => n + c.products.filter((p) => p.kind === 'diverging').length, 0),
        missed: councils.reduce((n, c) => n + c.products.filter((p) => p.kind === 'missed').length, 0),
      },
      expectedFlagged,
    },
    processes: {
      natsPort,
      temporal,
      evaluationPort,
      registrationPort,
      exitCodes,
      apiLogLines,
      logs: { registration: registration.logFile, evaluation: evaluation.logFile },
    },
    setup: { entering, enterRetried: enterFailures.length },
    phaseA: {
      load: scoring,
      allScoredAfterS,
      maxUnpublishedDuringLoad: watch.maxUnpublished,
      warmUpDrafts: warmUp,
      failedDuringLoad: submitFailures.length,
      topUp: submitTopUp,
      after: {
        submitted: Number(stateA.submitted),
        scored: Number(stateA.scored),
        flagged: Number(stateA.flagged),
        spreadOverThreshold: Number(stateA.spread_over),
        completeButUnscored: completeUnscored,
      },
      unscoredExample,
    },
    phaseA2: {
      rescoreRequests,
      rescoreLatencyMs: rescoreLatencies.length
        ? {
            average: round(rescoreLatencies.reduce((a, b) => a + b, 0) / rescoreLatencies.length),
            max: round(Math.max(...rescoreLatencies)),
          }
        : null,
      resubmissions: resubmissions.length,
      resubmitted: rescored,
      load: rescoring,
      after: {
        scored: Number(stateA2.scored),
        flagged: Number(stateA2.flagged),
        completeButUnscored: Number(stateA2.complete_unscored),
      },
    },
    statistics: { autovacuumBeforePhaseB: autoAnalyzed, vacuumAnalyzeS: timings.vacuumAnalyze },
    phaseB: {
      targetMs,
      decisions,
      profileError,
      profiles: [rankProfile, decideProfile].filter((p): p is CallProfile => p !== null),
    },
    stored,
    timingsS: timings,
    loadAverage,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`driver done in ${timings.total}s; results in ${out}`);
}

async function waitForPort(port: number, entry: Started, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await portAnswers(port))) {
    if (entry.child.exitCode !== null)
      throw new Error(`${entry.name} exited with ${entry.child.exitCode}; see ${entry.logFile}`);
    if (Date.now() > until) throw new Error(`${entry.name} did not listen on ${port}; see ${entry.logFile}`);
    await sleep(50);
  }
}

/**
 * Waits until nothing is left to publish (both outboxes) and every JetStream consumer has handled what it was
 * given (no pending, no unacknowledged message), so a measurement starts on a quiet system.
 */
async function waitQuiet(natsPort: number): Promise<boolean> {
  const nc = await connectNats({ servers: `nats://127.0.0.1:${natsPort}`, name: 'ocop-bench' });
  try {
    const jsm = await nc.jetstreamManager();
    const until = Date.now() + drainTimeoutS * 1000;
    let quietSince: number | null = null;
    while (Date.now() < until) {
      let busy = (await unpublished()) > 0;
      if (!busy) {
        for await (const stream of jsm.streams.list()) {
          for await (const consumer of jsm.consumers.list(stream.config.name)) {
            if (consumer.num_pending > 0 || consumer.num_ack_pending > 0) busy = true;
          }
        }
      }
      if (busy) quietSince = null;
      else if (quietSince === null) quietSince = Date.now();
      else if (Date.now() - quietSince >= 1_000) return true;
      await sleep(250);
    }
    return false;
  } finally {
    await nc.close();
  }
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

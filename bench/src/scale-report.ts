/**
 * Turns the raw files of one `npm run bench -- registration-scale` run into the results JSON, a summary on
 * stdout and (when a markdown path is given) a row of the registration-scale results log plus a dated
 * section at the end of docs/benchmarks.md, with EXPLAIN (ANALYZE, BUFFERS) of every query over the target.
 *
 *   node bench/dist/scale-report.js WORK_DIR RESULT.json [docs/benchmarks.md]
 *
 * WORK_DIR is what scripts/bench.sh wrote: facts.txt (key=value), pgbench-<clients>.log, scale.json (the
 * output of bench/dist/scale-bench.js).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { machineFacts, readPgbenchResults, readRunFacts } from './run-facts';

const [workDir, resultPath, markdownPath] = process.argv.slice(2);
if (!workDir || !resultPath) {
  console.error('usage: scale-report.js WORK_DIR RESULT.json [benchmarks.md]');
  process.exit(2);
}

export const SCALE_LOG_END =
  '<!-- bench:scale-log-end (npm run bench -- registration-scale adds a row above this line) -->';

const read = (name: string): string | null => {
  const path = join(workDir, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};
const facts = readRunFacts(workDir);
const factNum = (key: string): number | null =>
  facts[key] !== undefined && facts[key] !== '' ? Number(facts[key]) : null;

// ------------------------------------------------------------------ inputs
interface Latency {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface Load {
  label: string;
  connections: number;
  target: number;
  durationS: number;
  requests: number;
  requests2xx: number;
  requestsPerSecond: number;
  latencyMs: Latency;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  non2xxSamples: Array<{ status: number; body: string }>;
}
interface Drain {
  unpublishedAtEnd: number;
  maxUnpublishedDuringLoad: number;
  drainedAfterS: number | null;
}
interface Phase {
  load: Load;
  outbox: Drain;
  failedDuringLoad: number;
  topUp: number;
}
interface Sql {
  sql: string;
  parameters: unknown[];
  executionMs: number | null;
  planningMs: number | null;
  plan: string;
}
interface Query {
  name: string;
  path: string;
  status: number;
  total: number | null;
  items: number | null;
  pass: boolean;
  targetP99Ms: number;
  load: Load;
  serial: Load | null;
  sql: Sql[];
}
interface Scale {
  settings: {
    producers: number;
    products: number;
    connections: number;
    queryConnections: number;
    queryDurationS: number;
    queryWarmupS: number;
    querySerialS: number;
    targetP99Ms: number;
    seed: number;
    databasePoolSize: number;
  };
  processes: { exitCodes: Record<string, number | null>; apiLogLines: number | null; temporalAddress: string };
  phases: { producers: Phase; products: Phase; outboxDrainedAfterTopUpS: number | null };
  stored: {
    producers: number;
    products: number;
    outboxEvents: number;
    provincesWithProducers: number;
    communesWithProducers: number;
    communesWithProducts: number;
    producersWithoutProducts: number;
    maxProductsPerProducer: number;
    productsByGroup: Record<string, number>;
    producersByLegalForm: Record<string, number>;
    tableBytes: Record<string, number>;
    jetstreamMessages: number | null;
  };
  statistics: {
    autovacuumBeforeBench: Array<{ table: string; autoanalyzed: boolean; autovacuumed: boolean }>;
    vacuumAnalyzeS: number;
    /** Runs since 2026-12-06: every table the load wrote is vacuumed, not only producer and product. */
    autovacuumWorkers?: number;
  };
  queryParameters: {
    province: string;
    provinceName: string;
    commune: string;
    communeName: string;
    year: number;
    fragment: string;
    producerSearch: string;
  };
  queries: Query[];
  timingsS: Record<string, number>;
  loadAverage: Record<string, string>;
}
const scaleText = read('scale.json');
const scale = scaleText ? (JSON.parse(scaleText) as Scale) : null;

const pgbench = readPgbenchResults(workDir, facts);
const mainPgbench = pgbench[0] ?? null;
const setting = (name: string): string | undefined => new RegExp(`${name}=(\\S+)`).exec(facts.settings ?? '')?.[1];

const machine = machineFacts(facts, {
  start: facts.loadavg_start ?? null,
  pgbench: facts.loadavg_pgbench ?? null,
  api: facts.loadavg_api ?? null,
  ...(scale?.loadAverage ?? {}),
});

// ------------------------------------------------------------------ results JSON
const result = {
  runId: facts.run_id,
  scenario: 'registration-scale',
  startedAt: facts.started_at,
  finishedAt: facts.finished_at,
  totalS: factNum('total_s'),
  command: 'npm run bench -- registration-scale',
  settings: facts.settings,
  git: { commit: facts.git_commit, uncommittedChanges: Number(facts.git_dirty ?? 0) },
  database: facts.database,
  migrateMs: factNum('migrate_ms'),
  machine,
  pgbench,
  scale,
  driverExitCode: factNum('scale_rc'),
};
mkdirSync(dirname(resultPath), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);

// ------------------------------------------------------------------ formatting
const fmt = (value: number | null | undefined, digits = 1): string =>
  value == null || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const mib = (bytes: number | undefined): string => (bytes == null ? 'n/a' : `${fmt(bytes / 1024 ** 2, 0)} MiB`);
const lat = (l: Latency): string => `${fmt(l.p50, 0)} / ${fmt(l.p90, 0)} / ${fmt(l.p99, 0)}`;
const minutes = (s: number | null | undefined): string => (s == null ? 'n/a' : `${fmt(s / 60, 1)} min`);

/** TypeORM's SELECT lists every column as "alias"."col" AS "alias_col"; the plan matters, not the list. */
function shortSql(sql: string): string {
  return sql.replace(
    /SELECT ((?:"\w+"\."\w+" AS "\w+"(?:, )?)+) FROM/g,
    (_whole, list: string) => `SELECT <${list.split(', ').length} columns> FROM`,
  );
}
const showParams = (params: unknown[]): string => {
  if (params.length === 0) return '';
  const shown = params
    .slice(0, params.length > 8 ? 3 : params.length)
    .map((p, i) => `$${i + 1} = ${JSON.stringify(p)}`);
  if (params.length > 8) shown.push(`$4 to $${params.length}: ${params.length - 3} more ids`);
  return `\n-- ${shown.join(', ')}`;
};

/**
 * Where the time of a query over the target goes: the SQL (planning + execution, from EXPLAIN ANALYZE on the
 * idle database) against the latency of the same request alone (1 connection), when measured.
 */
function diagnosis(q: Query): string {
  if (q.sql.length === 0) return '';
  const sqlMs = q.sql.reduce((sum, x) => sum + (x.executionMs ?? 0) + (x.planningMs ?? 0), 0);
  const alone = q.serial?.latencyMs.p50 ?? null;
  const base = alone ?? q.load.latencyMs.p50;
  const share = sqlMs / Math.max(base, 1);
  const what = alone === null ? 'the median at load' : 'the median of the request alone';
  if (share >= 0.5) {
    return (
      `The SQL takes ${fmt(sqlMs, 1)} ms (planning + execution), ${fmt(share * 100, 0)} % of ${what}: the database ` +
      'work is the cost, and under load the concurrent requests share the CPUs for it. '
    );
  }
  return (
    `The SQL takes ${fmt(sqlMs, 1)} ms (planning + execution), ${fmt(share * 100, 0)} % of ${what}: most of the ` +
    'time is spent in the API process, which an index does not remove. '
  );
}

/** The uuid arrays of TypeORM's second pagination query fill pages; keep their size only. */
const shortPlan = (plan: string): string =>
  plan.replace(
    /'\{((?:[0-9a-f-]{36},)+[0-9a-f-]{36})\}'::uuid\[\]/g,
    (_w, list: string) => `'{<${list.split(',').length} ids>}'::uuid[]`,
  );

/** A path as a person reads it: `q=mat+ong`, `q=Nước mắm`, not percent-encoded. */
const readable = (path: string): string => {
  try {
    return decodeURIComponent(path.replace(/\+/g, ' '));
  } catch {
    return path;
  }
};

const rows: Array<[string, string]> = [];
const queryRows: string[] = [];
const failing: Query[] = [];
if (scale) {
  const s = scale.settings;
  const phaseRow = (label: string, path: string, phase: Phase, count: number): void => {
    const l = phase.load;
    rows.push([
      `${path} × ${fmt(count, 0)}, ${l.connections} connections`,
      `**${fmt(l.requestsPerSecond)} req/s** over ${fmt(l.durationS, 0)} s; latency p50 / p90 / p99 **${lat(l.latencyMs)} ms** ` +
        `(avg ${fmt(l.latencyMs.average)}, max ${fmt(l.latencyMs.max, 0)}); non-2xx ${l.non2xx}, errors ${l.errors} ` +
        `(timeouts ${l.timeouts})` +
        (phase.topUp > 0 ? `; ${phase.topUp} ${label} that failed under load registered afterwards` : '') +
        (l.non2xxSamples.length > 0
          ? `; e.g. ${l.non2xxSamples[0]!.status} ${l.non2xxSamples[0]!.body.slice(0, 120)}`
          : ''),
    ]);
    rows.push([
      '  outbox relay',
      `max ${fmt(phase.outbox.maxUnpublishedDuringLoad, 0)} unpublished rows during the load, ` +
        `${fmt(phase.outbox.unpublishedAtEnd, 0)} at its end; ` +
        (phase.outbox.drainedAfterS === null
          ? '**NOT drained** in time'
          : `drained **${fmt(phase.outbox.drainedAfterS)} s** after the load`),
    ]);
  };
  rows.push([
    'Registration API (one process)',
    `ready in ${fmt(scale.timingsS.startApi)} s; pool ${s.databasePoolSize} connections; private nats-server; ` +
      `Temporal: ${scale.processes.temporalAddress}; exit codes at the end ${Object.entries(scale.processes.exitCodes)
        .map(([name, code]) => `${name} ${code}`)
        .join(', ')}; ${scale.processes.apiLogLines ?? '?'} lines logged at LOG_LEVEL=warn`,
  ]);
  phaseRow('producers', 'POST /api/v1/producers', scale.phases.producers, s.producers);
  phaseRow('products', 'POST /api/v1/products', scale.phases.products, s.products);
  const st = scale.stored;
  rows.push([
    'Stored',
    `${fmt(st.producers, 0)} producers in ${fmt(st.communesWithProducers, 0)} communes of ${st.provincesWithProducers} provinces ` +
      `(${Object.entries(st.producersByLegalForm)
        .map(([k, n]) => `${k} ${fmt(n, 0)}`)
        .join(', ')}); ${fmt(st.products, 0)} products in ${fmt(st.communesWithProducts, 0)} communes ` +
      `(${Object.entries(st.productsByGroup)
        .map(([k, n]) => `${k} ${fmt(n, 0)}`)
        .join(', ')}); ${fmt(st.producersWithoutProducts, 0)} producers without a product, at most ` +
      `${st.maxProductsPerProducer} products for one producer; ${fmt(st.outboxEvents, 0)} outbox events, ` +
      `${st.jetstreamMessages === null ? '?' : fmt(st.jetstreamMessages, 0)} messages in JetStream; sizes: product ` +
      `${mib(st.tableBytes.product)}, producer ${mib(st.tableBytes.producer)}, ` +
      // Runs before the producers' history moved into change_record measured producer_change.
      (st.tableBytes.change_record === undefined
        ? `producer_change ${mib(st.tableBytes.producer_change)}, `
        : `change_record ${mib(st.tableBytes.change_record)}, `) +
      `outbox_event ${mib(st.tableBytes.outbox_event)} (with indexes)`,
  ]);
  for (const run of pgbench) {
    rows.push([
      `pgbench INSERT + COMMIT, ${run.clients} clients${run === mainPgbench ? '' : " (the API's pool size)"}, ${setting('PGBENCH_DURATION') ?? '?'} s`,
      run.tps === null
        ? `failed or skipped (exit ${run.exit ?? '?'})`
        : `**${fmt(run.tps, 0)} TPS**, latency avg ${fmt(run.latencyAverageMs, 2)} ms (stddev ${fmt(run.latencyStddevMs, 2)}); ` +
          `${fmt(run.transactions, 0)} transactions, ${fmt(run.failed ?? 0, 0)} failed; row ${fmt(run.rowBytes, 0)} B`,
    ]);
  }
  if (mainPgbench?.tps) {
    rows.push([
      'API req/s as a share of pgbench TPS (64 clients)',
      `producers ${fmt((scale.phases.producers.load.requestsPerSecond / mainPgbench.tps) * 100, 1)} %, ` +
        `products ${fmt((scale.phases.products.load.requestsPerSecond / mainPgbench.tps) * 100, 1)} %`,
    ]);
  }

  for (const q of scale.queries) {
    if (!q.pass) failing.push(q);
    const sqlMs = q.sql.length > 0 ? q.sql.map((x) => fmt(x.executionMs, 1)).join(' + ') : 'no SQL (in memory)';
    queryRows.push(
      `| \`${readable(q.path).replace('/api/v1', '')}\` | ${q.name} | ${q.status === 200 ? fmt(q.total, 0) : `HTTP ${q.status}`} | ` +
        `${fmt(q.load.requestsPerSecond, 0)} | ${lat(q.load.latencyMs)} | ${fmt(q.load.latencyMs.max, 0)} | ` +
        `${q.serial ? `${fmt(q.serial.latencyMs.p50, 0)} / ${fmt(q.serial.latencyMs.p99, 0)}` : 'n/a'} | ${sqlMs} | ` +
        `${q.pass ? 'pass' : '**FAIL**'}${q.load.non2xx > 0 ? ` (${q.load.non2xx} non-2xx)` : ''} |`,
    );
  }
}

// ------------------------------------------------------------------ stdout
const plain = (text: string): string => text.replace(/\*\*/g, '').replace(/`/g, '');
console.log(
  `\nOCOP registration at scale, run ${facts.run_id} (commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ', with uncommitted changes' : ''}), ${minutes(factNum('total_s'))}`,
);
console.log(
  `machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `PostgreSQL ${machine.postgres ?? '?'}, load average at start ${machine.loadAverage.start}`,
);
const width = rows.length > 0 ? Math.max(...rows.map(([name]) => plain(name).length)) : 10;
console.log('-'.repeat(width + 60));
for (const [name, value] of rows) console.log(`${plain(name).padEnd(width)}  ${plain(value)}`);
console.log('-'.repeat(width + 60));
if (scale) {
  console.log(
    `list and search, ${scale.settings.queryConnections} connections × ${scale.settings.queryDurationS} s each, target p99 < ${scale.settings.targetP99Ms} ms:`,
  );
  for (const q of scale.queries) {
    console.log(
      `  ${q.pass ? 'pass' : 'FAIL'}  p50 ${String(q.load.latencyMs.p50).padStart(4)}  p99 ${String(q.load.latencyMs.p99).padStart(4)} ms  ` +
        `${fmt(q.load.requestsPerSecond, 0).padStart(5)} req/s  ${readable(q.path)}  (total ${q.total ?? '?'})`,
    );
  }
}
console.log(`raw results: ${resultPath}`);

// ------------------------------------------------------------------ markdown
if (markdownPath && scale) {
  let doc = readFileSync(markdownPath, 'utf8');
  const date = (facts.started_at ?? '').replace('T', ' ').replace(/:\d\dZ$/, '');
  const commit = `${facts.git_commit}${Number(facts.git_dirty) > 0 ? '+' : ''}`;
  const p = scale.phases;
  const worst = [...scale.queries].sort((a, b) => b.load.latencyMs.p99 - a.load.latencyMs.p99)[0];
  const logRow =
    `| ${date} | ${commit} | ${fmt(p.producers.load.requestsPerSecond)} | ${lat(p.producers.load.latencyMs)} | ` +
    `${fmt(p.products.load.requestsPerSecond)} | ${lat(p.products.load.latencyMs)} | ${p.producers.load.non2xx + p.products.load.non2xx} | ` +
    `${fmt(p.products.outbox.drainedAfterS)} | ${fmt(mainPgbench?.tps ?? null, 0)} | ` +
    `${scale.queries.length - failing.length} of ${scale.queries.length} | ` +
    `${worst ? `${fmt(worst.load.latencyMs.p99, 0)} (\`${readable(worst.path).replace('/api/v1', '')}\`)` : 'n/a'} | ${minutes(factNum('total_s'))} |`;
  if (doc.includes(SCALE_LOG_END)) doc = doc.replace(SCALE_LOG_END, `${logRow}\n${SCALE_LOG_END}`);
  const s = scale.settings;
  const qp = scale.queryParameters;
  const la = machine.loadAverage;
  const failingText = failing.flatMap((q) => [
    `#### ${q.name}: \`GET ${readable(q.path)}\``,
    '',
    `p99 ${fmt(q.load.latencyMs.p99, 0)} ms at ${s.queryConnections} connections (p50 ${fmt(q.load.latencyMs.p50, 0)})` +
      (q.serial ? `; alone: p50 ${fmt(q.serial.latencyMs.p50, 0)} / p99 ${fmt(q.serial.latencyMs.p99, 0)} ms` : '') +
      `; ${fmt(q.total, 0)} matching rows. ` +
      diagnosis(q) +
      (q.sql.length === 0
        ? 'Answered from memory (no SQL).'
        : `SQL run per request (${q.sql.length} statement${q.sql.length > 1 ? 's' : ''}; the SELECT column list shortened):`),
    '',
    ...q.sql.flatMap((x) => [
      '```sql',
      `${shortSql(x.sql)}${showParams(x.parameters)}`,
      '```',
      '',
      '```text',
      shortPlan(x.plan),
      '```',
      '',
    ]),
  ]);
  const section = [
    `### ${date} UTC, registration-scale, commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ' (with uncommitted changes)' : ''}`,
    '',
    `\`npm run bench -- registration-scale\` (${facts.settings}). ${fmt(s.producers, 0)} producers and ${fmt(s.products, 0)} ` +
      `products registered through one registration API process (private NATS, no Temporal, no evaluation) into a fresh ` +
      `database, pgbench in the same database just before, then list and search at ${s.queryConnections} connections ` +
      `(${s.queryDurationS} s each after ${s.queryWarmupS} s warm-up; "alone" = 1 connection for ${s.querySerialS} s) ` +
      `against p99 < ${s.targetP99Ms} ms. The whole run took ${minutes(factNum('total_s'))}. Machine: ${machine.nproc} CPUs ` +
      `(${machine.cpuModel}), ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}, PostgreSQL ` +
      `${machine.postgres ?? '?'} at ${facts.database}, ${machine.pgbench ?? 'pgbench ?'}. Load average (1/5/15 min) at start ` +
      `${la.start}, before pgbench ${la.pgbench}, before the producers ${la.beforeProducers ?? '?'}, before the products ` +
      `${la.beforeProducts ?? '?'}, before the queries ${la.beforeQueries ?? '?'}. Raw results: \`bench/results/${facts.run_id}-registration-scale.json\` (not committed).`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name.startsWith('  ') ? `↳ ${name.trim()}` : name} | ${value} |`),
    '',
    `List and search over that data with a \`ministry_officer\` token for \`VN\`: province ${qp.province} (${qp.provinceName}, ` +
      `the one with the most products), commune ${qp.commune} (${qp.communeName}, the commune with the most products), ` +
      `cycle year ${qp.year}. Latencies in ms; "SQL" is the execution time of each statement the request runs, from ` +
      `EXPLAIN ANALYZE after the load.`,
    '',
    `| query | what | matches | req/s | p50 / p90 / p99 | max | alone p50 / p99 | SQL (ms) | p99 < ${s.targetP99Ms} ms |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...queryRows,
    '',
    failing.length === 0
      ? `Every query is within p99 < ${s.targetP99Ms} ms.`
      : `**${failing.length} of ${scale.queries.length} queries miss p99 < ${s.targetP99Ms} ms.** EXPLAIN (ANALYZE, BUFFERS) of the SQL ` +
        `they run (captured from the service's own query code; pg_stat_statements is not loaded on this server), ` +
        `taken after the load on the idle database:`,
    '',
    ...failingText,
    'Notes (written by the bench):',
    '',
    `- No evaluation service runs, so no workflow is started and the run does not wait for a workflow backlog; the ` +
      `outbox relay publishes every event to the private JetStream (${scale.stored.jetstreamMessages === scale.stored.outboxEvents ? 'all' : 'NOT all'} ` +
      `${fmt(scale.stored.outboxEvents, 0)} events arrived).`,
    `- Before the queries the bench ran VACUUM (ANALYZE) on ${
      scale.statistics.autovacuumWorkers === undefined
        ? 'producer and product'
        : `the ${scale.statistics.autovacuumBeforeBench.length} tables the load wrote`
    } (${fmt(scale.statistics.vacuumAnalyzeS)} s), as autovacuum would after such a load; by then autovacuum had analysed ` +
      `${
        scale.statistics.autovacuumBeforeBench
          .filter((t) => t.autoanalyzed)
          .map((t) => t.table)
          .join(', ') || 'none of them'
      }` +
      (scale.statistics.autovacuumWorkers === undefined
        ? '.'
        : `; autovacuum workers running when the queries began: ${scale.statistics.autovacuumWorkers}.`),
    `- autocannon runs in the driver process on the same ${machine.nproc} CPUs as the API and PostgreSQL.`,
    '',
  ].join('\n');
  doc = `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(markdownPath, doc);
  console.log(`appended to ${markdownPath}`);
}

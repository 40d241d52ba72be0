/**
 * Turns the raw files of one `npm run bench -- reporting-national` run into the results JSON, a summary on
 * stdout and (when a markdown path is given) a row of the reporting-national results log plus a dated section
 * at the end of docs/benchmarks.md, with the report's statements and EXPLAIN (ANALYZE, BUFFERS) of the national
 * drill-down's (and of any report over its target).
 *
 *   node bench/dist/reporting-report.js WORK_DIR RESULT.json [docs/benchmarks.md]
 *
 * WORK_DIR is what scripts/bench.sh wrote: facts.txt (key=value) and reporting.json (the output of
 * bench/dist/reporting-bench.js).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { machineFacts, readRunFacts } from './run-facts';

const [workDir, resultPath, markdownPath] = process.argv.slice(2);
if (!workDir || !resultPath) {
  console.error('usage: reporting-report.js WORK_DIR RESULT.json [benchmarks.md]');
  process.exit(2);
}

export const REPORTING_LOG_END =
  '<!-- bench:reporting-log-end (npm run bench -- reporting-national adds a row above this line) -->';

const facts = readRunFacts(workDir);
const factNum = (key: string): number | null =>
  facts[key] !== undefined && facts[key] !== '' ? Number(facts[key]) : null;

// ------------------------------------------------------------------ inputs (reporting-bench.ts writes them)
interface Latency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}
interface Cpu {
  seconds: number;
  reporting: number | null;
  postgres: number | null;
  nats: number | null;
  driver: number | null;
  rawConsumer: number | null;
  machineBusyPct: number;
}
interface Db {
  commits: number;
  rollbacks: number;
  deadlocks: number;
  rowsInserted: number;
  rowsUpdated: number;
  eventsPerCommit: number;
  /** Absent in runs before 2026-12-07. */
  checkpoints?: number;
  checkpointBuffers?: number;
}
interface Timed {
  name: string;
  what: string;
  path: string;
  targetMs: number;
  status: number;
  bytes: number;
  latencyMs: Latency;
  pass: boolean;
}
interface Explained {
  sql: string;
  parameters: unknown[];
  planningMs: number | null;
  executionMs: number | null;
  plan: string;
}
interface Run {
  settings: {
    producers: number;
    products: number;
    historyYears: number;
    seed: number;
    requests: number;
    warmupRequests: number;
    targetMs: number;
    xlsxTargetMs: number;
    lagRate: number;
    lagSeconds: number;
    lagTargetMs: number;
    pollMs: number;
    publishWindow: number;
    databasePoolSize: number;
  };
  period: string;
  asOf: string;
  model: {
    provinces: number;
    communes: number;
    producers: number;
    products: number;
    rounds: number;
    salesPoints: number;
    fairs: number;
    province: { code: string; name: string; communes: number; products: number };
    expected: { certifiedByStars: Record<string, number> };
  };
  processes: {
    exitCodes: Record<string, number | null>;
    reportingPeakRssMiB: number | null;
    ancestorLookupsAnswered: number;
  };
  backfill: {
    events: number;
    bySubject: Record<string, number>;
    bytes: number;
    publishS: number;
    publishPerS: number;
    caughtUpS: number;
    eventsPerS: number;
    handledWhilePublishing: number;
    tailEventsPerS: number | null;
    cpu: Cpu;
    database: Db;
  };
  readModels: {
    counts: Record<string, number>;
    tableBytes: Record<string, number>;
    checks: { what: string; expected: number; actual: number }[];
    mismatches: number;
  };
  statistics: {
    autovacuumBefore: { table: string; autoanalyzed: boolean }[];
    vacuumAnalyzeS: number;
    /** The CHECKPOINT after the backfill (null: refused); absent in runs before 2026-12-07. */
    checkpointS?: number | null;
  };
  reports: Timed[];
  reportsCpu: Cpu;
  totals: { unit: string; children: number; figures: number; differences: string[]; own: Record<string, number> }[];
  profiles: { report: string; wallMs: number; statements: Explained[] }[];
  lag: {
    events: number;
    kinds: Record<string, number>;
    achievedRate: number;
    publishLateMs: Latency;
    caughtUpAfterLastPublishMs: number | null;
    /** Publish → reporting's ack as seen on $JS.ACK (runs since this field exists); before, the ack floor. */
    latencyMs: Latency;
    acksUnseen?: number;
    /** Publish → the first poll whose ack floor covers it (an upper bound; `latencyMs` in older runs). */
    ackFloorMs?: Latency;
    /** Publish → start of the handling transaction (runs since d1b9b96). */
    toTransactionStartMs?: Latency;
    unhandled: number;
    poll: { samples: number; meanGapMs: number };
    bytesMean: number;
    inboxAdded: number;
    cpu: Cpu;
    database: Db;
    /** Since 2026-12-07: the driver's GC pauses and the consumer's backends sampled during the lag. */
    driverGc?: {
      pauses: number;
      totalMs: number;
      maxMs: number;
      over20Ms: number;
      majors?: Array<{ atS: number; ms: number }>;
    };
    driverHeap?: { collected: boolean; ms: number; heapMiBBefore: number; heapMiBAfter: number };
    backendStates?: { samples: number; states: Record<string, number> };
    pass: boolean;
  };
  raw: {
    fast: {
      messages: number;
      publishPerS: number;
      consumedPerS: number;
      allAckedAfterS: number;
      latencyMs: Latency;
      ackFloorMs?: Latency;
      poll: { meanGapMs: number };
      cpu: Cpu;
    };
    steady: {
      messages: number;
      achievedRate: number;
      publishLateMs: Latency;
      latencyMs: Latency;
      ackFloorMs?: Latency;
      unhandled: number;
      poll: { meanGapMs: number };
      cpu: Cpu;
    };
    acked: number | null;
  };
  timingsS: Record<string, number>;
  loadAverage: Record<string, string>;
}
const runText = existsSync(join(workDir, 'reporting.json'))
  ? readFileSync(join(workDir, 'reporting.json'), 'utf8')
  : null;
const run = runText ? (JSON.parse(runText) as Run) : null;

const machine = machineFacts(facts, {
  start: facts.loadavg_start ?? null,
  ...(run?.loadAverage ?? {}),
});

// ------------------------------------------------------------------ results JSON
const result = {
  runId: facts.run_id,
  scenario: 'reporting-national',
  startedAt: facts.started_at,
  finishedAt: facts.finished_at,
  totalS: factNum('total_s'),
  command: 'npm run bench -- reporting-national',
  settings: facts.settings,
  git: { commit: facts.git_commit, uncommittedChanges: Number(facts.git_dirty ?? 0) },
  database: facts.database,
  build: { exitCode: factNum('build_rc') },
  migrateMs: factNum('migrate_ms'),
  machine,
  run,
  driverExitCode: factNum('reporting_rc'),
};
mkdirSync(dirname(resultPath), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);

// ------------------------------------------------------------------ formatting
const fmt = (value: number | null | undefined, digits = 1): string =>
  value == null || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const ms = (l: Latency): string => `${fmt(l.p50, 0)} / ${fmt(l.p90, 0)} / ${fmt(l.p99, 0)} / ${fmt(l.max, 0)}`;
const kib = (bytes: number): string => `${fmt(bytes / 1024, bytes < 10_240 ? 1 : 0)} KiB`;
const mib = (bytes: number | undefined): string =>
  bytes == null ? 'n/a' : `${fmt(bytes / 1024 ** 2, bytes < 10 * 1024 ** 2 ? 1 : 0)} MiB`;
const minutes = (s: number | null | undefined): string => (s == null ? 'n/a' : `${fmt(s / 60, 1)} min`);
const pct = (v: number | null | undefined): string => (v == null ? '?' : `${fmt(v, 0)} %`);
const cpuText = (c: Cpu): string =>
  `reporting ${pct(c.reporting)}, its PostgreSQL backends ${pct(c.postgres)}, nats-server ${pct(c.nats)}, the driver ` +
  `${pct(c.driver)}${c.rawConsumer !== null && c.rawConsumer > 1 ? `, the raw consumer ${pct(c.rawConsumer)}` : ''} ` +
  `(of one core); machine ${pct(c.machineBusyPct)} busy`;
const subjectName = (subject: string): string => subject.replace(/^ocop\./, '').replace(/\.v\d+$/, '');
const shortSql = (sql: string): string => sql.replace(/\s+/g, ' ').trim();
const showParams = (params: unknown[]): string =>
  params.length === 0 ? '' : `\n-- ${params.map((p, i) => `$${i + 1} = ${JSON.stringify(p)}`).join(', ')}`;
const statementName = (sql: string): string => {
  const table = /FROM reporting\.(\w+)/.exec(sql)?.[1] ?? '?';
  if (table === 'rm_certificate' && /valid_until BETWEEN/.test(sql)) return 'rm_certificate (expiring in the period)';
  if (table === 'rm_certificate') return 'rm_certificate (valid on the day)';
  return table;
};

const rows: Array<[string, string]> = [];
const reportRows: string[] = [];
const failing: string[] = [];
if (run) {
  const s = run.settings;
  const b = run.backfill;
  const r = run.readModels;
  rows.push([
    'Reporting API (one process)',
    `ready in ${fmt(run.timingsS.startApi)} s; pool ${s.databasePoolSize} connections; private nats-server; no Temporal ` +
      `(nothing listens at its address; schedules off); the driver answered ${fmt(run.processes.ancestorLookupsAnswered, 0)} ` +
      `jurisdiction look-ups (registration's NATS request/reply); peak RSS ${fmt(run.processes.reportingPeakRssMiB, 0)} MiB; exit codes ` +
      Object.entries(run.processes.exitCodes)
        .map(([name, code]) => `${name} ${code}`)
        .join(', '),
  ]);
  const top = Object.entries(b.bySubject).sort((x, y) => y[1] - x[1]);
  rows.push([
    'History published',
    `**${fmt(b.events, 0)} events** (${fmt(b.bytes / b.events, 0)} B each) for ${fmt(run.model.producers, 0)} producers and ` +
      `${fmt(run.model.products, 0)} products in ${run.model.provinces} provinces / ${fmt(run.model.communes, 0)} communes over ` +
      `${s.historyYears} years: ${top.map(([k, n]) => `${subjectName(k)} ${fmt(n, 0)}`).join(', ')}; ${fmt(run.model.rounds, 0)} ` +
      `rounds, ${fmt(run.model.salesPoints, 0)} sales points, ${fmt(run.model.fairs, 0)} fairs`,
  ]);
  rows.push([
    'Backfill: published while reporting consumes',
    `published in ${fmt(b.publishS)} s (${fmt(b.publishPerS, 0)}/s, ${s.publishWindow} in flight); reporting had acknowledged ` +
      `every message **${fmt(b.caughtUpS)} s** after the first publish: **${fmt(b.eventsPerS, 0)} events/s** ` +
      `(${fmt(b.handledWhilePublishing, 0)} while publishing, then ${fmt(b.tailEventsPerS, 0)}/s alone)`,
  ]);
  rows.push([
    '  where the time went',
    `${cpuText(b.cpu)}; ${fmt(b.database.commits, 0)} transactions (${fmt(b.database.eventsPerCommit)} events each), ` +
      `${fmt(b.database.rollbacks, 0)} rolled back, ${fmt(b.database.deadlocks, 0)} deadlocks`,
  ]);
  const c = r.counts;
  rows.push([
    'Read models',
    `${fmt(c.products, 0)} products, ${fmt(c.producers, 0)} producers, ${fmt(c.certificates, 0)} certificates, ` +
      `${fmt(c.roundEntries, 0)} round entries, ${fmt(c.salesPoints, 0)} sales points, ${fmt(c.activityRows, 0)} monthly counters ` +
      `(rm_activity), ${fmt(c.productCountRows, 0)} product counters (rm_product_count), ${fmt(c.inbox, 0)} inbox rows; sizes: ` +
      Object.entries(r.tableBytes)
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${k} ${mib(v)}`)
        .join(', '),
  ]);
  rows.push([
    '  checked against the history',
    r.mismatches === 0
      ? `all ${r.checks.length} equal: ${r.checks.map((x) => `${x.what} ${fmt(x.actual, 0)}`).join(', ')}`
      : `**${r.mismatches} of ${r.checks.length} differ**: ${r.checks
          .filter((x) => x.actual !== x.expected)
          .map((x) => `${x.what} ${fmt(x.actual, 0)} (published ${fmt(x.expected, 0)})`)
          .join(', ')}`,
  ]);
  for (const t of run.totals)
    rows.push([
      `  ${t.unit === 'VN' ? 'national' : `province ${t.unit}`} total = sum of its ${t.children} units + its own level`,
      t.differences.length === 0
        ? `all ${t.figures} figures (without the drill-down = with it); own level: ${
            Object.entries(t.own)
              .map(([k, v]) => `${k} ${fmt(v, 0)}`)
              .join(', ') || 'nothing'
          }`
        : `**${t.differences.length} figures differ**: ${t.differences.slice(0, 6).join('; ')}`,
    ]);
  for (const t of run.reports) {
    if (!t.pass) failing.push(t.name);
    reportRows.push(
      `| \`${t.path.replace('/api/v1/reports/figures', '…/figures')}\` | ${t.what} | ${ms(t.latencyMs)} | ${kib(t.bytes)} | ` +
        `${fmt(t.targetMs, 0)} | ${t.status !== 200 ? `**HTTP ${t.status}**` : t.pass ? 'pass' : '**FAIL**'} |`,
    );
  }
}

// ------------------------------------------------------------------ stdout
const plain = (text: string): string => text.replace(/\*\*/g, '').replace(/`/g, '');
console.log(
  `\nOCOP national monthly report, run ${facts.run_id} (commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ', with uncommitted changes' : ''}), ${minutes(factNum('total_s'))}`,
);
console.log(
  `machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `PostgreSQL ${machine.postgres ?? '?'}, load average at start ${machine.loadAverage.start}`,
);
const width = rows.length > 0 ? Math.max(...rows.map(([name]) => plain(name).length)) : 10;
for (const [name, value] of rows) console.log(`${plain(name).padEnd(width)}  ${plain(value)}`);
if (run) {
  for (const t of run.reports)
    console.log(
      `  ${t.pass ? 'pass' : 'FAIL'}  ${t.name.padEnd(15)} p50 ${fmt(t.latencyMs.p50, 0).padStart(5)}  p99 ${fmt(t.latencyMs.p99, 0).padStart(5)} ms  ` +
        `(target ${t.targetMs} ms)  ${kib(t.bytes)}`,
    );
  const l = run.lag;
  console.log(
    `  ${l.pass ? 'pass' : 'FAIL'}  lag at ${l.achievedRate}/s: p50 ${l.latencyMs.p50} / p99 ${l.latencyMs.p99} ms (target p99 < ${run.settings.lagTargetMs} ms); ` +
      `raw JetStream at ${run.raw.steady.achievedRate}/s: p50 ${run.raw.steady.latencyMs.p50} / p99 ${run.raw.steady.latencyMs.p99} ms; ` +
      `raw full speed ${run.raw.fast.publishPerS}/s published, ${run.raw.fast.consumedPerS}/s consumed`,
  );
}
console.log(`raw results: ${resultPath}`);

// ------------------------------------------------------------------ markdown
if (markdownPath && run) {
  let doc = readFileSync(markdownPath, 'utf8');
  const date = (facts.started_at ?? '').replace('T', ' ').replace(/:\d\dZ$/, '');
  const commit = `${facts.git_commit}${Number(facts.git_dirty) > 0 ? '+' : ''}`;
  const s = run.settings;
  const report = (name: string) => run.reports.find((t) => t.name === name);
  const p5099 = (name: string) => {
    const t = report(name);
    return t ? `${fmt(t.latencyMs.p50, 0)} / ${fmt(t.latencyMs.p99, 0)}` : 'n/a';
  };
  const la = machine.loadAverage;
  const logRow =
    `| ${date} | ${commit} | ${fmt(run.model.products, 0)} / ${fmt(run.model.producers, 0)} | ${fmt(run.backfill.events, 0)} | ` +
    `${fmt(run.backfill.eventsPerS, 0)} | ${p5099('national')} | ${p5099('national-drill')} | ${p5099('national-xlsx')} | ` +
    `${p5099('province-drill')} | ${fmt(run.lag.latencyMs.p50, 0)} / ${fmt(run.lag.latencyMs.p99, 0)} | ` +
    `${fmt(run.raw.steady.latencyMs.p50, 0)} / ${fmt(run.raw.steady.latencyMs.p99, 0)} | ` +
    `${fmt(run.raw.fast.publishPerS, 0)} / ${fmt(run.raw.fast.consumedPerS, 0)} | ${la.start ?? '?'} | ${minutes(factNum('total_s'))} |`;
  if (doc.includes(REPORTING_LOG_END)) doc = doc.replace(REPORTING_LOG_END, `${logRow}\n${REPORTING_LOG_END}`);

  const l = run.lag;
  const rf = run.raw.fast;
  const rs = run.raw.steady;
  const lagRows = [
    `| reporting's consumer (read models in PostgreSQL) | ${fmt(l.achievedRate)}/s for ${s.lagSeconds} s | ${ms(l.latencyMs)} | ` +
      `${l.unhandled === 0 ? 'all' : `**${l.unhandled} not**`} handled; the last ${fmt(l.caughtUpAfterLastPublishMs, 0)} ms after its publish; ` +
      (l.ackFloorMs
        ? `each ack seen as sent (${l.acksUnseen ?? 0} not seen); by the ack floor ${ms(l.ackFloorMs)} (an upper bound); `
        : 'by the ack floor (an upper bound); ') +
      (l.toTransactionStartMs
        ? `publish → start of the handling transaction ${ms(l.toTransactionStartMs)} (a lower bound); `
        : '') +
      `${fmt(l.database.commits, 0)} transactions (${fmt(l.database.eventsPerCommit)} events each), ${l.database.deadlocks} deadlocks` +
      (l.database.checkpoints === undefined
        ? ''
        : `; ${l.database.checkpoints} checkpoints of the server during it (${fmt(l.database.checkpointBuffers ?? 0, 0)} buffers written)`) +
      ' | ' +
      `${cpuText(l.cpu)} | ${l.pass ? 'pass' : '**FAIL**'} |`,
    `| raw JetStream: plain pull consumer, ack each, no database | ${fmt(rs.achievedRate)}/s, the same ${fmt(rs.messages, 0)} messages | ${ms(rs.latencyMs)} | ` +
      `${rs.unhandled === 0 ? 'all' : `**${rs.unhandled} not**`} acked | ${cpuText(rs.cpu)} | (baseline) |`,
    `| raw JetStream at full speed | published at **${fmt(rf.publishPerS, 0)}/s**, all acked after ${fmt(rf.allAckedAfterS, 2)} s: ` +
      `**${fmt(rf.consumedPerS, 0)}/s** consumed | ${ms(rf.latencyMs)} (polls every ${fmt(rf.poll.meanGapMs, 0)} ms) | | ${cpuText(rf.cpu)} | (baseline) |`,
  ];
  const drill = run.profiles.find((p) => p.report === 'national-drill');
  const profileRows = run.profiles.flatMap((p) =>
    p.statements.map(
      (x) =>
        `| ${p.report} | ${statementName(x.sql)} | ${fmt(x.planningMs, 2)} | ${fmt(x.executionMs, 2)} | ${p.wallMs} |`,
    ),
  );
  const plans = (profile: { report: string; statements: Explained[] } | undefined) =>
    (profile?.statements ?? []).flatMap((x) => [
      `##### ${profile!.report}: ${statementName(x.sql)}`,
      '',
      '```sql',
      `${shortSql(x.sql)}${showParams(x.parameters)}`,
      '```',
      '',
      '```text',
      x.plan,
      '```',
      '',
    ]);
  const slowProfiles = run.profiles.filter(
    (p) => p.report !== 'national-drill' && failing.some((name) => name.startsWith(p.report.split('-')[0]!)),
  );
  const section = [
    `### ${date} UTC, reporting-national, commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ' (with uncommitted changes)' : ''}`,
    '',
    `\`npm run bench -- reporting-national\` (${facts.settings}). The history of ${fmt(run.model.producers, 0)} producers and ` +
      `${fmt(run.model.products, 0)} products published onto a private JetStream while ONE reporting API process consumed it into a ` +
      `fresh database; then the national monthly report for ${run.period} (as at ${run.asOf}), ${s.warmupRequests} warm-up + ` +
      `${s.requests} timed requests each, one at a time; then ${fmt(l.events, 0)} live events at ${s.lagRate}/s beside the raw ` +
      `JetStream baseline. The whole run took ${minutes(factNum('total_s'))}. Machine: ${machine.nproc} CPUs (${machine.cpuModel}), ` +
      `${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres ?? '?'} at ` +
      `${facts.database}. Load average (1/5/15 min) at the start ${la.start ?? '?'}, before the backfill ${la.backfill ?? '?'}, ` +
      `before the reports ${la.reports ?? '?'}, before the lag ${la.lag ?? '?'}, before the raw baseline ${la.raw ?? '?'}. ` +
      `Raw results: \`bench/results/${facts.run_id}-reporting-national.json\` (not committed).` +
      (factNum('build_rc') ? ` **tsc -b failed (exit ${facts.build_rc}): the last build was measured.**` : ''),
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name.startsWith('  ') ? `↳ ${name.trim()}` : name} | ${value} |`),
    '',
    `The national monthly report and its exports (\`ministry_officer\` of VN), ${s.requests} requests each after ${s.warmupRequests} ` +
      `warm-up, one at a time (${s.requests < 100 ? `with ${s.requests} requests the p99 is the slowest one` : 'nearest-rank percentiles'}); ` +
      `the province is ${run.model.province.name} (${run.model.province.code}, the most products: ${fmt(run.model.province.products, 0)}, ` +
      `${run.model.province.communes} communes). During them: ${cpuText(run.reportsCpu)}. Latencies in ms.`,
    '',
    '| request | what | p50 / p90 / p99 / max | size | target (ms) | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...reportRows,
    '',
    `Event to read model at ${s.lagRate} events/s: each event's lag is the first poll (every ${s.pollMs} ms; mean gap ` +
      `${fmt(l.poll.meanGapMs)} ms) showing the consumer's ack floor at or past its stream sequence, minus when it was published ` +
      `(reporting acknowledges after its transaction commits, so this is an upper bound). The live mix: ` +
      `${Object.entries(l.kinds)
        .map(([k, n]) => `${k} ${fmt(n, 0)}`)
        .join(', ')}; ${fmt(l.bytesMean, 0)} B per message. The publisher kept the schedule within ` +
      `p50 ${fmt(l.publishLateMs.p50, 1)} / p99 ${fmt(l.publishLateMs.p99, 0)} ms (raw: p99 ${fmt(rs.publishLateMs.p99, 0)} ms). ` +
      `Latencies in ms.`,
    '',
    '| consumer | rate | lag p50 / p90 / p99 / max | handled | CPU | p99 < ' + `${s.lagTargetMs} ms |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...lagRows,
    '',
    ...(l.backendStates && l.driverGc ? [lagDiagnosis(l.backendStates, l.driverGc, l.driverHeap), ''] : []),
    `The report's SQL (FiguresService, captured from the service's own code on a logging DataSource; pg_stat_statements is not ` +
      `loaded on this server): six statements per report, run side by side on the pool; each with EXPLAIN (ANALYZE, BUFFERS) ` +
      `after the reports, on the idle database (VACUUM (ANALYZE) of the tables the backfill wrote, the inbox included, before the reports, ${fmt(run.statistics.vacuumAnalyzeS)} s` +
      (run.statistics.checkpointS === undefined
        ? ''
        : run.statistics.checkpointS === null
          ? '; the CHECKPOINT after the backfill was refused'
          : `, then a CHECKPOINT, ${fmt(run.statistics.checkpointS)} s, so that the reports and the lag do not share the disk with the backfill's pages`) +
      '). ' +
      `"call" is the in-process FiguresService call (ms).`,
    '',
    '| report | statement | planning (ms) | execution (ms) | call (ms) |',
    '| --- | --- | --- | --- | --- |',
    ...profileRows,
    '',
    `#### The national drill-down's plans`,
    '',
    ...plans(drill),
    ...slowProfiles.flatMap((p) => plans(p)),
  ].join('\n');
  doc = `${doc.trimEnd()}\n\n${section.trimEnd()}\n`;
  writeFileSync(markdownPath, doc);
  console.log(`appended to ${markdownPath}`);
}

/** Where the consumer's time went during the lag: its backends' states, and the driver's own pauses. */
function lagDiagnosis(
  sampled: NonNullable<Run['lag']['backendStates']>,
  gc: NonNullable<Run['lag']['driverGc']>,
  heap?: Run['lag']['driverHeap'],
): string {
  const total = Object.values(sampled.states).reduce((a, b) => a + b, 0);
  const per = (n: number) => fmt(n / Math.max(1, sampled.samples), 2);
  const states = Object.entries(sampled.states)
    .filter(([what]) => !what.startsWith('idle / '))
    .slice(0, 6)
    .map(([what, n]) => `${what} ${per(n)}`)
    .join(', ');
  return (
    `During the lag, reporting's PostgreSQL backends were sampled ${fmt(sampled.samples, 0)} times (${fmt(total, 0)} ` +
    `backend-samples); on average per sample, besides idle ones: ${states}. "idle in transaction / Client:ClientRead" ` +
    `is a backend inside a handling transaction waiting for the reporting process's next statement; IO:WALSync the ` +
    `commit's flush; Lock:transactionid a row lock (a shared counter) held by another transaction; "autovacuum: …" ` +
    `an autovacuum worker of the server at work (sampled since 2026-12-07). The driver's ` +
    `own GC paused it ${gc.pauses} times (${fmt(gc.totalMs, 0)} ms in all, the longest ${fmt(gc.maxMs, 0)} ms)` +
    (gc.majors
      ? `, ${gc.majors.length} of them major${gc.majors.map((m) => ` (${m.atS} s in, ${fmt(m.ms, 0)} ms)`).join('')}`
      : '') +
    '.' +
    (heap?.collected
      ? ` Before the lag the driver collected its heap (${fmt(heap.heapMiBBefore, 0)} → ${fmt(heap.heapMiBAfter, 0)} MiB ` +
        `in ${fmt(heap.ms, 0)} ms), so the backfill's garbage is not collected during it.`
      : '')
  );
}

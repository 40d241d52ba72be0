/**
 * Turns the raw files of one `npm run bench` run into the results JSON, a summary table on stdout and
 * (when a markdown path is given) a dated section plus a results-log row in docs/benchmarks.md.
 *
 *   node bench/dist/report.js WORK_DIR RESULT.json [docs/benchmarks.md]
 *
 * WORK_DIR is what scripts/bench.sh wrote: facts.txt (key=value), start.log ("<ms> <line>" of npm start),
 * healthy.txt ("<service> <ms>"), infra-before.txt, infra-after.txt, api.json, pgbench-<clients>.log.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { machineFacts, readPgbenchResults, readRunFacts } from './run-facts';

const [workDir, resultPath, markdownPath] = process.argv.slice(2);
if (!workDir || !resultPath) {
  console.error('usage: report.js WORK_DIR RESULT.json [benchmarks.md]');
  process.exit(2);
}

const LOG_END = '<!-- bench:log-end (npm run bench adds a row above this line) -->';

const read = (name: string): string | null => {
  const path = join(workDir, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};
const facts = readRunFacts(workDir);
const factNum = (key: string): number | null =>
  facts[key] !== undefined && facts[key] !== '' ? Number(facts[key]) : null;
const seconds = (ms: number | null | undefined): number | null => (ms == null ? null : Number((ms / 1000).toFixed(1)));

// ------------------------------------------------------------------ machine
const machine = machineFacts(facts, {
  start: facts.loadavg_start ?? null,
  coldStart: facts.loadavg_cold_start ?? null,
  api: facts.loadavg_api ?? null,
  pgbench: facts.loadavg_pgbench ?? null,
});

// ------------------------------------------------------------------ cold start
interface StampedLine {
  ms: number;
  text: string;
}
const startLines: StampedLine[] = (read('start.log') ?? '')
  .split('\n')
  .map((line) => {
    const match = /^(\d+) (.*)$/.exec(line);
    return match ? { ms: Number(match[1]), text: match[2] ?? '' } : null;
  })
  .filter((line): line is StampedLine => line !== null);
const firstLine = (pattern: RegExp): StampedLine | undefined => startLines.find((line) => pattern.test(line.text));

const infraStatus = (name: string): Record<string, string> => {
  const status: Record<string, string> = {};
  for (const line of (read(name) ?? '').split('\n')) {
    const match = /^(postgres|nats|temporal): (\w+)/.exec(line);
    if (match) status[match[1]!] = match[2]!;
  }
  return status;
};
const infraBefore = infraStatus('infra-before.txt');
const infraAfter = infraStatus('infra-after.txt');
const infra = Object.fromEntries(
  ['postgres', 'nats', 'temporal'].map((name) => {
    const after = infraAfter[name];
    const how =
      after === 'reused'
        ? 'reused'
        : after === 'own'
          ? infraBefore[name] === 'own'
            ? 'own (already up)'
            : 'started'
          : (after ?? 'unknown');
    return [name, how];
  }),
);

const begin = factNum('start_cmd_begin_ms');
const end = factNum('start_cmd_end_ms');
const healthy: Record<string, number | null> = {};
for (const line of (read('healthy.txt') ?? '').split('\n')) {
  const [service, ms] = line.trim().split(/\s+/);
  if (service && ms && begin !== null) healthy[service] = seconds(Number(ms) - begin);
}
const healthyTimes = Object.values(healthy).filter((value): value is number => value !== null);
const allHealthyS = healthyTimes.length === 4 ? Math.max(...healthyTimes) : null;
const stackLine = firstLine(/^\[stack\]/);
const servicesLine = firstLine(/^\[platform\] started /);
const upLine = firstLine(/OCOP platform is up \(\d+s\)/);
const relative = (line: StampedLine | undefined): number | null =>
  line && begin !== null ? seconds(line.ms - begin) : null;
const bootstrapInStartS = relative(stackLine);
const coldStart = {
  wasRunningBefore: facts.was_running === '1',
  bootstrapBeforeStartS: seconds(factNum('bootstrap_pre_ms')),
  allHealthyS,
  healthyPerServiceS: healthy,
  excludingBootstrapS:
    allHealthyS !== null && bootstrapInStartS !== null ? Number((allHealthyS - bootstrapInStartS).toFixed(1)) : null,
  phasesS: {
    bootstrap: bootstrapInStartS,
    infraAndMigrations:
      relative(servicesLine) !== null && bootstrapInStartS !== null
        ? Number((relative(servicesLine)! - bootstrapInStartS).toFixed(1))
        : null,
    servicesToHealthy:
      allHealthyS !== null && relative(servicesLine) !== null
        ? Number((allHealthyS - relative(servicesLine)!).toFixed(1))
        : null,
    seedAndSummary:
      allHealthyS !== null && end !== null && begin !== null
        ? Number(((end - begin) / 1000 - allHealthyS).toFixed(1))
        : null,
  },
  commandS: begin !== null && end !== null ? seconds(end - begin) : null,
  platformReportedS: upLine ? Number(/up \((\d+)s\)/.exec(upLine.text)![1]) : null,
  infra,
  infraStatusAfter: (read('infra-after.txt') ?? '').trim().split('\n').filter(Boolean),
  exitCode: factNum('start_rc'),
};
const notRunning = {
  afterStart: (facts.processes_not_running_after_start ?? '').split(',').filter(Boolean),
  afterLoad: (facts.processes_not_running_after_load ?? '').split(',').filter(Boolean),
};

// ------------------------------------------------------------------ API load
interface ApiResult {
  measured: {
    connections: number;
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
    perSecond?: number[];
  };
  warmupS: number;
  rowsStored: { measured: number; total: number; inFlightAtStop: number };
  productRowBytes: number | null;
  outbox: {
    unpublishedAtLoadEnd: number;
    maxUnpublishedDuringLoad: number;
    drainedAfterS: number | null;
    drainTimeoutS: number;
  };
  pipeline: {
    earlierProductsWithoutWorkflow: number;
    waitingAfterDrain: number;
    productsWithoutWorkflow: number;
    workflowsPerSecond: number | null;
    allWorkflowsAttachedAfterS: number | null;
    timeoutS: number;
  };
}
const apiText = read('api.json');
const api = apiText ? (JSON.parse(apiText) as ApiResult) : null;
const settleText = read('settle.json');
const settle = settleText
  ? (JSON.parse(settleText) as { settleS: number; waitingAtStart: number; left: number; stalled: boolean })
  : null;
const mean = (values: number[]): number | null =>
  values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : null;

// ------------------------------------------------------------------ pgbench
const pgbench = readPgbenchResults(workDir, facts).map((result) => ({
  ...result,
  jobs: Number(process.env.PGBENCH_JOBS ?? /PGBENCH_JOBS=(\d+)/.exec(facts.settings ?? '')?.[1] ?? 0),
  durationS: Number(/PGBENCH_DURATION=(\d+)/.exec(facts.settings ?? '')?.[1] ?? 0),
}));
const mainPgbench = pgbench[0] ?? null;

// ------------------------------------------------------------------ results JSON
const result = {
  runId: facts.run_id,
  startedAt: facts.started_at,
  finishedAt: facts.finished_at,
  command: 'npm run bench',
  settings: facts.settings,
  git: { commit: facts.git_commit, uncommittedChanges: Number(facts.git_dirty ?? 0) },
  database: facts.database,
  machine,
  coldStart,
  processesNotRunning: notRunning,
  settleBeforePgbench: settle,
  api,
  apiExitCode: factNum('api_rc'),
  pgbench,
};
mkdirSync(dirname(resultPath), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);

// ------------------------------------------------------------------ summary
const fmt = (value: number | null | undefined, digits = 1): string =>
  value == null || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const ratio = api && mainPgbench?.tps ? `${fmt((api.measured.requestsPerSecond / mainPgbench.tps) * 100, 0)} %` : 'n/a';

const rows: Array<[string, string]> = [];
rows.push([
  'Cold start: `npm start` to all four /health OK',
  `**${fmt(coldStart.allHealthyS)} s** wall, **${fmt(coldStart.excludingBootstrapS)} s** excluding the bootstrap inside it ` +
    `(${fmt(coldStart.phasesS.bootstrap)} s; the bench ran bootstrap just before, ${fmt(coldStart.bootstrapBeforeStartS)} s); ` +
    `the script printed "up (${fmt(coldStart.platformReportedS, 0)}s)" after seeding, command ${fmt(coldStart.commandS)} s`,
]);
rows.push([
  '  phases',
  `infra + migrations ${fmt(coldStart.phasesS.infraAndMigrations)} s; processes started → all healthy ${fmt(coldStart.phasesS.servicesToHealthy)} s ` +
    `(${Object.entries(healthy)
      .map(([service, s]) => `${service} ${fmt(s)} s`)
      .join(', ')}); demo seed + summary ${fmt(coldStart.phasesS.seedAndSummary)} s`,
]);
rows.push(['  infrastructure', `PostgreSQL ${infra.postgres}, NATS ${infra.nats}, Temporal ${infra.temporal}`]);
if (notRunning.afterStart.length > 0 || notRunning.afterLoad.length > 0) {
  rows.push([
    '  processes not running',
    `after npm start: ${notRunning.afterStart.join(', ') || 'none'}; after the API load: ${notRunning.afterLoad.join(', ') || 'none'} (see .local/logs)`,
  ]);
}
if (api) {
  const m = api.measured;
  rows.push([
    `POST /api/v1/products, ${m.connections} connections, ${fmt(m.durationS, 0)} s (after ${api.warmupS} s warm-up)`,
    `**${fmt(m.requestsPerSecond)} req/s**; latency p50 ${fmt(m.latencyMs.p50, 0)} / p90 ${fmt(m.latencyMs.p90, 0)} / ` +
      `p99 ${fmt(m.latencyMs.p99, 0)} ms (avg ${fmt(m.latencyMs.average)}, max ${fmt(m.latencyMs.max, 0)}); ` +
      `non-2xx ${m.non2xx}, errors ${m.errors} (timeouts ${m.timeouts}); ${fmt(m.requests, 0)} responses, ` +
      `${fmt(api.rowsStored.measured, 0)} products stored (${api.rowsStored.inFlightAtStop} in flight when the load stopped` +
      `${api.rowsStored.inFlightAtStop < 0 || api.rowsStored.inFlightAtStop > m.connections ? ': MISMATCH' : ''}); ` +
      `product row ${fmt(api.productRowBytes, 0)} B` +
      (m.perSecond && m.perSecond.length >= 10
        ? `; req/s in the first 5 s ${fmt(mean(m.perSecond.slice(0, 5)), 0)}, in the last 5 s ${fmt(mean(m.perSecond.slice(-5)), 0)}`
        : ''),
  ]);
  rows.push([
    '  outbox relay',
    `max ${fmt(api.outbox.maxUnpublishedDuringLoad, 0)} unpublished rows during the load, ${fmt(api.outbox.unpublishedAtLoadEnd, 0)} at its end; ` +
      (api.outbox.drainedAfterS === null
        ? `NOT drained within ${api.outbox.drainTimeoutS} s`
        : `drained **${fmt(api.outbox.drainedAfterS)} s** after the load`),
  ]);
  const pipe = api.pipeline;
  rows.push([
    '  workflow per product',
    (pipe.allWorkflowsAttachedAfterS === null
      ? `**${fmt(pipe.productsWithoutWorkflow, 0)} of ${fmt(api.rowsStored.total, 0)} products still without a workflow ` +
        `${pipe.timeoutS} s after the load** (evaluation goes on with them in the background)`
      : `all ${fmt(api.rowsStored.total, 0)} products (warm-up included) had their workflow ` +
        `**${fmt(pipe.allWorkflowsAttachedAfterS)} s after the load**`) +
      `; ${fmt(pipe.waitingAfterDrain, 0)} were waiting once the outbox had drained, ` +
      `attached at ~${fmt(pipe.workflowsPerSecond, 0)} workflows/s` +
      (pipe.earlierProductsWithoutWorkflow > 0
        ? `; ${fmt(pipe.earlierProductsWithoutWorkflow, 0)} earlier products were still waiting before the load`
        : ''),
  ]);
} else {
  rows.push(['POST /api/v1/products', `failed (exit ${facts.api_rc ?? '?'}); see the run's output`]);
}
if (settle && (settle.waitingAtStart > 0 || settle.settleS > 1)) {
  rows.push([
    'Before pgbench: platform settled',
    `${fmt(settle.settleS)} s; ${fmt(settle.waitingAtStart, 0)} products were waiting for their workflow, ${fmt(settle.left, 0)} still were` +
      (settle.stalled ? ' (no progress for 30 s)' : ''),
  ]);
}
for (const run of pgbench) {
  rows.push([
    `pgbench INSERT + COMMIT, ${run.clients} clients${run === mainPgbench ? '' : " (the API's pool size)"}, ${run.durationS} s`,
    run.tps === null
      ? `failed or skipped (exit ${run.exit ?? '?'})`
      : `**${fmt(run.tps, 0)} TPS**, latency avg ${fmt(run.latencyAverageMs, 2)} ms (stddev ${fmt(run.latencyStddevMs, 2)}); ` +
        `${fmt(run.transactions, 0)} transactions, ${fmt(run.failed ?? 0, 0)} failed; row ${fmt(run.rowBytes, 0)} B`,
  ]);
}
rows.push(['API req/s as a share of pgbench TPS (same client count)', ratio]);

const plain = (text: string): string => text.replace(/\*\*/g, '').replace(/`/g, '');
const width = Math.max(...rows.map(([name]) => plain(name).length));
console.log(
  `\nOCOP benchmarks, run ${facts.run_id} (commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ', with uncommitted changes' : ''})`,
);
console.log(
  `machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `PostgreSQL ${machine.postgres ?? '?'}, load average at start ${machine.loadAverage.start}`,
);
console.log('-'.repeat(width + 60));
for (const [name, value] of rows) console.log(`${plain(name).padEnd(width)}  ${plain(value)}`);
console.log('-'.repeat(width + 60));
console.log(`raw results: ${resultPath}`);

// ------------------------------------------------------------------ markdown
if (markdownPath) {
  const header =
    `# Benchmarks\n\nRun \`npm run bench\`; see the introduction of this file in git history.\n\n## Results log\n\n` +
    `| date (UTC) | commit | cold start → healthy (s) | excl. bootstrap (s) | API req/s | p50 / p90 / p99 (ms) | non-2xx | outbox drained (s) | pgbench TPS | pgbench latency avg (ms) |\n` +
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n${LOG_END}\n\n## Runs\n`;
  let doc = existsSync(markdownPath) ? readFileSync(markdownPath, 'utf8') : header;
  const date = (facts.started_at ?? '').replace('T', ' ').replace(/:\d\dZ$/, '');
  const logRow =
    `| ${date} | ${facts.git_commit}${Number(facts.git_dirty) > 0 ? '+' : ''} | ${fmt(coldStart.allHealthyS)} | ${fmt(coldStart.excludingBootstrapS)} | ` +
    `${api ? fmt(api.measured.requestsPerSecond) : 'failed'} | ` +
    `${api ? `${fmt(api.measured.latencyMs.p50, 0)} / ${fmt(api.measured.latencyMs.p90, 0)} / ${fmt(api.measured.latencyMs.p99, 0)}` : 'n/a'} | ` +
    `${api ? api.measured.non2xx : 'n/a'} | ${api ? fmt(api.outbox.drainedAfterS) : 'n/a'} | ` +
    `${fmt(mainPgbench?.tps ?? null, 0)} (${mainPgbench?.clients ?? '?'} c.) | ${fmt(mainPgbench?.latencyAverageMs ?? null, 2)} |`;
  doc = doc.includes(LOG_END) ? doc.replace(LOG_END, `${logRow}\n${LOG_END}`) : `${doc.trimEnd()}\n\n${logRow}\n`;
  const section = [
    `### ${date} UTC, commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ' (with uncommitted changes)' : ''}`,
    '',
    `\`npm run bench\` (${facts.settings}). Machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ` +
      `Linux ${machine.kernel}, Node ${machine.node}, PostgreSQL ${machine.postgres ?? '?'} at ${facts.database}, ` +
      `${machine.pgbench ?? 'pgbench ?'}. Load average (1/5/15 min) at start ${machine.loadAverage.start}, ` +
      `before the API load ${machine.loadAverage.api}, before pgbench ${machine.loadAverage.pgbench}. ` +
      `Raw results: \`bench/results/${facts.run_id}.json\` (not committed).`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name.startsWith('  ') ? `↳ ${name.trim()}` : name} | ${value} |`),
    '',
  ].join('\n');
  doc = `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(markdownPath, doc);
  console.log(`appended to ${markdownPath}`);
}

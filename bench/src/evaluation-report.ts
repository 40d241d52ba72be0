/**
 * Turns the raw files of one `npm run bench -- evaluation-scoring` run into the results JSON, a summary on
 * stdout and (when a markdown path is given) a row of the evaluation-scoring results log plus a dated section
 * at the end of docs/benchmarks.md, with the statements of the deliberation and the decision and, for a
 * round over the target, the plans of the statements that take the time.
 *
 *   node bench/dist/evaluation-report.js WORK_DIR RESULT.json [docs/benchmarks.md]
 *
 * WORK_DIR is what scripts/bench.sh wrote: facts.txt (key=value) and evaluation.json (the output of
 * bench/dist/evaluation-bench.js).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PoolSummary } from './request-pool';
import { machineFacts, readRunFacts } from './run-facts';

const [workDir, resultPath, markdownPath] = process.argv.slice(2);
if (!workDir || !resultPath) {
  console.error('usage: evaluation-report.js WORK_DIR RESULT.json [benchmarks.md]');
  process.exit(2);
}

export const EVALUATION_LOG_END =
  '<!-- bench:evaluation-log-end (npm run bench -- evaluation-scoring adds a row above this line) -->';

const facts = readRunFacts(workDir);
const factNum = (key: string): number | null =>
  facts[key] !== undefined && facts[key] !== '' ? Number(facts[key]) : null;

// ------------------------------------------------------------------ inputs (evaluation-bench.ts writes them)
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
  groups: Array<{ statement: string; count: number; ms: number }>;
  explained: Explained[];
}
interface Decision {
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
}
interface Evaluation {
  settings: {
    councils: number;
    roundProducts: number;
    scoringMembers: number;
    submitConnections: number;
    enterConnections: number;
    flaggedShare: number;
    missedShare: number;
    targetMs: number;
    seed: number;
    warmCache: boolean;
    spreadThreshold: number;
    databasePoolSize: number;
  };
  model: {
    provinces: Array<{ code: string; name: string }>;
    products: number;
    submissions: number;
    criteriaSet: { versionCode: string; group: string; criteria: number; parts: number };
    bodyBytes: number;
    meetingDate: string;
    productKinds: { agreeing: number; diverging: number; missed: number };
    expectedFlagged: number;
  };
  processes: {
    temporal: string;
    exitCodes: Record<string, number | null>;
    apiLogLines: Record<string, number | null>;
  };
  setup: { entering: PoolSummary; enterRetried: number };
  phaseA: {
    load: PoolSummary;
    allScoredAfterS: number | null;
    maxUnpublishedDuringLoad: number;
    failedDuringLoad: number;
    topUp: number;
    after: {
      submitted: number;
      scored: number;
      flagged: number;
      spreadOverThreshold: number;
      completeButUnscored: number;
    };
    unscoredExample: {
      roundId: string;
      productId: string;
      submittedAt: string[];
      lastTwoSubmissions: Array<{ request: string; status: number; response: string; atMs: number }>;
      progressRequest: string;
      progressStatus: number;
      progressEntry: Record<string, unknown> | null;
    } | null;
  };
  phaseA2: {
    rescoreRequests: number;
    rescoreLatencyMs: { average: number; max: number } | null;
    resubmissions: number;
    resubmitted: number;
    load: PoolSummary | null;
    after: { scored: number; flagged: number; completeButUnscored: number };
  };
  statistics: { autovacuumBeforePhaseB: Array<{ table: string; autoanalyzed: boolean }>; vacuumAnalyzeS: number };
  phaseB: { targetMs: number; decisions: Decision[]; profileError: string | null; profiles: CallProfile[] };
  stored: {
    scorecards: number;
    changeRecords: number;
    outboxEvents: number;
    certificates: number;
    outcomes: Record<string, number>;
    tableBytes: Record<string, number>;
  };
  timingsS: Record<string, number>;
  loadAverage: Record<string, string>;
}
const evaluationPath = join(workDir, 'evaluation.json');
const run = existsSync(evaluationPath) ? (JSON.parse(readFileSync(evaluationPath, 'utf8')) as Evaluation) : null;

const machine = machineFacts(facts, {
  start: facts.loadavg_start ?? null,
  api: facts.loadavg_api ?? null,
  ...(run?.loadAverage ?? {}),
});

// ------------------------------------------------------------------ results JSON
const result = {
  runId: facts.run_id,
  scenario: 'evaluation-scoring',
  startedAt: facts.started_at,
  finishedAt: facts.finished_at,
  totalS: factNum('total_s'),
  command: 'npm run bench -- evaluation-scoring',
  settings: facts.settings,
  git: { commit: facts.git_commit, uncommittedChanges: Number(facts.git_dirty ?? 0) },
  database: facts.database,
  migrateMs: factNum('migrate_ms'),
  buildExitCode: factNum('build_rc'),
  machine,
  evaluation: run,
  driverExitCode: factNum('evaluation_rc'),
};
mkdirSync(dirname(resultPath), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);

// ------------------------------------------------------------------ formatting
const fmt = (value: number | null | undefined, digits = 1): string =>
  value == null || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const mib = (bytes: number | undefined): string => (bytes == null ? 'n/a' : `${fmt(bytes / 1024 ** 2, 0)} MiB`);
const minutes = (s: number | null | undefined): string => (s == null ? 'n/a' : `${fmt(s / 60, 1)} min`);
const lat = (l: PoolSummary['latencyMs']): string =>
  `${fmt(l.p50, 0)} / ${fmt(l.p90, 0)} / ${fmt(l.p95, 0)} / ${fmt(l.p99, 0)}`;
const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/** A statement as a person reads it: shortened column lists (evaluation-bench.ts collapsed them already). */
const short = (statement: string, width = 150): string =>
  statement.length > width ? `${statement.slice(0, width - 1)}…` : statement;
/** Plans inline parameter arrays of hundreds of ids; keep their size only. */
const shortPlan = (plan: string): string =>
  plan.replace(
    /'\{((?:[0-9a-f-]{36},)+[0-9a-f-]{36})\}'::uuid\[\]/g,
    (_w, list: string) => `'{<${list.split(',').length} ids>}'::uuid[]`,
  );
/** The database's own time for a call: each statement shape's EXPLAIN ANALYZE (execution + planning) × its count. */
const sqlMsOf = (profile: CallProfile): number =>
  profile.explained.reduce((sum, x) => sum + x.count * ((x.executionMs ?? 0) + (x.planningMs ?? 0)), 0);
const showParams = (params: unknown[]): string => {
  if (params.length === 0) return '';
  const shown = params.slice(0, 6).map((p, i) => {
    const text = JSON.stringify(p) ?? 'null';
    return `$${i + 1} = ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
  });
  if (params.length > 6) shown.push(`… ${params.length - 6} more`);
  return `\n-- ${shown.join(', ')}`;
};

const rows: Array<[string, string]> = [];
const decisionRows: string[] = [];
const profileRows: string[] = [];
let firstRound: Decision | undefined;
let failing: Decision[] = [];
let measured: Decision[] = [];
if (run) {
  const s = run.settings;
  const m = run.model;
  const a = run.phaseA;
  const l = a.load;
  const e = run.setup.entering;
  rows.push([
    'APIs (one registration, one evaluation process)',
    `ready in ${fmt(run.timingsS.startApis)} s; pool ${s.databasePoolSize} connections each; private nats-server and Temporal dev ` +
      `server (${run.processes.temporal}), no workers; exit codes at the end ${Object.entries(run.processes.exitCodes)
        .map(([name, code]) => `${name} ${code}`)
        .join(', ')}; lines logged at LOG_LEVEL=warn: ${Object.entries(run.processes.apiLogLines)
        .map(([name, n]) => `${name} ${n ?? '?'}`)
        .join(', ')}`,
  ]);
  rows.push([
    'Set-up',
    `${s.councils} councils + rounds (opened) in ${fmt(run.timingsS.councilsAndRounds)} s; ${fmt(m.products, 0)} products into ` +
      `evaluation.product_intake (one INSERT … SELECT FROM unnest) in ${fmt(run.timingsS.intakeInsert)} s; entered through ` +
      `POST /rounds/:id/products at ${e.connections} connections: ${fmt(e.requestsPerSecond)} req/s, p50 / p99 ${fmt(e.latencyMs.p50, 0)} / ` +
      `${fmt(e.latencyMs.p99, 0)} ms, non-2xx ${e.non2xx}, errors ${e.errors}; scoring phase + attendance ${fmt(run.timingsS.scoringPhase)} s`,
  ]);
  rows.push([
    'Criteria set scored',
    `${m.criteriaSet.versionCode} ${m.criteriaSet.group}: **${m.criteriaSet.criteria} criteria** in ${m.criteriaSet.parts} parts; ` +
      `request bodies ~${m.bodyBytes} B (choicesForTarget)`,
  ]);
  rows.push([
    `Phase A: POST …/scorecard/submit × ${fmt(m.submissions, 0)}, ${l.connections} connections`,
    `**${fmt(l.requestsPerSecond)} submissions/s** over ${fmt(l.durationS, 0)} s; latency p50 / p90 / p95 / p99 **${lat(l.latencyMs)} ms** ` +
      `(avg ${fmt(l.latencyMs.average)}, max ${fmt(l.latencyMs.max, 0)}); **non-2xx ${l.non2xx}, errors ${l.errors}** (timeouts ${l.timeouts})` +
      (a.topUp > 0 ? `; ${a.topUp} that failed under load submitted again afterwards` : '') +
      (l.non2xxSamples.length > 0
        ? `; e.g. ${l.non2xxSamples[0]!.status} ${l.non2xxSamples[0]!.body.slice(0, 140)}`
        : '') +
      (l.errorSamples.length > 0 ? `; e.g. ${l.errorSamples[0]!.slice(0, 140)}` : ''),
  ]);
  rows.push([
    '  every product scored',
    a.allScoredAfterS !== null
      ? `**${fmt(a.allScoredAfterS)} s** after the first submission`
      : `**not reached**: at the end of phase A ${fmt(a.after.scored, 0)} of ${fmt(m.products, 0)} products had a score; ` +
        `**${fmt(a.after.completeButUnscored, 0)} had all ${s.scoringMembers} scorecards but no score** (see the note below); ` +
        `the move to deliberation scores them`,
  ]);
  rows.push([
    '  spreads',
    `${fmt(m.productKinds.diverging, 0)} products with a diverging member, ${fmt(m.productKinds.missed, 0)} with a mandatory ` +
      `criterion most members found missed; ${fmt(a.after.spreadOverThreshold, 0)} with a spread over ${s.spreadThreshold} points ` +
      `(expected ${m.expectedFlagged}), **${fmt(a.after.flagged, 0)} flagged**; outbox max ${fmt(a.maxUnpublishedDuringLoad, 0)} unpublished rows during the load`,
  ]);
  const a2 = run.phaseA2;
  rows.push([
    'Phase A2: flagged products re-scored',
    `${a2.rescoreRequests} POST …/rescore by the chairs (avg ${fmt(a2.rescoreLatencyMs?.average ?? null, 0)} ms), ` +
      `${a2.resubmitted}/${a2.resubmissions} scorecards submitted again` +
      (a2.load ? ` (${fmt(a2.load.requestsPerSecond)}/s, p99 ${fmt(a2.load.latencyMs.p99, 0)} ms)` : '') +
      `; then ${fmt(a2.after.scored, 0)} scored, ${a2.after.flagged} flagged, ${a2.after.completeButUnscored} complete but unscored`,
  ]);
  rows.push([
    'After the submissions',
    `outboxes published and every JetStream consumer caught up ${fmt(run.timingsS.quiet)} s after phase A2 ` +
      "(the evaluation API signals the round's Temporal workflow once per scored product, in order per round)",
  ]);
  const st = run.stored;
  rows.push([
    'Stored at the end',
    `${fmt(st.scorecards, 0)} scorecards, ${fmt(st.changeRecords, 0)} change records, ${fmt(st.outboxEvents, 0)} outbox events, ` +
      `${fmt(st.certificates, 0)} certificates; outcomes ${Object.entries(st.outcomes)
        .map(([k, n]) => `${k} ${fmt(n, 0)}`)
        .join(
          ', ',
        )}; sizes (with indexes) scorecard ${mib(st.tableBytes.scorecard)}, change_record ${mib(st.tableBytes.change_record)}, ` +
      `outbox_event ${mib(st.tableBytes.outbox_event)}, round_entry ${mib(st.tableBytes.round_entry)}`,
  ]);

  const b = run.phaseB;
  firstRound = b.decisions[0];
  // The round measured right after the profile (rolled-back runs of the same calls just before) is shown, not counted.
  measured = b.decisions.filter((d) => !d.afterProfile);
  failing = measured.filter((d) => !d.pass);
  for (const d of b.decisions) {
    decisionRows.push(
      `| ${d.provinceCode} ${d.provinceName}${d.afterProfile ? ' (after the profile)' : ''} | ${fmt(d.deliberationMs, 0)} | ` +
        `${fmt(d.decisionMs, 0)} | **${fmt(d.totalMs, 0)}** | ${d.pass ? 'pass' : `**FAIL**${d.error ? ` (${d.error.slice(0, 120)})` : ''}`} | ` +
        `${d.certificates} | ${d.forwarded} | ${d.notPassed} | ${fmt(d.responseBytes / 1024, 0)} KiB |`,
    );
  }
  for (const profile of b.profiles) {
    profileRows.push(
      `| ${profile.call} | ${fmt(profile.wallMs, 0)} | ${profile.statements} | ${fmt(sqlMsOf(profile), 0)} | ` +
        profile.groups
          .slice(0, 5)
          .map((g) => `${g.count} × \`${short(g.statement, 90)}\` ${fmt(g.ms, 0)} ms`)
          .join('<br>') +
        ' |',
    );
  }
}

// ------------------------------------------------------------------ stdout
const plain = (text: string): string => text.replace(/\*\*/g, '').replace(/`/g, '').replace(/<br>/g, '; ');
console.log(
  `\nOCOP evaluation scoring (a national round day), run ${facts.run_id} (commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ', with uncommitted changes' : ''}), ${minutes(factNum('total_s'))}`,
);
console.log(
  `machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
    `PostgreSQL ${machine.postgres ?? '?'}, load average at start ${machine.loadAverage.start}`,
);
const width = rows.length > 0 ? Math.max(...rows.map(([name]) => plain(name).length)) : 10;
console.log('-'.repeat(width + 60));
for (const [name, value] of rows) console.log(`${plain(name).padEnd(width)}  ${plain(value)}`);
console.log('-'.repeat(width + 60));
if (run) {
  console.log(
    `deliberation (ranking) + decision per round of ${run.settings.roundProducts} products, target < ${run.settings.targetMs} ms:`,
  );
  for (const d of run.phaseB.decisions) {
    console.log(
      `  ${d.pass ? 'pass' : 'FAIL'}  ${String(d.deliberationMs).padStart(7)} + ${String(d.decisionMs).padStart(7)} = ${String(d.totalMs).padStart(7)} ms  ` +
        `${d.provinceCode} ${d.provinceName}: ${d.certificates} certificates, ${d.forwarded} forwarded, ${d.notPassed} not passed`,
    );
  }
  for (const profile of run.phaseB.profiles) {
    console.log(
      `  ${profile.call}: ${profile.statements} statements, ${profile.wallMs} ms in the driver, ` +
        `${fmt(sqlMsOf(profile), 0)} ms of it SQL (EXPLAIN × count)`,
    );
  }
}
console.log(`raw results: ${resultPath}`);

// ------------------------------------------------------------------ markdown
if (markdownPath && run) {
  let doc = readFileSync(markdownPath, 'utf8');
  const date = (facts.started_at ?? '').replace('T', ' ').replace(/:\d\dZ$/, '');
  const commit = `${facts.git_commit}${Number(facts.git_dirty) > 0 ? '+' : ''}`;
  const s = run.settings;
  const l = run.phaseA.load;
  const totals = measured.map((d) => d.totalMs);
  const worst = Math.max(...totals);
  const logRow =
    `| ${date} | ${commit} | ${s.councils} × ${s.roundProducts} × ${s.scoringMembers} | ${run.model.criteriaSet.criteria} | ` +
    `${fmt(l.requestsPerSecond)} | ${lat(l.latencyMs)} | ${l.non2xx + l.errors} | ` +
    `${run.phaseA.allScoredAfterS === null ? `not reached (${fmt(run.phaseA.after.completeButUnscored, 0)} left)` : fmt(run.phaseA.allScoredAfterS)} | ` +
    `${firstRound ? `${fmt(firstRound.deliberationMs, 0)} + ${fmt(firstRound.decisionMs, 0)} = ${fmt(firstRound.totalMs, 0)}` : 'n/a'} | ` +
    `${fmt(median(totals), 0)} / ${fmt(worst, 0)} | ${measured.length - failing.length} of ${measured.length} | ${minutes(factNum('total_s'))} |`;
  if (doc.includes(EVALUATION_LOG_END)) doc = doc.replace(EVALUATION_LOG_END, `${logRow}\n${EVALUATION_LOG_END}`);
  const la = machine.loadAverage;
  const example = run.phaseA.unscoredExample;
  const profiles = run.phaseB.profiles;
  // The statements that take the time: plans of the five costliest of each call when a round missed the target.
  const plans =
    failing.length === 0
      ? []
      : profiles.flatMap((profile) => {
          const costly = profile.groups.slice(0, 5).map((g) => g.statement);
          return [
            `#### ${profile.call}: the five costliest statements`,
            '',
            ...profile.explained
              .filter((x) => costly.includes(x.statement))
              .sort((x, y) => costly.indexOf(x.statement) - costly.indexOf(y.statement))
              .flatMap((x) => [
                `${x.count} × per call; one of them, EXPLAIN (ANALYZE, BUFFERS): execution ${fmt(x.executionMs, 2)} ms, planning ${fmt(x.planningMs, 2)} ms`,
                '',
                '```sql',
                `${x.statement}${showParams(x.parameters)}`,
                '```',
                '',
                '```text',
                shortPlan(x.plan),
                '```',
                '',
              ]),
          ];
        });
  const section = [
    `### ${date} UTC, evaluation-scoring, commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ' (with uncommitted changes)' : ''}`,
    '',
    `\`npm run bench -- evaluation-scoring\` (${facts.settings}). A national round day: ${s.councils} province councils ` +
      `(${run.model.provinces.map((p) => `${p.code} ${p.name}`).join(', ')}) of ${s.scoringMembers} scoring members and a secretary ` +
      `meet on ${run.model.meetingDate}, each with a round of ${s.roundProducts} food products: ${fmt(run.model.products, 0)} products, ` +
      `${fmt(run.model.submissions, 0)} scorecards. One registration and one evaluation API process, private NATS and Temporal, no ` +
      `workers, a fresh database. The whole run took ${minutes(factNum('total_s'))}. Machine: ${machine.nproc} CPUs ` +
      `(${machine.cpuModel}), ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}, PostgreSQL ` +
      `${machine.postgres ?? '?'} at ${facts.database}. Load average (1/5/15 min) at start ${la.start}, before the set-up ` +
      `${la.beforeSetup ?? '?'}, before the submissions ${la.beforeSubmissions ?? '?'}, before the decisions ${la.beforeDecisions ?? '?'}. ` +
      `Raw results: \`bench/results/${facts.run_id}-evaluation-scoring.json\` (not committed).`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name.startsWith('  ') ? `↳ ${name.trim()}` : name} | ${value} |`),
    '',
    `Phase B, one round after the other on a quiet system (outboxes published, consumers caught up): \`POST /rounds/:id/phase\` ` +
      `\`{to: deliberation}\` (quorum, then every product ranked), then \`POST /rounds/:id/decision\`, each timed by the client ` +
      `(HTTP included), against **< ${s.targetMs} ms for the two**. Before the last round's calls, the bench ran the same service ` +
      `code in its own process inside rolled-back transactions to record the statements; that round is shown but not ` +
      'counted in the median, the worst and the log row.',
    '',
    `| round of ${s.roundProducts} | deliberation (ms) | decision (ms) | total (ms) | < ${s.targetMs} ms | certificates | forwarded | not passed | response |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...decisionRows,
    '',
    ...(profileRows.length > 0
      ? [
          'Statements (round trips) of each call, recorded by running the service code in the driver (a logging DataSource, ' +
            'transactions rolled back); time = from a statement being sent to the next one, summed per statement shape:',
          '',
          '| call | ms (driver) | statements | SQL ms (EXPLAIN × count) | where the time goes |',
          '| --- | --- | --- | --- | --- |',
          ...profileRows,
          '',
        ]
      : run.phaseB.profileError
        ? [`The statement profile was skipped: ${run.phaseB.profileError}`, '']
        : []),
    failing.length === 0
      ? `Every round measured was ranked and decided within ${s.targetMs} ms (median ${fmt(median(measured.map((d) => d.totalMs)), 0)} ms).`
      : `**${failing.length} of ${measured.length} rounds measured miss ${s.targetMs} ms** (median ` +
        `${fmt(median(measured.map((d) => d.totalMs)), 0)} ms). EXPLAIN (ANALYZE, BUFFERS) of the ` +
        `statements that take the time, on the idle database after the load:`,
    '',
    ...plans,
    ...(example
      ? [
          `#### Products with all ${s.scoringMembers} scorecards and no score`,
          '',
          `${fmt(run.phaseA.after.completeButUnscored, 0)} of ${fmt(run.model.products, 0)} products ended phase A so. Example: product ` +
            `\`${example.productId}\` of round \`${example.roundId}\`, its scorecards submitted at ${example.submittedAt.join(', ')} (UTC). ` +
            'The last two submissions:',
          '',
          ...example.lastTwoSubmissions.flatMap((x) => [
            `- \`${x.request}\` → ${x.status} at ${fmt(x.atMs / 1000, 3)} s: \`${x.response.slice(0, 200)}…\``,
          ]),
          '',
          `\`${example.progressRequest}\` → ${example.progressStatus}, the product: \`${JSON.stringify(example.progressEntry)}\``,
          '',
        ]
      : []),
    'Notes (written by the bench):',
    '',
    `- Products are inserted into \`evaluation.product_intake\` directly (stage \`pre_assessed\`), as registration's events would ` +
      "have left them; registration holds no such products, so its consumer of evaluation's outcomes finds nothing to move.",
    `- Before phase B the bench ran VACUUM (ANALYZE) on the evaluation tables (${fmt(run.statistics.vacuumAnalyzeS)} s); autovacuum ` +
      `had analysed ${
        run.statistics.autovacuumBeforePhaseB
          .filter((t) => t.autoanalyzed)
          .map((t) => t.table)
          .join(', ') || 'none of them'
      } by then.`,
    s.warmCache
      ? '- Before phase A each chair saved a draft of the first product (`PUT …/scorecard`), which also loads the criteria set ' +
        "into the evaluation API's cache. Cold, `ScorecardService.memberContext` reads it through the DataSource (a second pool " +
        "connection) inside the submission's transaction: ten first submissions at once hold the whole pool and wait for a " +
        'connection until pg-pool gives up after 5 s (503 `DEPENDENCY_UNAVAILABLE`). `BENCH_WARM_CACHE=0` shows it.'
      : '- `BENCH_WARM_CACHE=0`: phase A started with the criteria set cache of the evaluation API cold.',
    `- The load generator runs in the driver process on the same ${machine.nproc} CPUs as both APIs, PostgreSQL, NATS and Temporal.`,
    '',
  ].join('\n');
  doc = `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(markdownPath, doc);
  console.log(`appended to ${markdownPath}`);
}

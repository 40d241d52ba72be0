/**
 * Turns the raw files of one `npm run bench -- workflows` run into the results JSON, a summary on stdout and
 * (when a markdown path is given) a row of the workflows results log plus a dated section at the end of
 * docs/benchmarks.md, with a verdict on the bottleneck (the Temporal dev server or the worker) from the CPU
 * each process used.
 *
 *   node bench/dist/workflow-report.js WORK_DIR RESULT.json [docs/benchmarks.md]
 *
 * WORK_DIR is what scripts/bench.sh wrote: facts.txt (key=value) and workflows.json (the output of
 * bench/dist/workflow-bench.js).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Usage } from './proc-stats';
import { machineFacts, readRunFacts } from './run-facts';
import type { Latency, PoolResult, WorkflowBenchResult } from './workflow-result';

const [workDir, resultPath, markdownPath] = process.argv.slice(2);
if (!workDir || !resultPath) {
  console.error('usage: workflow-report.js WORK_DIR RESULT.json [benchmarks.md]');
  process.exit(2);
}

export const WORKFLOWS_LOG_END =
  '<!-- bench:workflows-log-end (npm run bench -- workflows adds a row above this line) -->';

const facts = readRunFacts(workDir);
const factNum = (key: string): number | null =>
  facts[key] !== undefined && facts[key] !== '' ? Number(facts[key]) : null;
const benchPath = join(workDir, 'workflows.json');
const bench = existsSync(benchPath) ? (JSON.parse(readFileSync(benchPath, 'utf8')) as WorkflowBenchResult) : null;
const machine = machineFacts(facts, { start: facts.loadavg_start ?? null, ...(bench?.loadAverage ?? {}) });

// ------------------------------------------------------------------ results JSON
const result = {
  runId: facts.run_id,
  scenario: 'workflows',
  startedAt: facts.started_at,
  finishedAt: facts.finished_at,
  totalS: factNum('total_s'),
  command: 'npm run bench -- workflows',
  settings: facts.settings,
  git: { commit: facts.git_commit, uncommittedChanges: Number(facts.git_dirty ?? 0) },
  temporalStartedByBench: facts.temporal_started === '1',
  machine,
  workflows: bench,
  driverExitCode: factNum('workflows_rc'),
};
mkdirSync(dirname(resultPath), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);

// ------------------------------------------------------------------ formatting
const fmt = (value: number | null | undefined, digits = 1): string =>
  value == null || Number.isNaN(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const mib = (bytes: number | null | undefined): string => (bytes == null ? 'n/a' : `${fmt(bytes / 1024 ** 2, 0)} MiB`);
const minutes = (s: number | null | undefined): string => (s == null ? 'n/a' : `${fmt(s / 60, 1)} min`);
const lat = (l: Latency, unit = 'ms'): string =>
  `${fmt(l.p50, 0)} / ${fmt(l.p90, 0)} / ${fmt(l.p99, 0)} ${unit} (max ${fmt(l.max, 0)})`;
const pct = (v: number | null | undefined): string => (v == null ? 'n/a' : `${fmt(v, 0)} %`);
const pool = (p: PoolResult): string =>
  `**${fmt(p.ratePerS)}/s** (${fmt(p.succeeded, 0)} in ${fmt(p.durationS)} s, ${p.concurrency} in flight); latency p50 / p90 / p99 ` +
  `${lat(p.latencyMs)}; ${p.failed} failed, ${p.retries} retried` +
  (p.errorSamples.length > 0 ? `; e.g. ${p.errorSamples[0]!.slice(0, 120)}` : '');

// ------------------------------------------------------------------ the bottleneck
/**
 * Which process limited a phase, from the CPU each used (% of one core): the server when the worker used much
 * less than it (the worker then waits for tasks), the worker when it used as much or more. A server near one core
 * runs its single SQLite writer flat out; one well below a core waits on its commits (journal writes and fsync)
 * or on the CPUs other processes hold, which the share of those processes tells.
 */
function verdict(label: string, u: Usage, nproc: number, ops: number | null): string {
  const t = u.cpuPct.temporal ?? null;
  const w = u.cpuPct.worker ?? 0;
  const d = u.cpuPct.driver ?? 0;
  const machineCores = (u.machineBusyPct / 100) * nproc * 100; // % of one core, all processes
  const others = t === null ? null : Math.max(0, machineCores - t - w - d);
  const written = u.writeMiBps.temporal;
  const parts =
    `${label}: Temporal ${pct(t)}, worker ${pct(w)}, driver ${pct(d)} of one core` +
    (others === null ? '' : `, other processes ${pct(others)}`) +
    `; machine ${pct(u.machineBusyPct)} busy of ${nproc} cores, iowait ${pct(u.machineIowaitPct)}` +
    (written == null
      ? ''
      : `; Temporal wrote ${fmt(written, 1)} MiB/s` +
        (ops ? ` (${fmt((written * 1024) / ops, 0)} KiB per operation)` : ''));
  if (t === null) return `${parts}. The server's process is not visible from here, so no verdict.`;
  const crowded =
    others !== null && u.machineBusyPct >= 85 && others >= 50
      ? ` The CPUs were also busy with other processes (${pct(others)} of a core), so the rates are lower than on a quiet machine.`
      : '';
  if (w >= t * 0.75)
    return `${parts}. **The worker** is the limit: it used as much CPU as the server (or more).${crowded}`;
  const how =
    t >= 75
      ? 'close to a full core: its single SQLite writer works flat out'
      : `below a core: it waits on its SQLite commits (iowait ${pct(u.machineIowaitPct)})` +
        (crowded ? ' and for CPU' : '');
  return `${parts}. **The Temporal server** is the limit, ${how}; the worker waits for tasks.${crowded}`;
}

// ------------------------------------------------------------------ rows
const rows: Array<[string, string]> = [];
const phaseRows: string[] = [];
const verdicts: string[] = [];
if (bench) {
  const b = bench;
  const w = b.wave;
  const m = b.memory;
  rows.push([
    'Temporal server',
    `${b.settings.temporalMode === 'private' ? "a dev server of the run's own (BENCH_TEMPORAL=private), " : 'the shared dev server, '}` +
      `${b.server.version} at ${b.settings.address} (pid ${b.server.pid ?? '?'}), ${b.server.storage}; 4 KiB write + fdatasync ` +
      `median ${fmt(b.server.fsyncMedianMs, 2)} ms next to it; database ${mib(b.server.dbBytesBefore)} before, ` +
      `${mib(b.server.dbBytesAfter)} after the run` +
      (facts.temporal_started === '1' ? ' (started by the bench)' : ''),
  ]);
  rows.push([
    'Worker (one process)',
    `ServiceWorker on \`evaluation\` hosting libs/workflows + a bench worker for \`emptyWorkflow\`; ready in ` +
      `${fmt(b.worker.readyS)} s (bundling ${fmt(b.worker.createMs.platform / 1000)} s + ${fmt(b.worker.createMs.empty / 1000)} s); ` +
      `SDK defaults: sticky cache ${fmt(b.worker.maxCachedWorkflows, 0)} workflows, ${b.worker.maxConcurrentWorkflowTaskExecutions || 'default'} ` +
      `workflow tasks and ${b.worker.maxConcurrentActivityTaskExecutions || 'default'} activities at a time`,
  ]);
  rows.push([`Raw: ${fmt(b.raw.count, 0)} × \`emptyWorkflow\` started`, pool(b.raw)]);
  rows.push([
    '↳ completed',
    b.raw.completedAfterS === null
      ? '**not all** completed within 300 s'
      : `all ${fmt(b.raw.count, 0)} completed ${fmt(b.raw.completedAfterS)} s after the first start`,
  ]);
  if (b.raw.serial) rows.push([`↳ ${fmt(b.raw.serial.count, 0)} more, 1 in flight`, pool(b.raw.serial)]);
  rows.push([`Platform: ${fmt(b.start.count, 0)} × \`productLifecycle\` started`, pool(b.start)]);
  rows.push([
    '↳ against raw',
    `${fmt((b.start.ratePerS / Math.max(b.raw.ratePerS, 1e-9)) * 100, 0)} % of the empty workflow's start rate at the ` +
      `same concurrency`,
  ]);
  rows.push([
    `\`certificateIssued\` signals (${fmt(b.signal.ordinary.count, 0)} + ${fmt(b.signal.wave.count, 0)})`,
    `**${fmt(b.signal.ratePerS)}/s** over ${fmt(b.signal.durationS)} s; latency p50 / p90 / p99 ${lat(b.signal.ordinary.latencyMs)}; ` +
      `${b.signal.ordinary.failed + b.signal.wave.failed} failed`,
  ]);
  rows.push([
    `All ${fmt(b.settings.workflows, 0)} parked`,
    `the ${fmt(b.signal.ordinary.count, 0)} ordinary ones **${fmt(b.signal.ordinaryParkedAfterS)} s** after the first signal ` +
      `(${fmt(b.signal.ordinaryParkedAfterLastSignalS)} s after their last signal), i.e. ` +
      `**${fmt(b.signal.ordinary.count / Math.max(b.signal.ordinaryParkedAfterS, 1e-9))} workflows/s** through the workflow task ` +
      `of their signal; ` +
      (b.signal.parkedAfterS === null
        ? `**NOT** all ${fmt(b.settings.workflows, 0)} within ${fmt(b.settings.parkTimeoutS, 0)} s`
        : `all ${fmt(b.settings.workflows, 0)} after ${fmt(b.signal.parkedAfterS)} s (the wave is signalled once the others ` +
          `have parked; its own parked ${fmt(b.signal.waveParkedAfterLastSignalS)} s after its last signal)`),
  ]);
  rows.push([
    `Timer wave: ${fmt(w.size, 0)} notices due at one instant`,
    `${w.complete ? 'all' : `**only ${fmt(w.received, 0)}**`} received; **last ${fmt(w.totalS, 2)} s after the instant**; ` +
      `lag p50 / p90 / p99 **${lat(w.lagMs)}**; the instant was ${fmt(w.parkedBeforeDueS)} s after the last workflow parked`,
  ]);
  rows.push([
    '↳ where the lag goes',
    `activity scheduled (workflow task done) p50 / p99 ${fmt(w.scheduledLagMs.p50, 0)} / ${fmt(w.scheduledLagMs.p99, 0)} ms ` +
      `after the instant, then to the worker ${fmt(w.dispatchMs.p50, 0)} / ${fmt(w.dispatchMs.p99, 0)} ms; from ` +
      `${w.historySample.workflows} histories: timer fired ${fmt(w.historySample.timerFiredAfterDueMs.p50, 0)} / ` +
      `${fmt(w.historySample.timerFiredAfterDueMs.p99, 0)} ms after the instant, workflow task queued ` +
      `${fmt(w.historySample.workflowTaskQueuedMs.p50, 0)} / ${fmt(w.historySample.workflowTaskQueuedMs.p99, 0)} ms, run ` +
      `${fmt(w.historySample.workflowTaskRunMs.p50, 0)} / ${fmt(w.historySample.workflowTaskRunMs.p99, 0)} ms (p50 / p99)`,
  ]);
  rows.push([
    'Worker memory',
    `peak RSS **${mib(m.rssPeakKernel ?? m.peakRss?.rss)}** (kernel VmHWM; sampled peak ${mib(m.peakRss?.rss)} during ` +
      `"${m.peakRss?.phase ?? '?'}"), peak main-thread heap ${mib(m.peakHeapUsed?.heapUsed)}; **settled** (${fmt(b.settings.settleS, 0)} s ` +
      `idle after the wave) RSS **${mib(m.settled?.rss)}**, heap ${mib(m.settled?.heapUsed)}; after a forced GC RSS ` +
      `${mib(m.afterGc.rss)}, heap ${mib(m.afterGc.heapUsed)}; ${fmt(m.afterGc.cachedWorkflows, 0)} workflows in the sticky cache ` +
      `(of ${fmt(b.worker.maxCachedWorkflows, 0)})`,
  ]);
  const unexpected = Object.entries(w.unexpectedCalls);
  rows.push([
    'Checks',
    `${fmt(b.checks.productWorkflowsRunning, 0)} product workflows running, ${fmt(b.checks.withStars, 0)} with OcopStars, ` +
      `${fmt(b.checks.notRunning, 0)} closed; activity calls before the instant ${w.callsBeforeWave}; ` +
      (unexpected.length === 0
        ? 'no activity call other than the wave’s notices'
        : `**unexpected calls**: ${unexpected.map(([k, n]) => `${k} × ${n}`).join(', ')}`) +
      (b.workerFailure ? `; **worker failure**: ${b.workerFailure}` : ''),
  ]);
  const t = b.cleanup.terminate;
  rows.push([
    'Cleanup',
    b.cleanup.mode === 'server removed'
      ? "the run's own dev server stopped and its database file removed"
      : b.cleanup.mode === 'kept'
        ? `namespace \`${b.settings.namespace}\` kept with its workflows (BENCH_KEEP=1)`
        : t
          ? `${fmt(t.succeeded, 0)} product workflows terminated at **${fmt(t.ratePerS)}/s** (${fmt(t.durationS)} s; ` +
            `${t.failed} failed); the namespace stays, and the server removes the closed executions after its retention ` +
            `(${b.cleanup.retentionDays} day${b.cleanup.retentionDays === 1 ? '' : 's'})`
          : 'n/a',
  ]);

  const usageRow = (label: string, u: Usage | null): void => {
    if (!u) return;
    phaseRows.push(
      `| ${label} | ${fmt(u.seconds, 0)} | ${pct(u.cpuPct.temporal)} | ${pct(u.cpuPct.worker)} | ${pct(u.cpuPct.driver)} | ` +
        `${pct(u.machineBusyPct)} | ${pct(u.machineIowaitPct)} | ${fmt(u.writeMiBps.temporal, 2)} |`,
    );
  };
  usageRow('raw starts', b.raw.usage);
  usageRow('product starts', b.start.usage);
  usageRow('signals', b.signal.ordinary.usage);
  usageRow('signals → parked', b.signal.parkUsage);
  usageRow('the wave', w.usage);
  usageRow('terminations', b.cleanup.terminate?.usage ?? null);
  verdicts.push(verdict('Product starts', b.start.usage, machine.nproc, b.start.ratePerS));
  verdicts.push(verdict('Raw starts', b.raw.usage, machine.nproc, b.raw.ratePerS));
  verdicts.push(
    verdict(
      'Signals until parked',
      b.signal.parkUsage,
      machine.nproc,
      b.signal.ordinary.count / Math.max(b.signal.ordinaryParkedAfterS, 1e-9),
    ),
  );
  verdicts.push(verdict('The wave', w.usage, machine.nproc, w.totalS ? w.received / w.totalS : null));
  if (b.raw.serial) {
    const gain = b.raw.ratePerS / Math.max(b.raw.serial.ratePerS, 1e-9);
    verdicts.push(
      `Concurrency: ${b.raw.concurrency} starts in flight give ${fmt(gain)}× the rate of one at a time ` +
        `(${fmt(b.raw.ratePerS)} against ${fmt(b.raw.serial.ratePerS)}/s; one start alone takes ${fmt(b.raw.serial.latencyMs.p50, 0)} ms ` +
        `at p50), ${gain < 4 ? 'so the server serialises most of the work' : 'so the server works on many at once'}.`,
    );
  }
}

// ------------------------------------------------------------------ stdout
const plain = (text: string): string => text.replace(/\*\*/g, '').replace(/`/g, '');
console.log(
  `\nOCOP workflows on the dev server, run ${facts.run_id} (commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ', with uncommitted changes' : ''}), ${minutes(factNum('total_s'))}`,
);
console.log(
  `machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, load average at start ${machine.loadAverage.start}`,
);
const width = rows.length > 0 ? Math.max(...rows.map(([name]) => plain(name).length)) : 10;
console.log('-'.repeat(width + 60));
for (const [name, value] of rows) console.log(`${plain(name).padEnd(width)}  ${plain(value)}`);
console.log('-'.repeat(width + 60));
for (const line of verdicts) console.log(plain(line));
console.log(`raw results: ${resultPath}`);

// ------------------------------------------------------------------ markdown
if (markdownPath && bench) {
  const b = bench;
  let doc = readFileSync(markdownPath, 'utf8');
  const date = (facts.started_at ?? '').replace('T', ' ').replace(/:\d\dZ$/, '');
  const commit = `${facts.git_commit}${Number(facts.git_dirty) > 0 ? '+' : ''}`;
  const logRow =
    `| ${date} | ${commit} | ${fmt(b.settings.workflows, 0)} | ${fmt(b.raw.ratePerS)} | ${fmt(b.start.ratePerS)} | ` +
    `${fmt(b.start.latencyMs.p50, 0)} / ${fmt(b.start.latencyMs.p99, 0)} | ${fmt(b.signal.ratePerS)} | ${fmt(b.signal.ordinaryParkedAfterS, 0)} / ${fmt(b.signal.parkedAfterS, 0)} | ` +
    `${mib(b.memory.rssPeakKernel ?? b.memory.peakRss?.rss)} / ${mib(b.memory.settled?.rss)} | ` +
    `${fmt(b.wave.lagMs.p50 / 1000, 2)} / ${fmt(b.wave.lagMs.p99 / 1000, 2)} / ${fmt(b.wave.totalS, 2)} | ` +
    `${pct(b.start.usage.cpuPct.temporal)} / ${pct(b.start.usage.cpuPct.worker)} | ${minutes(factNum('total_s'))} |`;
  if (doc.includes(WORKFLOWS_LOG_END)) doc = doc.replace(WORKFLOWS_LOG_END, `${logRow}\n${WORKFLOWS_LOG_END}`);
  const la = machine.loadAverage;
  const section = [
    `### ${date} UTC, workflows, commit ${facts.git_commit}${Number(facts.git_dirty) > 0 ? ' (with uncommitted changes)' : ''}`,
    '',
    `\`npm run bench -- workflows\` (${facts.settings}). ${fmt(b.settings.workflows, 0)} product workflows started, signalled ` +
      `and parked on their timers in namespace \`${b.settings.namespace}\` of ${b.settings.temporalMode === 'private' ? "the run's own dev server" : `the dev server at ${b.settings.address}`}, beside ${fmt(b.settings.rawWorkflows, 0)} ` +
      `empty workflows; ${fmt(b.wave.size, 0)} of them with a notice due at ${b.wave.dueAt} (certificates valid until ` +
      `${b.wave.validUntil}, noticeDays ${b.wave.noticeDays.toFixed(4)}). The whole run took ${minutes(factNum('total_s'))}. Machine: ` +
      `${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}. Load ` +
      `average (1/5/15 min) at start ${la.start ?? '?'}, before the raw starts ${la.raw ?? '?'}, before the product starts ` +
      `${la.start_products ?? '?'}, before the signals ${la.signal ?? '?'}, at the wave ${la.wave ?? '?'}. Raw results: ` +
      `\`bench/results/${facts.run_id}-workflows.json\` (not committed).`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    'CPU by phase (% of one core; the machine in % of all its cores), from /proc:',
    '',
    '| phase | s | Temporal | worker | driver | machine busy | iowait | Temporal writes (MiB/s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...phaseRows,
    '',
    'Bottleneck (written by the bench from the figures above):',
    '',
    ...verdicts.map((line) => `- ${line}`),
    '',
  ].join('\n');
  doc = `${doc.trimEnd()}\n\n${section}`;
  writeFileSync(markdownPath, doc);
  console.log(`appended to ${markdownPath}`);
}

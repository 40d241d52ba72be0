/**
 * Registration API load: POST /api/v1/products at a fixed concurrency for a fixed time, then how long the
 * transactional outbox takes to drain and how long until every product has its Temporal workflow.
 *
 *   node bench/dist/api-bench.js OUT.json            the load, results to OUT.json
 *   node bench/dist/api-bench.js --settle OUT.json   wait until the platform has finished earlier work
 *
 * Environment: BENCH_TOKEN (a province_officer token for unit 24, required for the load), DATABASE_URL,
 * BENCH_API_URL (default http://127.0.0.1:3001), BENCH_CONNECTIONS (64), BENCH_DURATION (20 s),
 * BENCH_WARMUP (10 s), BENCH_DRAIN_TIMEOUT (120 s), BENCH_PIPELINE_TIMEOUT (900 s), BENCH_RUN_ID,
 * BENCH_COMMUNE (07381). Started by scripts/bench.sh, which brings the platform up first.
 */
import { writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import { round, summarizeLoad } from './load-summary';
import { Client } from 'pg';
import { env, num } from './bench-env';

let out = process.argv[2];
const token = process.env.BENCH_TOKEN;
const apiUrl = env('BENCH_API_URL', 'http://127.0.0.1:3001').replace(/\/$/, '');
const databaseUrl = env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/ocop');
const connections = num('BENCH_CONNECTIONS', 64);
const duration = num('BENCH_DURATION', 20);
const warmup = Number(env('BENCH_WARMUP', '10'));
const drainTimeoutS = num('BENCH_DRAIN_TIMEOUT', 120);
const pipelineTimeoutS = num('BENCH_PIPELINE_TIMEOUT', 900);
const runId = env('BENCH_RUN_ID', new Date().toISOString());
const communeCode = env('BENCH_COMMUNE', '07381');

const log = (message: string): void => console.log(`[bench] ${message}`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  t: number;
  unpublished: number;
}

interface LoadSummary {
  connections: number;
  durationS: number;
  requests: number;
  requests2xx: number;
  requestsPerSecond: number;
  requestsPerSecondAutocannon: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  non2xxSamples: Array<{ status: number; body: string }>;
  /** Responses completed in each second of the run. */
  perSecond: number[];
}

async function createProducer(): Promise<{ id: string; taxCode: string }> {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const taxCode = String(randomInt(1_000_000_000, 9_999_999_999));
    const response = await fetch(`${apiUrl}/api/v1/producers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ taxCode, name: `HTX bench ${runId}`, legalForm: 'cooperative', communeCode }),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    if (response.status === 201 && body.id) return { id: body.id, taxCode };
    if (response.status !== 409) {
      throw new Error(`POST /producers answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    }
  }
  throw new Error('POST /producers: five tax codes in a row were taken');
}

/** One autocannon run POSTing products named `<prefix><n>`; prints a line every 5 s. */
function load(producerId: string, seconds: number, prefix: string, label: string): Promise<LoadSummary> {
  let counter = 0;
  const non2xxSamples: Array<{ status: number; body: string }> = [];
  const perSecond: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: apiUrl,
        connections,
        duration: seconds,
        timeout: 30,
        title: label,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/products',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            setupRequest: (request) => {
              counter += 1;
              request.body = JSON.stringify({ producerId, name: `${prefix}${counter}`, group: 'food' });
              return request;
            },
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && non2xxSamples.length < 5) {
                non2xxSamples.push({ status, body: body.slice(0, 300) });
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          connections,
          ...summarizeLoad(result, non2xxSamples),
          requestsPerSecondAutocannon: round(result.requests.average, 1),
          // autocannon may tick once more after the last full second; keep whole seconds only.
          perSecond: perSecond.slice(0, Math.round(seconds)),
        });
      },
    );
    let ticks = 0;
    let lastCount = 0;
    instance.on('tick', (tick: { counter: number }) => {
      ticks += 1;
      lastCount += tick.counter;
      perSecond.push(tick.counter);
      if (ticks % 5 === 0) {
        log(`${label}: ${ticks}/${seconds}s, ${Math.round(lastCount / 5)} req/s over the last 5 s`);
        lastCount = 0;
      }
    });
  });
}

async function unpublished(db: Client): Promise<number> {
  const result = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM registration.outbox_event WHERE published_at IS NULL',
  );
  return Number(result.rows[0]?.n ?? 0);
}

interface WaitResult {
  /** Seconds from `since` until none was left; null when it timed out or stalled. */
  doneAfterS: number | null;
  waitingAtStart: number;
  left: number;
  /** Workflows attached per second while waiting. */
  perSecond: number | null;
  stalled: boolean;
}

/**
 * Waits until no product matched by `where` lacks its workflow (evaluation consumed the event, started the
 * workflow, and the workflow's activity attached itself to the product). Stops at `timeoutS` after `since`,
 * or after `stallS` without progress when given.
 */
async function waitForWorkflows(
  db: Client,
  where: string,
  params: unknown[],
  since: number,
  timeoutS: number,
  stallS?: number,
): Promise<WaitResult> {
  const count = async (): Promise<number> => {
    const result = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM registration.product WHERE workflow_id IS NULL AND ${where}`,
      params,
    );
    return Number(result.rows[0]?.n ?? 0);
  };
  const started = Date.now();
  const waitingAtStart = await count();
  let left = waitingAtStart;
  let lastProgress = { at: Date.now(), left };
  let lastPrint = Date.now();
  let stalled = false;
  while (left > 0) {
    if (Date.now() - since > timeoutS * 1000) break;
    if (stallS && Date.now() - lastProgress.at > stallS * 1000) {
      stalled = true;
      break;
    }
    await sleep(1_000);
    left = await count();
    if (left < lastProgress.left) lastProgress = { at: Date.now(), left };
    if (Date.now() - lastPrint >= 10_000) {
      const elapsed = (Date.now() - started) / 1000;
      const rate = (waitingAtStart - left) / elapsed;
      const eta = rate > 0 ? `, ~${Math.round(left / rate)}s to go` : '';
      log(`  ${left} products still without a workflow (${rate.toFixed(1)} workflows/s${eta})`);
      lastPrint = Date.now();
    }
  }
  const elapsed = (Date.now() - started) / 1000;
  return {
    doneAfterS: left === 0 ? round((Date.now() - since) / 1000) : null,
    waitingAtStart,
    left,
    perSecond: elapsed >= 1 && waitingAtStart > left ? round((waitingAtStart - left) / elapsed, 1) : null,
    stalled,
  };
}

/** Waits for the outbox to be empty; seconds since `since`, or null after `timeoutS`. */
async function waitForOutbox(db: Client, since: number, timeoutS: number): Promise<number | null> {
  for (;;) {
    if ((await unpublished(db)) === 0) return round((Date.now() - since) / 1000);
    if (Date.now() - since > timeoutS * 1000) return null;
    await sleep(250);
  }
}

/**
 * `--settle`: before pgbench, let the platform finish earlier work (a backlog left by an earlier run, the
 * demo seed) so that it does not compete with the measurement.
 */
async function settle(db: Client): Promise<void> {
  const since = Date.now();
  const outboxS = await waitForOutbox(db, since, drainTimeoutS);
  const waiting = await waitForWorkflows(db, 'true', [], since, pipelineTimeoutS, 30);
  if (waiting.waitingAtStart > 0 || outboxS === null || outboxS > 0.5) {
    log(
      `settled in ${round((Date.now() - since) / 1000, 1)}s: ${waiting.waitingAtStart} products were waiting for ` +
        `their workflow, ${waiting.left} still are${waiting.stalled ? ' (no progress for 30 s; left alone)' : ''}`,
    );
  } else {
    log('the platform is idle: no unpublished outbox rows, every product has its workflow');
  }
  writeFileSync(
    out!,
    `${JSON.stringify({ settleS: round((Date.now() - since) / 1000), outboxDrainedS: outboxS, ...waiting }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  const settling = out === '--settle';
  if (settling) out = process.argv[3];
  if (!out) throw new Error('usage: api-bench.js [--settle] OUT.json');
  const db = new Client({ connectionString: databaseUrl, application_name: 'ocop-bench' });
  await db.connect();
  try {
    if (settling) {
      await settle(db);
      return;
    }
    if (!token) throw new Error('BENCH_TOKEN is not set');
    const producer = await createProducer();
    log(`producer ${producer.id} (tax code ${producer.taxCode}) created; products go under it`);
    const backlogBefore = await unpublished(db);
    if (backlogBefore > 0) log(`note: ${backlogBefore} outbox rows were unpublished before the load`);
    const withoutWorkflowBefore = Number(
      (
        await db.query<{ n: string }>(
          'SELECT count(*) AS n FROM registration.product WHERE workflow_id IS NULL AND producer_id <> $1',
          [producer.id],
        )
      ).rows[0]?.n ?? 0,
    );
    if (withoutWorkflowBefore > 0) {
      log(`note: ${withoutWorkflowBefore} earlier products have no workflow yet; evaluation may still be busy`);
    }

    let warmupSummary: LoadSummary | null = null;
    if (warmup > 0) {
      log(`warm-up: ${connections} connections for ${warmup}s (not counted)`);
      warmupSummary = await load(producer.id, warmup, `bench ${runId} warm-up #`, 'warm-up');
      log(`warm-up done: ${warmupSummary.requestsPerSecond} req/s, ${warmupSummary.non2xx} non-2xx`);
    }

    log(`measured: POST /api/v1/products, ${connections} connections for ${duration}s`);
    // Relay lag while under load: unpublished outbox rows, sampled every second on a separate connection.
    const samples: Sample[] = [];
    const loadStart = Date.now();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push({ t: round((Date.now() - loadStart) / 1000, 1), unpublished: await unpublished(db) });
        await sleep(1_000);
      }
    })();
    const measured = await load(producer.id, duration, `bench ${runId} #`, 'measured');
    const loadEnd = Date.now();
    sampling = false;
    await sampler;
    log(
      `measured: ${measured.requestsPerSecond} req/s, p50 ${measured.latencyMs.p50} ms, p90 ${measured.latencyMs.p90} ms, ` +
        `p99 ${measured.latencyMs.p99} ms, non-2xx ${measured.non2xx}, errors ${measured.errors}`,
    );

    // The outbox: every row written under load should be published to JetStream by the relay.
    const backlogAtEnd = await unpublished(db);
    log(`outbox: ${backlogAtEnd} unpublished rows when the load stopped; waiting for the relay to drain it`);
    const drainS = await waitForOutbox(db, loadEnd, drainTimeoutS);
    log(
      drainS === null
        ? `outbox NOT drained after ${drainTimeoutS}s (${await unpublished(db)} left)`
        : `outbox drained ${drainS}s after the load`,
    );

    // The whole pipeline: evaluation started a workflow per product and it attached itself to the product.
    log(`pipeline: waiting until every product of this run has its workflow (at most ${pipelineTimeoutS}s)`);
    const afterDrainS = round((Date.now() - loadEnd) / 1000);
    const pipeline = await waitForWorkflows(db, 'producer_id = $1', [producer.id], loadEnd, pipelineTimeoutS);
    log(
      pipeline.doneAfterS === null
        ? `pipeline NOT done after ${pipelineTimeoutS}s: ${pipeline.left} products without a workflow ` +
            '(evaluation goes on with them in the background)'
        : `every product had its workflow ${pipeline.doneAfterS}s after the load (${pipeline.perSecond ?? '-'} workflows/s)`,
    );

    const stats = await db.query<{ total: string; measured: string; bytes: string | null }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE name LIKE $2) AS measured,
              avg(pg_column_size(p.*))::int AS bytes
         FROM registration.product p WHERE producer_id = $1`,
      [producer.id, `bench ${runId} #%`],
    );
    const row = stats.rows[0];
    const stored = { measured: Number(row?.measured ?? 0), total: Number(row?.total ?? 0) };

    const result = {
      apiUrl,
      runId,
      producerId: producer.id,
      warmupS: warmup,
      warmup: warmupSummary,
      measured,
      // Stored rows of the measured run minus its 2xx responses: requests in flight when autocannon stopped
      // (at most one per connection) were committed but not counted.
      rowsStored: { ...stored, inFlightAtStop: stored.measured - measured.requests2xx },
      productRowBytes: row?.bytes == null ? null : Number(row.bytes),
      outbox: {
        unpublishedBefore: backlogBefore,
        unpublishedAtLoadEnd: backlogAtEnd,
        maxUnpublishedDuringLoad: Math.max(0, ...samples.map((sample) => sample.unpublished)),
        samplesDuringLoad: samples,
        drainedAfterS: drainS,
        drainTimeoutS,
      },
      pipeline: {
        earlierProductsWithoutWorkflow: withoutWorkflowBefore,
        waitingAfterDrain: pipeline.waitingAtStart,
        waitingAfterDrainAtS: afterDrainS,
        productsWithoutWorkflow: pipeline.left,
        workflowsPerSecond: pipeline.perSecond,
        allWorkflowsAttachedAfterS: pipeline.doneAfterS,
        timeoutS: pipelineTimeoutS,
      },
    };
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] ERROR: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

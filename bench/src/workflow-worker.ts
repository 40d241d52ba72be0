/**
 * The worker process of `npm run bench -- workflows`, forked by bench/src/workflow-bench.ts so that its memory
 * and CPU are the worker's alone (the driver's client, with its thousands of start calls, lives in the
 * parent). It runs two workers in the bench's namespace:
 *
 *   - the platform's: `ServiceWorker.create({ taskQueue: 'evaluation', hostWorkflows: true })` from
 *     libs/nest-common, i.e. the platform's own workflow bundle (libs/workflows) and worker options (SDK
 *     defaults), with bench implementations of evaluation's certificate activities that only record each
 *     call (when it arrived, when the server scheduled it) and send it to the driver;
 *   - a bench-only one on queue BENCH_EMPTY_QUEUE with `emptyWorkflow` (bench/src/workflows), the raw baseline.
 *
 * Every second it sends a memory sample (RSS, its peak, V8 heap of the main thread, workflows in the sticky
 * cache). Environment: BENCH_TEMPORAL_ADDRESS, BENCH_NAMESPACE, BENCH_EMPTY_QUEUE (all required).
 */
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TaskQueues, type EvaluationCertificateActivities } from '../../libs/contracts/dist';
import { ServiceWorker } from '../../libs/nest-common/dist/temporal/worker-runner';
import { statusBytes } from './proc-stats';
import type { ActivityCall, DriverMessage, MemorySample, WorkerMessage } from './workflow-ipc';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const address = required('BENCH_TEMPORAL_ADDRESS');
const namespace = required('BENCH_NAMESPACE');
const emptyQueue = required('BENCH_EMPTY_QUEUE');

const send = (message: WorkerMessage): void => {
  if (process.connected) process.send?.(message);
};

let pending: ActivityCall[] = [];
function record(activity: ActivityCall['activity'], certificateId: string, kind: string | null): void {
  const info = Context.current().info;
  pending.push({
    activity,
    certificateId,
    kind,
    workflowId: info.workflowExecution?.workflowId ?? '',
    receivedAt: Date.now(),
    scheduledAt: info.currentAttemptScheduledTimestampMs,
    attempt: info.attempt,
  });
}

/** Evaluation's certificate activities as the product workflow calls them; they record the call and succeed. */
const activities: EvaluationCertificateActivities = {
  sendExpiryNotice(input) {
    record('sendExpiryNotice', input.certificateId, input.kind);
    return Promise.resolve();
  },
  expireCertificate(input) {
    record('expireCertificate', input.certificateId, null);
    return Promise.resolve({ expired: true });
  },
};

let platform: ServiceWorker | undefined;
let empty: Worker | undefined;
let emptyConnection: NativeConnection | undefined;

function memory(): MemorySample {
  const usage = process.memoryUsage();
  const status = platform?.worker.getStatus();
  return {
    at: Date.now(),
    rss: usage.rss,
    rssPeak: statusBytes(process.pid, 'VmHWM'),
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
    cachedWorkflows: status?.numCachedWorkflows ?? 0,
    inFlightActivities: status?.numInFlightActivities ?? 0,
  };
}

async function stop(): Promise<void> {
  clearInterval(flushTimer);
  clearInterval(sampleTimer);
  if (empty?.getState() === 'RUNNING') empty.shutdown();
  await Promise.all([platform?.stop(), emptyRun?.catch(() => undefined)]);
  await emptyConnection?.close();
  flush();
  send({ type: 'stopped' });
}

function flush(): void {
  if (pending.length === 0) return;
  send({ type: 'calls', calls: pending });
  pending = [];
}

const flushTimer = setInterval(flush, 100);
const sampleTimer = setInterval(() => send({ type: 'sample', memory: memory() }), 1000);
let emptyRun: Promise<void> | undefined;

process.on('message', (raw: DriverMessage) => {
  if (raw.type === 'stop') {
    void stop().finally(() => process.exit(0));
  } else if (raw.type === 'gc') {
    const collect = gc;
    const forced = typeof collect === 'function';
    if (collect) {
      collect();
      collect();
    }
    setTimeout(() => send({ type: 'gc-done', memory: memory(), forced }), 500);
  }
});
// The driver died: nothing to report to any more.
process.on('disconnect', () => void stop().finally(() => process.exit(0)));

async function main(): Promise<void> {
  let t = Date.now();
  platform = await ServiceWorker.create({
    address,
    namespace,
    taskQueue: TaskQueues.evaluation,
    hostWorkflows: true,
    activities,
  });
  const platformMs = Date.now() - t;
  t = Date.now();
  emptyConnection = await NativeConnection.connect({ address });
  empty = await Worker.create({
    connection: emptyConnection,
    namespace,
    taskQueue: emptyQueue,
    workflowsPath: join(__dirname, 'workflows', 'empty.workflow.js'),
  });
  const emptyMs = Date.now() - t;
  void platform.start().catch((error: unknown) => {
    send({ type: 'failed', error: `platform worker: ${String(error)}` });
  });
  emptyRun = empty.run().catch((error: unknown) => {
    send({ type: 'failed', error: `empty worker: ${String(error)}` });
  });
  const options = platform.worker.options;
  send({
    type: 'ready',
    pid: process.pid,
    maxCachedWorkflows: options.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions ?? 0,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 0,
    createMs: { platform: platformMs, empty: emptyMs },
    memory: memory(),
  });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: String(error instanceof Error ? (error.stack ?? error.message) : error) });
  process.exitCode = 1;
  void stop().finally(() => process.exit(1));
});

import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import {
  dateInVietnam,
  PRODUCT_LIFECYCLE_WORKFLOW,
  productCertificateQuery,
  productStageChangedSignal,
  TaskQueues,
  type EvaluationCertificateActivities,
  type ProductCertificateState,
  type ProductLifecycleInput,
} from '@ocop/contracts';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { ServiceWorker } from '@ocop/nest-common';
import { eventually, TestTemporalServer } from '@ocop/testing';

jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
/** Vietnam has no daylight saving: its midnight is 17:00 UTC the day before. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** Product A's notice falls due while the server is down; product B's after it is back. */
const A_DUE_AFTER_MS = 15_000;
const B_DUE_AFTER_MS = 40_000;
/** How long the server stays down past A's due instant. */
const DOWN_PAST_DUE_MS = 3_000;

interface Notice {
  certificateId: string;
  kind: string;
  at: number;
}

/**
 * A certificate whose formal notice falls due at `dueAt`: the expiry is midnight in Vietnam, so the
 * fractional `noticeDays` (and `reminderDays`, the same: one step) puts the notice at that instant, as
 * the workflow bench does. The expiry itself lies a month later.
 */
function certificateDueAt(dueAt: number): ProductCertificateState {
  const validUntil = dateInVietnam(new Date(dueAt + 30 * DAY_MS));
  const expiry = Date.parse(`${validUntil}T00:00:00Z`) + DAY_MS - VIETNAM_OFFSET_MS;
  const noticeDays = (expiry - dueAt) / DAY_MS;
  return {
    certificateId: randomUUID(),
    number: `OCOP-24-2026-${String(dueAt % 10_000).padStart(4, '0')}`,
    stars: 4,
    validUntil,
    noticeDays,
    reminderDays: noticeDays,
    regulationVersion: '1489/2025',
  };
}

/**
 * The Temporal server stopped (SIGTERM) and started again on the same state file while real productLifecycle
 * workflows hold their certificate timers, with evaluation's worker (the platform's ServiceWorker, workflows
 * bundled from libs/workflows) running throughout: the timer that fell due during the outage fires once
 * the server is back, the one due later fires on time, each notice activity runs once, and the workflows
 * complete. The worker is never restarted: it keeps polling through the outage and carries on.
 */
describe('fault: Temporal server restarted with its state kept', () => {
  let server: TestTemporalServer | undefined;
  let worker: ServiceWorker | undefined;
  let workerFailure: unknown;
  let connection: Connection | undefined;
  const notices: Notice[] = [];

  /** The SDK's warnings (its poll retries while the server is down), kept rather than printed. */
  const sdkWarnings: LogEntry[] = [];

  beforeAll(async () => {
    try {
      Runtime.install({
        logger: new DefaultLogger('WARN', (entry) => void sdkWarnings.push(entry)),
        telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
      });
    } catch {
      // A runtime was installed already in this process: its logging stays.
    }
    server = await TestTemporalServer.start();
    const activities: EvaluationCertificateActivities = {
      sendExpiryNotice: async ({ certificateId, kind }) => {
        notices.push({ certificateId, kind, at: Date.now() });
      },
      expireCertificate: async () => ({ expired: false }),
    };
    worker = await ServiceWorker.create({
      address: server.address,
      namespace: server.namespace,
      taskQueue: TaskQueues.evaluation,
      activities,
      hostWorkflows: true,
      shutdownGraceTime: '1 second',
    });
    worker.start().catch((error: unknown) => {
      workerFailure = error;
    });
    connection = await Connection.connect({ address: server.address });
  });

  afterAll(async () => {
    await connection?.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await server?.stop();
  });

  async function startProduct(client: Client, certificate: ProductCertificateState): Promise<WorkflowHandle> {
    const productId = randomUUID();
    const input: ProductLifecycleInput = {
      productId,
      productName: `Mật ong ${productId.slice(0, 4)}`,
      producerName: 'HTX Mật ong Tân Thịnh',
      group: 'food',
      provinceCode: '24',
      communeCode: '07375',
      cycleYear: 2026,
      stage: 'certified',
      // A continued run: no attachProductWorkflow on registration's queue, the certificate's timers at once.
      history: [{ stage: 'certified', at: new Date().toISOString(), reason: 'certificate issued' }],
      certificate,
    };
    return client.workflow.start(PRODUCT_LIFECYCLE_WORKFLOW, {
      taskQueue: TaskQueues.evaluation,
      workflowId: `product-${productId}`,
      args: [input],
    });
  }

  /** The workflow's timers as its history records them. */
  async function timers(handle: WorkflowHandle): Promise<{ started: number; fired: number }> {
    const events = (await handle.fetchHistory()).events ?? [];
    return {
      started: events.filter((event) => event.timerStartedEventAttributes).length,
      fired: events.filter((event) => event.timerFiredEventAttributes).length,
    };
  }

  it('fires the timers held across the restart, each step once, and the workflows complete', async () => {
    const client = new Client({ connection: connection!, namespace: server!.namespace });
    const t0 = Date.now();
    const a = certificateDueAt(t0 + A_DUE_AFTER_MS);
    const b = certificateDueAt(t0 + B_DUE_AFTER_MS);
    const dueA = t0 + A_DUE_AFTER_MS;
    const dueB = t0 + B_DUE_AFTER_MS;
    const handleA = await startProduct(client, a);
    const handleB = await startProduct(client, b);
    // Both parked on their notice timers.
    for (const handle of [handleA, handleB]) {
      await eventually(async () => expect((await timers(handle)).started).toBe(1), { timeoutMs: 30_000 });
    }

    const haltAt = Date.now();
    if (haltAt >= dueA)
      throw new Error(`too slow to test: the server was to stop before ${new Date(dueA).toISOString()}`);
    await server!.halt('SIGTERM');
    expect(notices).toEqual([]);
    // Down through A's due instant.
    await new Promise((resolve) => setTimeout(resolve, dueA + DOWN_PAST_DUE_MS - Date.now()));
    expect(notices).toEqual([]);
    const resumeAt = Date.now();
    await server!.resume();
    const upAt = Date.now();

    // A's timer, due during the outage, fires once the server is back; B's at its time.
    const noticeOf = (certificate: ProductCertificateState) =>
      notices.filter((notice) => notice.certificateId === certificate.certificateId);
    await eventually(() => expect(noticeOf(a)).toHaveLength(1), { timeoutMs: 60_000, intervalMs: 100 });
    await eventually(() => expect(noticeOf(b)).toHaveLength(1), {
      timeoutMs: Math.max(0, dueB - Date.now()) + 60_000,
      intervalMs: 100,
    });
    const [noticeA] = noticeOf(a);
    const [noticeB] = noticeOf(b);
    expect(noticeA).toEqual(expect.objectContaining({ kind: 'notice' }));
    expect(noticeB).toEqual(expect.objectContaining({ kind: 'notice' }));
    expect(noticeA!.at).toBeGreaterThanOrEqual(upAt);
    expect(noticeB!.at).toBeGreaterThanOrEqual(dueB);
    for (const handle of [handleA, handleB]) {
      expect(await handle.query(productCertificateQuery)).toEqual(
        expect.objectContaining({ noticedAt: expect.any(String) as unknown }),
      );
    }

    // The products are withdrawn: both workflows complete, each notice sent once, their timers fired.
    for (const handle of [handleA, handleB]) {
      await handle.signal(productStageChangedSignal, { stage: 'withdrawn', reason: 'test: withdrawn' });
      expect(await handle.result()).toBe('withdrawn');
      const events = (await handle.fetchHistory()).events ?? [];
      const scheduled = events.filter(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'sendExpiryNotice',
      );
      expect(scheduled).toHaveLength(1);
      expect(events.filter((event) => event.activityTaskCompletedEventAttributes)).toHaveLength(1);
      expect((await timers(handle)).fired).toBeGreaterThanOrEqual(1);
    }
    expect(notices).toHaveLength(2);
    // The same worker throughout: it polled through the outage and never failed.
    expect(workerFailure).toBeUndefined();
    expect(worker!.worker.getState()).toBe('RUNNING');

    console.info(
      `Temporal stopped (SIGTERM) ${haltAt - t0} ms after the start, ${dueA - haltAt} ms before A's notice was due; ` +
        `down ${resumeAt - haltAt} ms, answering again ${upAt - resumeAt} ms after its restart. A's notice (due during ` +
        `the outage) sent ${noticeA!.at - upAt} ms after the server was back (${noticeA!.at - dueA} ms late); B's ` +
        `(due ${dueB - upAt} ms after it was back) sent ${noticeB!.at - dueB} ms after its instant; one notice each, ` +
        `both workflows completed, the worker never restarted (the SDK logged ${sdkWarnings.length} warnings, its ` +
        `polls retrying while the server was down)`,
    );
  });
});

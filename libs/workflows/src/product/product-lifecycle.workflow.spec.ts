import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  certificateIssuedSignal,
  PRODUCT_LIFECYCLE_WORKFLOW,
  productCertificateQuery,
  productHistoryQuery,
  productStageChangedSignal,
  productStageQuery,
  SearchAttributes,
  TaskQueues,
  type CertificateIssuedSignal,
  type EvaluationCertificateActivities,
  type ProductLifecycleInput,
  type RegistrationProductActivities,
} from '@ocop/contracts';
import { ensureSearchAttributes, ServiceWorker } from '@ocop/nest-common';
import { eventually, toolBinary } from '@ocop/testing';
import { keepHistory } from '../../test/record-history';

jest.setTimeout(120_000);

const input: ProductLifecycleInput = {
  productId: 'p-1',
  productName: 'Mật ong Nghĩa Hòa',
  producerName: 'Hội Nuôi ong xã Nghĩa Hòa',
  group: 'food',
  provinceCode: '24',
  communeCode: '07378',
  cycleYear: 2026,
  stage: 'idea',
};

describe('productLifecycle workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const attached: Parameters<RegistrationProductActivities['attachProductWorkflow']>[0][] = [];
  const workers: ServiceWorker[] = [];
  /** What the certificate activities were asked, with the (skipped) server time of each call. */
  const calls: { at: number; call: string }[] = [];

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: toolBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_BIN') },
      },
    });
    await ensureSearchAttributes(env.client, env.namespace ?? 'default');
    const registrationActivities: RegistrationProductActivities = {
      attachProductWorkflow: async (call) => {
        attached.push(call);
      },
    };
    const evaluationActivities: EvaluationCertificateActivities = {
      sendExpiryNotice: async ({ certificateId, kind, daysBefore }) => {
        calls.push({ at: await env.currentTimeMs(), call: `${kind} ${certificateId} ${daysBefore}` });
      },
      expireCertificate: async ({ certificateId, asOf }) => {
        calls.push({ at: await env.currentTimeMs(), call: `expire ${certificateId} ${asOf}` });
        return { expired: true };
      },
    };
    const common = { address: '', namespace: env.namespace ?? 'default', connection: env.nativeConnection };
    workers.push(
      await ServiceWorker.create({
        ...common,
        taskQueue: TaskQueues.evaluation,
        activities: evaluationActivities,
        hostWorkflows: true,
      }),
      await ServiceWorker.create({ ...common, taskQueue: TaskQueues.registration, activities: registrationActivities }),
    );
    for (const worker of workers) void worker.start();
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await env?.teardown();
  });

  it('attaches itself to the product, answers its stage, follows stage changes and ends when withdrawn', async () => {
    const handle = await env.client.workflow.start(PRODUCT_LIFECYCLE_WORKFLOW, {
      workflowId: 'product-p-1',
      taskQueue: TaskQueues.evaluation,
      args: [input],
      typedSearchAttributes: [{ key: SearchAttributes.stage, value: 'idea' }],
    });
    await eventually(() =>
      expect(attached).toEqual([{ productId: 'p-1', workflowId: 'product-p-1', runId: handle.firstExecutionRunId }]),
    );
    expect(await handle.query(productStageQuery)).toBe('idea');

    await handle.signal(productStageChangedSignal, { stage: 'selected', reason: 'commune selection 2026' });
    await eventually(async () => expect(await handle.query(productStageQuery)).toBe('selected'));
    // A repeated signal (at-least-once delivery upstream) changes nothing.
    await handle.signal(productStageChangedSignal, { stage: 'selected', reason: 'commune selection 2026' });

    // Weeks pass with no news: the workflow waits without polling or failing.
    await env.sleep('30 days');
    expect(await handle.query(productStageQuery)).toBe('selected');

    await handle.signal(productStageChangedSignal, { stage: 'withdrawn', reason: 'producer withdrew' });
    await expect(handle.result()).resolves.toBe('withdrawn');
    const history = await handle.query(productHistoryQuery);
    expect(history.map((change) => change.stage)).toEqual(['idea', 'selected', 'withdrawn']);
    expect(attached).toHaveLength(1);
    await keepHistory(env.client, handle, 'product-stages-until-withdrawn');
  });

  const DAY = 86_400_000;
  /** A date (YYYY-MM-DD in Vietnam) some days from the test server's now. */
  const vietnamDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

  async function certifiedProduct(id: string): Promise<{ handle: Awaited<ReturnType<typeof start>>; start: number }> {
    const handle = await start(id);
    await handle.signal(productStageChangedSignal, { stage: 'certified', reason: 'decision 2716/QĐ-UBND' });
    return { handle, start: await env.currentTimeMs() };
  }

  async function start(id: string) {
    return env.client.workflow.start(PRODUCT_LIFECYCLE_WORKFLOW, {
      workflowId: `product-${id}`,
      taskQueue: TaskQueues.evaluation,
      args: [{ ...input, productId: id, stage: 'in_evaluation' as const }],
    });
  }

  function certificate(id: string, validUntil: string): CertificateIssuedSignal {
    return {
      certificateId: id,
      number: `OCOP-213-2024-${id}`,
      stars: 4,
      validUntil,
      noticeDays: 30,
      reminderDays: 90,
      regulationVersion: '148/2023',
    };
  }

  /**
   * Sends what makes the run continue as new, then waits until the server shows the new run (describe needs no
   * worker). A query sent while the run is closing hangs on the time-skipping test server, and keeps its time
   * locked after (seen under CPU load: the query answered after 87 s, the next sleep never returned).
   */
  async function afterContinueAsNew(handle: Awaited<ReturnType<typeof start>>, send: () => Promise<void>) {
    const { runId } = await handle.describe();
    await send();
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(runId));
  }

  const callsOf = (certificateId: string) => calls.filter((entry) => entry.call.includes(` ${certificateId} `));

  it('walks a certificate through 36 months: reminder at 90 days, notice at 30, expiry, then a late re-evaluation', async () => {
    const { handle, start: t0 } = await certifiedProduct('p-expiry');
    // Valid 36 months (about 1,096 days): the last valid day.
    const validUntil = vietnamDate(t0 + 1_095 * DAY);
    const expiryAt = Date.parse(`${validUntil}T00:00:00+07:00`) + DAY;
    await handle.signal(certificateIssuedSignal, certificate('c1', validUntil));
    await eventually(async () => expect((await handle.query(productCertificateQuery))?.certificateId).toBe('c1'));

    await env.sleep(expiryAt - 91 * DAY - (await env.currentTimeMs()));
    expect(callsOf('c1')).toEqual([]);
    await env.sleep(2 * DAY);
    await eventually(() => expect(callsOf('c1').map((entry) => entry.call)).toEqual(['reminder c1 90']));
    await env.sleep(expiryAt - 29 * DAY - (await env.currentTimeMs()));
    await eventually(() =>
      expect(callsOf('c1').map((entry) => entry.call)).toEqual(['reminder c1 90', 'notice c1 30']),
    );
    const [reminder, notice] = callsOf('c1');
    expect(reminder!.at).toBeGreaterThanOrEqual(expiryAt - 90 * DAY);
    expect(reminder!.at).toBeLessThan(expiryAt - 88 * DAY);
    expect(notice!.at).toBeGreaterThanOrEqual(expiryAt - 30 * DAY);
    expect(notice!.at).toBeLessThan(expiryAt - 29 * DAY);

    await env.sleep(expiryAt + DAY - (await env.currentTimeMs()));
    await eventually(() => expect(callsOf('c1').at(-1)?.call).toBe(`expire c1 ${vietnamDate(expiryAt)}`));
    expect(callsOf('c1').at(-1)!.at).toBeGreaterThanOrEqual(expiryAt);
    // Evaluation publishes certificate.expired; registration moves the product. An expired product may
    // still be re-evaluated, so the workflow waits for that with no timer left.
    await handle.signal(productStageChangedSignal, { stage: 'expired', reason: 'certificate c1 expired' });
    await eventually(async () => expect(await handle.query(productStageQuery)).toBe('expired'));
    await env.sleep(400 * DAY);
    expect(callsOf('c1')).toHaveLength(3);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // A late re-evaluation: the new certificate's timers run in a fresh run.
    await handle.signal(productStageChangedSignal, { stage: 'in_evaluation', reason: 're-evaluation round' });
    await handle.signal(productStageChangedSignal, { stage: 'certified', reason: 'decision 88/QĐ-UBND' });
    const renewedUntil = vietnamDate((await env.currentTimeMs()) + 1_095 * DAY);
    await afterContinueAsNew(handle, () => handle.signal(certificateIssuedSignal, certificate('c1r', renewedUntil)));
    await eventually(async () => expect((await handle.query(productCertificateQuery))?.certificateId).toBe('c1r'));
    expect(await handle.query(productStageQuery)).toBe('certified');
    await env.sleep(1_020 * DAY);
    await eventually(() => expect(callsOf('c1r').map((entry) => entry.call)).toEqual(['reminder c1r 90']));
    await handle.signal(productStageChangedSignal, { stage: 'withdrawn', reason: 'test over' });
    await expect(handle.result()).resolves.toBe('withdrawn');
    expect(callsOf('c1')).toHaveLength(3);
    // The first run: expiry, waiting, and the re-evaluation's certificate (the patch's marker is in it).
    await keepHistory(env.client, handle, 'product-certificate-expired-then-renewed', handle.firstExecutionRunId);
  });

  it('re-evaluation in time: the new certificate replaces the old timers in a fresh run', async () => {
    const { handle, start: t0 } = await certifiedProduct('p-renewed');
    const validUntil = vietnamDate(t0 + 1_095 * DAY);
    await handle.signal(certificateIssuedSignal, certificate('c2', validUntil));
    await env.sleep(1_060 * DAY);
    await eventually(() => expect(callsOf('c2').map((entry) => entry.call)).toEqual(['reminder c2 90']));
    await handle.signal(productStageChangedSignal, { stage: 'in_evaluation', reason: 're-evaluation round' });
    await afterContinueAsNew(handle, () =>
      handle.signal(certificateIssuedSignal, certificate('c3', vietnamDate(t0 + 2_190 * DAY))),
    );
    await eventually(async () => expect((await handle.query(productCertificateQuery))?.certificateId).toBe('c3'));
    // Past c2's expiry: nothing more for c2, and c3's timers are far away.
    await env.sleep(60 * DAY);
    expect(callsOf('c2').map((entry) => entry.call)).toEqual(['reminder c2 90']);
    expect(callsOf('c3')).toEqual([]);
    const history = await handle.query(productHistoryQuery);
    expect(history.filter((change) => change.reason.startsWith('certificate')).map((change) => change.reason)).toEqual([
      'certificate OCOP-213-2024-c2: 4 stars',
      'certificate OCOP-213-2024-c3: 4 stars',
    ]);
    await handle.signal(productStageChangedSignal, { stage: 'withdrawn', reason: 'test over' });
    await expect(handle.result()).resolves.toBe('withdrawn');
    await keepHistory(env.client, handle, 'product-certificate-renewed');
  });

  it('revocation at any time ends the product with no expiry', async () => {
    const { handle, start: t0 } = await certifiedProduct('p-revoked');
    await handle.signal(certificateIssuedSignal, certificate('c4', vietnamDate(t0 + 1_095 * DAY)));
    await env.sleep(200 * DAY);
    await handle.signal(productStageChangedSignal, { stage: 'revoked', reason: 'food_safety_violation' });
    await expect(handle.result()).resolves.toBe('revoked');
    await env.sleep(1_000 * DAY);
    expect(callsOf('c4')).toEqual([]);
    await keepHistory(env.client, handle, 'product-certificate-revoked');
  });

  it('a certificate issued inside its notice period gets the notice at once, not the reminder', async () => {
    const { handle, start: t0 } = await certifiedProduct('p-late');
    await handle.signal(certificateIssuedSignal, certificate('c5', vietnamDate(t0 + 20 * DAY)));
    // The notice says the days really left (21: the last valid day is 20 days ahead), not the configured 30.
    await eventually(() => expect(callsOf('c5').map((entry) => entry.call)).toEqual(['notice c5 21']));
    await handle.signal(productStageChangedSignal, { stage: 'withdrawn', reason: 'test over' });
    await expect(handle.result()).resolves.toBe('withdrawn');
  });
});

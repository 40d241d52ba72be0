import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  PRODUCT_LIFECYCLE_WORKFLOW,
  productHistoryQuery,
  productStageChangedSignal,
  productStageQuery,
  SearchAttributes,
  TaskQueues,
  type ProductLifecycleInput,
  type RegistrationProductActivities,
} from '@ocop/contracts';
import { ensureSearchAttributes, ServiceWorker } from '@ocop/nest-common';
import { eventually, toolBinary } from '@ocop/testing';

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
    const common = { address: '', namespace: env.namespace ?? 'default', connection: env.nativeConnection };
    workers.push(
      await ServiceWorker.create({ ...common, taskQueue: TaskQueues.evaluation, activities: {}, hostWorkflows: true }),
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
  });
});

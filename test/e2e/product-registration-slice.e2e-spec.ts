import { connect, headers } from 'nats';
import { productStageQuery, SearchAttributes } from '@ocop/contracts';
import {
  createTestNamespace,
  eventually,
  freePort,
  ServiceProcess,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
  TEST_JWT_SECRET,
} from '@ocop/testing';

jest.setTimeout(240_000);

/**
 * The platform's vertical slice, with the built services as real processes: POST a producer and a product
 * to registration → outbox → JetStream `ocop.registration.product.registered.v1` → evaluation records it →
 * workflow `product-<id>` on Temporal with its search attributes → its stage over HTTP.
 */
describe('product registration slice (processes, PostgreSQL, NATS, Temporal)', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let temporal: Awaited<ReturnType<typeof createTestNamespace>>;
  const processes: ServiceProcess[] = [];
  const ports = { registration: 0, evaluation: 0 };

  beforeAll(async () => {
    [db, nats, temporal] = await Promise.all([
      TestDatabase.create('slice'),
      TestNatsServer.start(),
      createTestNamespace('slice'),
    ]);
    ports.registration = await freePort();
    ports.evaluation = await freePort();
    const env = (port: number): Record<string, string> => ({
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: temporal.namespace,
      JWT_SECRET: TEST_JWT_SECRET,
      HTTP_PORT: String(port),
    });
    for (const service of ['registration', 'evaluation'] as const) {
      const migration = ServiceProcess.spawn(service, 'migrate', env(ports[service]));
      expect(await migration.wait()).toBe(0);
    }
    for (const service of ['registration', 'evaluation'] as const) {
      processes.push(ServiceProcess.spawn(service, 'worker', env(ports[service])));
      const api = ServiceProcess.spawn(service, 'main', env(ports[service]));
      processes.push(api);
    }
    await Promise.all(
      processes
        .filter((p) => p.name.endsWith('-main'))
        .map((p) => p.waitHealthy(p.name.startsWith('registration') ? ports.registration : ports.evaluation)),
    );
  });

  afterAll(async () => {
    const codes = await Promise.all(processes.map((p) => p.stop()));
    await temporal?.close();
    await nats?.stop();
    await db?.drop();
    // Every process shut down gracefully on SIGTERM.
    expect(Object.fromEntries(processes.map((p, i) => [p.name, codes[i]]))).toEqual(
      Object.fromEntries(processes.map((p) => [p.name, 0])),
    );
  });

  it('takes a product from POST to its running lifecycle workflow', async () => {
    const token = await testToken({ roles: ['district_officer'], unitCode: '24' });
    const call = async (
      port: number,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const producer = await call(ports.registration, 'POST', '/producers', {
      taxCode: '2400555001',
      name: 'Hợp tác xã Gà đồi Lạng Giang',
      legalForm: 'cooperative',
      communeCode: '07375',
    });
    expect(producer.status).toBe(201);
    const product = await call(ports.registration, 'POST', '/products', {
      producerId: producer.body['id'],
      name: 'Gà đồi Lạng Giang',
      group: 'food',
    });
    expect(product.status).toBe(201);
    const productId = String(product.body['id']);
    const workflowId = `product-${productId}`;

    // Evaluation records the product from the event.
    const intake = await eventually(
      async () => {
        const rows = await db.query<{ workflow_id: string; producer_name: string }>(
          'SELECT * FROM evaluation.product_intake WHERE product_id = $1',
          [productId],
        );
        expect(rows).toHaveLength(1);
        return rows[0]!;
      },
      { timeoutMs: 30_000, description: 'evaluation recorded the product' },
    );
    expect(intake).toEqual(
      expect.objectContaining({ workflow_id: workflowId, producer_name: 'Hợp tác xã Gà đồi Lạng Giang' }),
    );

    // The workflow runs, with the operators' search attributes, and answers its stage.
    const handle = temporal.client.workflow.getHandle(workflowId);
    await eventually(async () => expect(await handle.query(productStageQuery)).toBe('idea'), {
      timeoutMs: 60_000,
      description: 'workflow answers',
    });
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    const attributes = description.typedSearchAttributes;
    expect(attributes.get(SearchAttributes.province)).toBe('24');
    expect(attributes.get(SearchAttributes.commune)).toBe('07375');
    expect(attributes.get(SearchAttributes.productGroup)).toBe('food');
    expect(attributes.get(SearchAttributes.stage)).toBe('idea');
    expect(attributes.get(SearchAttributes.cycleYear)).toBe(product.body['cycleYear']);
    const found = await temporal.client.workflow.count(
      `OcopProvince = '24' AND OcopStage = 'idea' AND WorkflowId = '${workflowId}'`,
    );
    expect(found.count).toBe(1);

    // The stage over HTTP, and the workflow id on registration's product (written by the workflow's activity).
    const lifecycle = await call(ports.evaluation, 'GET', `/products/${productId}/lifecycle`);
    expect(lifecycle.status).toBe(200);
    expect(lifecycle.body).toEqual(
      expect.objectContaining({ productId, workflowId, stage: 'idea', name: 'Gà đồi Lạng Giang' }),
    );
    await eventually(async () =>
      expect((await call(ports.registration, 'GET', `/products/${productId}`)).body['workflowId']).toBe(workflowId),
    );

    // A replayed event (same event id, new JetStream message) is handled once: no second record, no error.
    const client = await connect({ servers: nats.url });
    try {
      const jsm = await client.jetstreamManager();
      const original = await jsm.streams.getMessage('OCOP_REGISTRATION', {
        last_by_subj: 'ocop.registration.product.registered.v1',
      });
      const h = headers();
      h.set('Nats-Msg-Id', `replay-${Date.now()}`);
      await client.jetstream().publish(original.subject, original.data, { headers: h });
      await eventually(async () => {
        const consumer = await jsm.consumers.info('OCOP_REGISTRATION', 'evaluation');
        expect(consumer.num_pending + consumer.num_ack_pending).toBe(0);
        expect(consumer.delivered.stream_seq).toBe(original.seq + 1);
      });
    } finally {
      await client.close();
    }
    const intakes = await db.query('SELECT 1 FROM evaluation.product_intake WHERE product_id = $1', [productId]);
    expect(intakes).toHaveLength(1);
    // The cycle's actions reach the workflow: selection moves its stage (and the operators' search
    // attribute); withdrawal ends it.
    expect(
      (await call(ports.registration, 'POST', `/products/${productId}/selection`, { decision: 'accepted' })).status,
    ).toBe(200);
    await eventually(async () => expect(await handle.query(productStageQuery)).toBe('selected'), { timeoutMs: 30_000 });
    await eventually(async () =>
      expect((await handle.describe()).typedSearchAttributes.get(SearchAttributes.stage)).toBe('selected'),
    );
    const withdrawal = await call(ports.registration, 'POST', `/products/${productId}/withdrawal`, {
      reason: 'Chủ thể tạm dừng sản xuất',
    });
    expect(withdrawal.status).toBe(200);
    await expect(handle.result()).resolves.toBe('withdrawn');
    // A finished workflow still answers: the stage and the history stay readable.
    const finished = await call(ports.evaluation, 'GET', `/products/${productId}/lifecycle`);
    expect(finished.body['stage']).toBe('withdrawn');
    expect((finished.body['history'] as { stage: string }[]).map((change) => change.stage)).toEqual([
      'idea',
      'selected',
      'withdrawn',
    ]);

    const unauthorised = await fetch(`http://127.0.0.1:${ports.evaluation}/api/v1/products/${productId}/lifecycle`);
    expect(unauthorised.status).toBe(401);
  });
});

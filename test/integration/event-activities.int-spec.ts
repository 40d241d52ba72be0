import { MockActivityEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@ocop/messaging';
import { createMessagingTables, serviceDataSourceOptions } from '@ocop/persistence';
import { TestDatabase } from '@ocop/testing';
import { deterministicUuid, ServiceEventActivities } from '@ocop/nest-common';

describe('publishEvent activity', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let activities: ServiceEventActivities;

  beforeAll(async () => {
    db = await TestDatabase.create('event_activities');
    dataSource = new DataSource(
      serviceDataSourceOptions({ schema: 'promotion', url: db.url, entities: [], migrations: [] }),
    );
    await dataSource.initialize();
    await dataSource.query('CREATE SCHEMA promotion');
    await createMessagingTables(dataSource.createQueryRunner(), 'promotion');
    activities = new ServiceEventActivities(dataSource, new OutboxWriter('promotion', 'promotion'), {
      name: 'promotion',
      version: 'test',
      schema: 'promotion',
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const environment = (activityId: string) =>
    new MockActivityEnvironment({ workflowExecution: { workflowId: 'product-p1', runId: 'run-1' }, activityId });

  it('writes the event to the outbox once, however often the activity is retried', async () => {
    const input = { subject: 'ocop.promotion.enrolment.suspended.v1', data: { productId: 'p1' } };
    const first = await environment('7').run(activities.publishEvent.bind(activities), input);
    const retry = await environment('7').run(activities.publishEvent.bind(activities), input);
    const next = await environment('8').run(activities.publishEvent.bind(activities), input);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
    expect(first).toBe(deterministicUuid('product-p1/run-1/7'));
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = await db.query<{ id: string; envelope: { source: string; data: unknown } }>(
      'SELECT id, envelope FROM promotion.outbox_event ORDER BY sequence',
    );
    expect(rows.map((row) => row.id)).toEqual([first, next]);
    expect(rows[0]!.envelope).toEqual(expect.objectContaining({ source: 'promotion', data: { productId: 'p1' } }));
  });

  it('refuses, without retrying, an event of another service or a malformed subject', async () => {
    for (const subject of ['ocop.registration.product.registered.v1', 'promotion.thing']) {
      await expect(
        environment('9').run(activities.publishEvent.bind(activities), { subject, data: {} }),
      ).rejects.toMatchObject({
        nonRetryable: true,
        type: 'INVALID_EVENT_SUBJECT',
      });
    }
  });
});

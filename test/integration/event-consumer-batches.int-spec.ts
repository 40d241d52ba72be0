import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import { DataSource, type EntityManager } from 'typeorm';
import { defineEvent, type EventEnvelope } from '@ocop/contracts';
import { EventConsumer, connectNats, ensureServiceStream, type EventHandler } from '@ocop/messaging';
import { InboxEventEntity, createMessagingTables } from '@ocop/persistence';
import { TestDatabase, TestNatsServer, eventually } from '@ocop/testing';

/**
 * The consumer under a burst: events share transactions (batches) yet each is applied once, in stream order per
 * key, and an event that fails delays only itself.
 */
interface Step {
  key: string;
  seq: number;
  /** Fails this many times before it is applied. */
  failTimes?: number;
}

jest.setTimeout(120_000);

const stepped = defineEvent<Step>('ocop.registration.test.stepped.v1');
/** A subject whose handler takes a run of events at once (handleMany). */
const counted = defineEvent<{ n: number }>('ocop.registration.test.counted.v1');
const SCHEMA = 'consumer_test';

describe('EventConsumer: batches, order per key, one bad event', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let bus: NatsConnection;
  let dataSource: DataSource;
  let consumer: EventConsumer | undefined;
  const failures = new Map<string, number>();
  const transactions = new Set<unknown>();

  const handler: EventHandler<Step> = {
    contract: stepped,
    orderingKey: (event) => event.data.key,
    async handle(event: EventEnvelope<Step>, manager: EntityManager): Promise<void> {
      transactions.add(manager.queryRunner);
      const failed = failures.get(event.id) ?? 0;
      if (failed < (event.data.failTimes ?? 0)) {
        failures.set(event.id, failed + 1);
        throw new Error(`step ${event.data.key}/${event.data.seq} refuses (attempt ${failed + 1})`);
      }
      // Order per key: a step is applied only right after the previous one.
      const [last]: { seq: number | null }[] = await manager.query(
        `SELECT max(seq) AS seq FROM ${SCHEMA}.applied WHERE key = $1`,
        [event.data.key],
      );
      await manager.query(`INSERT INTO ${SCHEMA}.applied (event_id, key, seq, in_order) VALUES ($1, $2, $3, $4)`, [
        event.id,
        event.data.key,
        event.data.seq,
        (last?.seq ?? 0) === event.data.seq - 1,
      ]);
    },
  };

  /** Sizes of the runs handleMany was given, and every number it applied, in order. */
  const runs: number[] = [];
  const countedInOrder: number[] = [];
  const manyHandler: EventHandler<{ n: number }> = {
    contract: counted,
    orderingKey: () => 'counted',
    handle: async (event) => {
      runs.push(1);
      countedInOrder.push(event.data.n);
    },
    handleMany: async (events) => {
      runs.push(events.length);
      countedInOrder.push(...events.map((event) => event.data.n));
    },
  };

  beforeAll(async () => {
    db = await TestDatabase.create('event_consumer');
    nats = await TestNatsServer.start();
    bus = await connectNats({ url: nats.url, name: 'event-consumer-test' });
    await ensureServiceStream(await bus.jetstreamManager(), 'registration');
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [InboxEventEntity],
      entityPrefix: '',
      schema: SCHEMA,
      extra: { max: 6 },
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${SCHEMA}`);
    const runner = dataSource.createQueryRunner();
    await createMessagingTables(runner, SCHEMA);
    await runner.release();
    await dataSource.query(
      `CREATE TABLE ${SCHEMA}.applied (event_id uuid PRIMARY KEY, key text NOT NULL, seq int NOT NULL, in_order boolean NOT NULL)`,
    );
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await dataSource?.destroy();
    await nats?.stop();
    await db?.drop();
  });

  async function publish<T = Step>(step: T, id: string = randomUUID(), subject = stepped.subject): Promise<string> {
    const envelope: EventEnvelope<T> = {
      id,
      subject,
      version: 1,
      source: 'registration',
      occurredAt: new Date().toISOString(),
      data: step,
    };
    const h = natsHeaders();
    h.set('Nats-Msg-Id', randomUUID());
    await bus.jetstream().publish(subject, new TextEncoder().encode(JSON.stringify(envelope)), { headers: h });
    return id;
  }

  it('applies a burst once each, in order per key, sharing transactions; a failing event is retried alone', async () => {
    // 40 keys × 25 steps, published before the consumer starts so that it finds a backlog to batch.
    const ids: string[] = [];
    for (let seq = 1; seq <= 25; seq += 1) {
      // One step of every key at a time: the stream holds each key's steps in order.
      const keys = Array.from({ length: 40 }, (_, k) => k);
      ids.push(
        ...(await Promise.all(
          keys.map((k) => publish({ key: `k${k}`, seq, failTimes: k === 7 && seq === 3 ? 2 : 0 })),
        )),
      );
    }
    // The same event delivered again (a relay that re-published after a lost ack), with a new message id.
    const repeated = ids[123]!;
    await publish({ key: 'k3', seq: 4 }, repeated);

    // 300 events of a subject whose handler offers handleMany, interleaved with nothing: runs of them.
    for (let n = 1; n <= 300; n += 1) await publish({ n }, randomUUID(), counted.subject);

    consumer = new EventConsumer(dataSource, bus.jetstream(), await bus.jetstreamManager(), {
      consumer: 'registration',
      handlers: [handler, manyHandler],
      concurrency: 4,
      batchSize: 64,
      retryDelaysMs: [200],
    });
    await consumer.start();

    await eventually(
      async () => {
        const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.applied`);
        expect(Number(row?.n)).toBe(1_000);
      },
      { timeoutMs: 60_000 },
    );
    const rows = await db.query<{ event_id: string; key: string; seq: number; in_order: boolean }>(
      `SELECT event_id, key, seq, in_order FROM ${SCHEMA}.applied`,
    );
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(ids));
    // Every key in stream order except the one whose step failed: a failed event is redelivered later.
    // (it may land after its successors: handlers stay correct in either order, see EventHandler.orderingKey).
    expect(rows.filter((row) => !row.in_order && row.key !== 'k7').map((row) => `${row.key}/${row.seq}`)).toEqual([]);
    expect(
      rows
        .filter((row) => row.key === 'k7')
        .map((row) => row.seq)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const [inbox] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${SCHEMA}.inbox_event WHERE subject = $1`,
      [stepped.subject],
    );
    expect(Number(inbox?.n)).toBe(1_000);
    // The failing step was refused twice and then applied; its key's later steps waited for it.
    expect(failures.get(ids[2 * 40 + 7]!)).toBe(2);
    // The handleMany subject: every event once, in stream order, mostly in runs.
    await eventually(() => expect(countedInOrder).toHaveLength(300));
    expect(countedInOrder).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(Math.max(...runs)).toBeGreaterThan(1);
    // Batching: far fewer transactions than events.
    expect(transactions.size).toBeLessThan(500);
  });
  it('handles the events of one key from two streams one after the other, never side by side', async () => {
    // Two streams of their own, so that both start on these events at once.
    await ensureServiceStream(await bus.jetstreamManager(), 'evaluation');
    await ensureServiceStream(await bus.jetstreamManager(), 'promotion');
    const fromEvaluation = defineEvent<Step>('ocop.evaluation.test.stepped.v1');
    const fromPromotion = defineEvent<Step>('ocop.promotion.test.stepped.v1');
    const active = new Set<string>();
    const overlaps: string[] = [];
    let handled = 0;
    // Records a key handled while another event of the same key is being handled (from the other stream).
    const watching = (contract: typeof stepped): EventHandler<Step> => ({
      contract,
      orderingKey: (event) => event.data.key,
      async handle(event) {
        if (active.has(event.data.key)) overlaps.push(`${contract.subject} ${event.data.key}/${event.data.seq}`);
        active.add(event.data.key);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active.delete(event.data.key);
        handled += 1;
      },
    });
    for (let seq = 1; seq <= 10; seq += 1)
      await Promise.all(
        Array.from({ length: 20 }, (_, k) => [
          publish({ key: `p${k}`, seq }, randomUUID(), fromPromotion.subject),
          publish({ key: `p${k}`, seq }, randomUUID(), fromEvaluation.subject),
        ]).flat(),
      );
    const twoStreams = new EventConsumer(dataSource, bus.jetstream(), await bus.jetstreamManager(), {
      consumer: 'reporting',
      handlers: [watching(fromPromotion), watching(fromEvaluation)],
      concurrency: 2,
      batchSize: 8,
    });
    await twoStreams.start();
    try {
      await eventually(() => expect(handled).toBe(400), { timeoutMs: 60_000 });
    } finally {
      await twoStreams.stop();
    }
    expect(overlaps).toEqual([]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect } from 'nats';
import { RegistrationEvents, streamOf } from '@ocop/contracts';
import {
  eventually,
  migrateDatabase,
  startHttpApp,
  TEMPORAL_ADDRESS,
  TestDatabase,
  TestNatsServer,
  testToken,
} from '@ocop/testing';
import { registrationDataSource } from '../../services/registration/src/database/data-source';
import { reportingDataSource } from '../../services/reporting/src/database/data-source';

jest.setTimeout(300_000);

/** Product registrations sent over HTTP; NATS is killed once KILL_AFTER of them are answered. */
const REGISTRATIONS = 1_000;
const KILL_AFTER = 250;
const CONCURRENCY = 8;
const PRODUCERS = 4;

/**
 * NATS killed (SIGKILL, its own server) in the middle of 1,000 product registrations sent to registration's
 * API, with reporting's durable consumer reading registration's stream: every registration commits (201),
 * the events wait in the outbox, and once NATS is back each is published exactly once and handled exactly
 * once by reporting: the same set of event ids in the outbox, in the stream (Nats-Msg-Id) and in reporting's
 * inbox, and read-model counters that a second handling would have moved (ideas registered, products per
 * stage) at exactly 1,000.
 */
describe('fault: NATS down during 1,000 registrations', () => {
  let db: TestDatabase | undefined;
  let nats: TestNatsServer | undefined;
  let registration: INestApplication | undefined;
  let reporting: INestApplication | undefined;
  let base = '';
  let token = '';

  beforeAll(async () => {
    db = await TestDatabase.create('fault_nats');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(reportingDataSource, 'reporting', db.url);
    nats = await TestNatsServer.start();
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS };
    ({ app: registration, url: base } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      env,
    ));
    ({ app: reporting } = await startHttpApp(
      async () => (await import('../../services/reporting/src/app.module')).ReportingApiModule,
      env,
    ));
    token = await testToken({ roles: ['commune_officer'], unitCode: '07432' });
  });

  afterAll(async () => {
    // Each step runs whatever failed before it, so no server outlives the suite.
    await reporting?.close().catch(() => undefined);
    await registration?.close().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
    await db?.drop();
  });

  async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db!.query<{ n: string }>(sql, params))[0]!.n);
  const pendingInOutbox = () => count('SELECT count(*) AS n FROM registration.outbox_event WHERE published_at IS NULL');
  const handledByReporting = () =>
    count(
      `SELECT count(*) AS n FROM reporting.inbox_event WHERE consumer = 'reporting' AND subject LIKE 'ocop.registration.%'`,
    );

  it('commits every registration, then publishes and handles each event exactly once after NATS is back', async () => {
    // The chain works before the fault: producers registered, published and handled by reporting.
    const producerIds: string[] = [];
    for (let i = 1; i <= PRODUCERS; i += 1) {
      const producer = await post('/producers', {
        taxCode: `240099900${i}`,
        name: `Hợp tác xã thử nghiệm số ${i}`,
        legalForm: 'cooperative',
        communeCode: '07432',
      });
      expect(producer.status).toBe(201);
      producerIds.push(String(producer.body['id']));
    }
    await eventually(async () => expect(await handledByReporting()).toBe(PRODUCERS), { timeoutMs: 30_000 });

    // 1,000 registrations from CONCURRENCY clients; NATS is killed after KILL_AFTER answers, requests in flight.
    const started = Date.now();
    const answers: { status: number; id: string }[] = [];
    let next = 0;
    let killed: Promise<void> | undefined;
    let killedAt = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REGISTRATIONS) {
          const i = (next += 1);
          const reply = await post('/products', {
            producerId: producerIds[i % PRODUCERS],
            name: `Sản phẩm ${String(i).padStart(4, '0')}`,
            group: 'food',
          });
          answers.push({ status: reply.status, id: String(reply.body['id']) });
          if (answers.length === KILL_AFTER) {
            killedAt = Date.now();
            killed = nats!.halt();
          }
        }
      }),
    );
    await killed;
    const sentIn = Date.now() - started;
    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    expect(answers).toHaveLength(REGISTRATIONS);

    // The events of everything registered after the kill wait in the outbox.
    const pendingAtRestart = await pendingInOutbox();
    expect(pendingAtRestart).toBeGreaterThanOrEqual(REGISTRATIONS - KILL_AFTER - CONCURRENCY);
    const downFor = Date.now() - killedAt;
    await nats!.resume();
    const resumedAt = Date.now();

    await eventually(async () => expect(await pendingInOutbox()).toBe(0), {
      timeoutMs: 120_000,
      intervalMs: 250,
      description: 'outbox drained after NATS came back',
    });
    const drainedIn = Date.now() - resumedAt;
    await eventually(async () => expect(await handledByReporting()).toBe(PRODUCERS + REGISTRATIONS), {
      timeoutMs: 180_000,
      intervalMs: 250,
      description: 'reporting handled every event',
    });
    const handledIn = Date.now() - resumedAt;

    // Registration: 1,000 products, each with its one event in the outbox.
    const productIds = (await db!.query<{ id: string }>('SELECT id FROM registration.product')).map((row) => row.id);
    expect(productIds.sort()).toEqual(answers.map((answer) => answer.id).sort());
    const outbox = await db!.query<{ id: string; subject: string; product_id: string | null }>(
      `SELECT id, subject, envelope->'data'->>'productId' AS product_id FROM registration.outbox_event`,
    );
    const outboxIds = outbox.map((row) => row.id).sort();
    expect(outbox).toHaveLength(PRODUCERS + REGISTRATIONS);
    expect(
      outbox
        .filter((row) => row.subject === RegistrationEvents.productRegistered.subject)
        .map((row) => row.product_id)
        .sort(),
    ).toEqual(productIds.sort());

    // JetStream: each outbox row published exactly once (nothing lost, no duplicate past the Nats-Msg-Id check).
    const client = await connect({ servers: nats!.url });
    let redelivered = 0;
    let settledIn = 0;
    try {
      const jsm = await client.jetstreamManager();
      const stream = streamOf('registration').name;
      const info = await jsm.streams.info(stream);
      expect(info.state.messages).toBe(PRODUCERS + REGISTRATIONS);
      const published: string[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
        published.push((await jsm.streams.getMessage(stream, { seq })).header.get('Nats-Msg-Id'));
      }
      expect(published.sort()).toEqual(outboxIds);
      // Deliveries handled before the kill whose acks were lost come again after the ack wait (30 s) and are
      // acked at once, their inbox rows being there: wait until the consumer has nothing outstanding.
      const consumer = await eventually(
        async () => {
          const state = await jsm.consumers.info(stream, 'reporting');
          expect({ pending: state.num_pending, unacked: state.num_ack_pending }).toEqual({ pending: 0, unacked: 0 });
          return state;
        },
        { timeoutMs: 120_000, intervalMs: 500, description: "reporting's consumer acked everything" },
      );
      // Deliveries beyond one per message: the redeliveries the inbox turned away.
      redelivered = consumer.delivered.consumer_seq - info.state.messages;
      settledIn = Date.now() - resumedAt;
    } finally {
      await client.close();
    }

    // Reporting: every event handled, none twice. The inbox holds the same ids …
    const inbox = await db!.query<{ event_id: string }>(
      `SELECT event_id FROM reporting.inbox_event WHERE consumer = 'reporting' AND subject LIKE 'ocop.registration.%'`,
    );
    expect(inbox.map((row) => row.event_id).sort()).toEqual(outboxIds);
    // … and the read models count each product once: a second handling would have added to these counters.
    const readModel = await db!.query<{ products: string; counted: string; ideas: string; producers: string }>(
      `SELECT (SELECT count(*) FROM reporting.rm_product) AS products,
              (SELECT coalesce(sum(count), 0) FROM reporting.rm_product_count) AS counted,
              (SELECT coalesce(sum(count), 0) FROM reporting.rm_activity WHERE metric = 'ideas_registered') AS ideas,
              (SELECT coalesce(sum(count), 0) FROM reporting.rm_activity WHERE metric = 'producers_registered') AS producers`,
    );
    expect(readModel[0]).toEqual({
      products: String(REGISTRATIONS),
      counted: String(REGISTRATIONS),
      ideas: String(REGISTRATIONS),
      producers: String(PRODUCERS),
    });
    const modelled = (await db!.query<{ id: string }>('SELECT product_id AS id FROM reporting.rm_product')).map(
      (r) => r.id,
    );
    expect(modelled.sort()).toEqual(productIds.sort());

    console.info(
      `${REGISTRATIONS} registrations over HTTP in ${sentIn} ms (${CONCURRENCY} clients), all 201; NATS killed after ` +
        `${KILL_AFTER} answers and down ${downFor} ms; ${pendingAtRestart} events waiting in the outbox at the restart; ` +
        `outbox drained ${drainedIn} ms and all ${PRODUCERS + REGISTRATIONS} events handled by reporting ${handledIn} ms ` +
        `after it, every delivery acked ${settledIn} ms after it (${redelivered} deliveries were repeats, found in the inbox); stream ` +
        `${PRODUCERS + REGISTRATIONS} messages = outbox = reporting's inbox; 0 handled twice`,
    );
  });
});

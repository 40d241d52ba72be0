import type { INestApplication } from '@nestjs/common';
import { connect } from 'nats';
import request from 'supertest';
import { eventually, testToken, type TestDatabase, type TestNatsServer } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(90_000);

/**
 * NATS goes away (our own server, killed as in a crash): registrations still commit, their events wait in
 * the outbox, and once NATS is back each is published exactly once.
 */
describe('outbox while NATS is down', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let token: string;
  let testApp: RegistrationTestApp | undefined;

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('nats_outage');
    ({ db, nats, app } = testApp);
    token = await testToken({ roles: ['commune_officer'], unitCode: '07432' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('commits registrations during the outage and publishes their events once NATS is back', async () => {
    const http = request(app.getHttpServer());
    const producer = await http
      .post('/api/v1/producers')
      .set('authorization', `Bearer ${token}`)
      .send({ taxCode: '2400777001', name: 'HTX Nông nghiệp Tân Dĩnh', legalForm: 'cooperative', communeCode: '07432' })
      .expect(201);
    await eventually(async () => {
      const [row] = await db.query<{ pending: string }>(
        'SELECT count(*) AS pending FROM registration.outbox_event WHERE published_at IS NULL',
      );
      expect(Number(row!.pending)).toBe(0);
    });

    await nats.halt();
    const names = ['Vải thiều Tân Dĩnh', 'Gạo nếp cái hoa vàng', 'Mỳ gạo Tân Dĩnh'];
    for (const name of names) {
      await http
        .post('/api/v1/products')
        .set('authorization', `Bearer ${token}`)
        .send({ producerId: producer.body.id, name, group: 'food' })
        .expect(201);
    }
    const products = await db.query('SELECT id FROM registration.product');
    expect(products).toHaveLength(3);
    // Give the relay time to try and fail while NATS is down.
    await new Promise((r) => setTimeout(r, 1_500));
    const waiting = await db.query<{ id: string; attempts: number }>(
      'SELECT id, attempts FROM registration.outbox_event WHERE published_at IS NULL ORDER BY sequence',
    );
    expect(waiting).toHaveLength(3);

    await nats.resume();
    await eventually(
      async () => {
        const [row] = await db.query<{ pending: string }>(
          'SELECT count(*) AS pending FROM registration.outbox_event WHERE published_at IS NULL',
        );
        expect(Number(row!.pending)).toBe(0);
      },
      { timeoutMs: 30_000, description: 'outbox drained after NATS came back' },
    );

    const client = await connect({ servers: nats.url });
    try {
      const jsm = await client.jetstreamManager();
      const info = await jsm.streams.info('OCOP_REGISTRATION', { subjects_filter: '>' });
      // One producer event and three product events: nothing lost, nothing twice.
      expect(info.state.messages).toBe(4);
      expect(info.state.subjects).toEqual({
        'ocop.registration.producer.registered.v1': 1,
        'ocop.registration.product.registered.v1': 3,
      });
      const ids = new Set<string>();
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
        const message = await jsm.streams.getMessage('OCOP_REGISTRATION', { seq });
        ids.add(message.header.get('Nats-Msg-Id'));
      }
      const outboxIds = await db.query<{ id: string }>('SELECT id FROM registration.outbox_event');
      expect([...ids].sort()).toEqual(outboxIds.map((row) => row.id).sort());
    } finally {
      await client.close();
    }
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import request from 'supertest';
import { testToken, type TestDatabase, type TestNatsServer } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(60_000);

/** Counts rows in every table a registration request may write. */
async function writes(db: TestDatabase): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM registration.producer) AS producers,
            (SELECT count(*) FROM registration.product) AS products,
            (SELECT count(*) FROM registration.outbox_event) AS events`,
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)]));
}

describe('registration API: producers and products', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let natsClient: NatsConnection;
  let bacNinhOfficer: string;
  let laiChauOfficer: string;

  const producer = {
    taxCode: '2400999001',
    name: 'Hợp tác xã Mật ong Nghĩa Hòa',
    legalForm: 'cooperative',
    communeCode: '07381',
    representative: 'Nguyễn Văn An',
  };

  let testApp: RegistrationTestApp | undefined;

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('registration_api');
    ({ db, nats, app } = testApp);
    http = request(app.getHttpServer());
    natsClient = await connect({ servers: nats.url });
    bacNinhOfficer = await testToken({ roles: ['province_officer'], unitCode: '24' });
    laiChauOfficer = await testToken({ roles: ['province_officer'], unitCode: '12' });
  });

  afterAll(async () => {
    await natsClient?.close();
    await testApp?.close();
  });

  describe('bad requests get the common error shape, a 4xx, and write nothing', () => {
    const cases: Array<[string, () => request.Test | Promise<request.Response>, number, string]> = [
      ['no token', () => http.post('/api/v1/producers').send(producer), 401, 'AUTH_REQUIRED'],
      [
        'a malformed token',
        () => http.post('/api/v1/producers').set('authorization', 'Bearer abc.def.ghi').send(producer),
        401,
        'AUTH_INVALID_TOKEN',
      ],
      [
        'malformed JSON',
        () =>
          http
            .post('/api/v1/producers')
            .set('authorization', `Bearer ${bacNinhOfficer}`)
            .set('content-type', 'application/json')
            .send('{"taxCode": '),
        400,
        'MALFORMED_JSON',
      ],
      [
        'wrong types',
        () =>
          http
            .post('/api/v1/producers')
            .set('authorization', `Bearer ${bacNinhOfficer}`)
            .send({ ...producer, name: 42, legalForm: 'king' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'missing fields',
        () => http.post('/api/v1/producers').set('authorization', `Bearer ${bacNinhOfficer}`).send({ name: 'HTX' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown field',
        () =>
          http
            .post('/api/v1/producers')
            .set('authorization', `Bearer ${bacNinhOfficer}`)
            .send({ ...producer, stars: 5 }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a bad tax code',
        () =>
          http
            .post('/api/v1/producers')
            .set('authorization', `Bearer ${bacNinhOfficer}`)
            .send({ ...producer, taxCode: '24009990' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown unit code',
        () =>
          http
            .post('/api/v1/producers')
            .set('authorization', `Bearer ${bacNinhOfficer}`)
            .send({ ...producer, communeCode: '99999' }),
        400,
        'UNKNOWN_UNIT',
      ],
      [
        'a commune outside the user’s province',
        () => http.post('/api/v1/producers').set('authorization', `Bearer ${laiChauOfficer}`).send(producer),
        403,
        'OUT_OF_JURISDICTION',
      ],
      [
        'a role that may not register',
        async () =>
          http
            .post('/api/v1/producers')
            .set('authorization', `Bearer ${await testToken({ roles: ['auditor'], unitCode: 'VN' })}`)
            .send(producer),
        403,
        'FORBIDDEN_ROLE',
      ],
      [
        'a product of an unknown producer',
        () =>
          http
            .post('/api/v1/products')
            .set('authorization', `Bearer ${bacNinhOfficer}`)
            .send({ producerId: '7d3c1a9e-0000-4000-8000-000000000000', name: 'Mật ong', group: 'food' }),
        404,
        'PRODUCER_NOT_FOUND',
      ],
    ];

    it.each(cases)('%s', async (_label, send, status, code) => {
      const before = await writes(db);
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
      expect(Object.keys(response.body).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
      expect(await writes(db)).toEqual(before);
    });

    it('answers in Vietnamese by default and in English on request', async () => {
      const vi = await http.post('/api/v1/producers').send(producer);
      const en = await http.post('/api/v1/producers').set('accept-language', 'en-US,en;q=0.9').send(producer);
      expect(vi.body.message).toBe('Cần đăng nhập (thiếu mã thông báo Bearer)');
      expect(en.body.message).toBe('Authentication required (missing Bearer token)');
    });

    it('lists each invalid field in details', async () => {
      const response = await http
        .post('/api/v1/producers')
        .set('authorization', `Bearer ${bacNinhOfficer}`)
        .send({ ...producer, taxCode: 'x', legalForm: 'king' });
      expect(response.body.details.map((problem: { field: string }) => problem.field).sort()).toEqual([
        'legalForm',
        'taxCode',
      ]);
    });
  });

  it('registers a producer and a product, with their events in the outbox and on JetStream', async () => {
    const jsm = await natsClient.jetstreamManager();
    const created = await http
      .post('/api/v1/producers')
      .set('authorization', `Bearer ${bacNinhOfficer}`)
      .send(producer)
      .expect(201);
    expect(created.body).toEqual(
      expect.objectContaining({ taxCode: producer.taxCode, provinceCode: '24', communeCode: '07381' }),
    );

    const duplicate = await http
      .post('/api/v1/producers')
      .set('authorization', `Bearer ${bacNinhOfficer}`)
      .send({ ...producer, name: 'Another name' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      code: 'PRODUCER_TAX_CODE_TAKEN',
      message: expect.stringContaining(producer.name),
      details: { existingProducerId: created.body.id },
    });

    const product = await http
      .post('/api/v1/products')
      .set('authorization', `Bearer ${bacNinhOfficer}`)
      .send({ producerId: created.body.id, name: 'Mật ong Nghĩa Hòa', group: 'food' })
      .expect(201);
    expect(product.body).toEqual(
      expect.objectContaining({ status: 'idea', provinceCode: '24', cycleYear: expect.any(Number) }),
    );

    const outbox = await db.query<{ subject: string }>(
      'SELECT subject FROM registration.outbox_event ORDER BY sequence',
    );
    expect(outbox.map((row) => row.subject)).toEqual([
      'ocop.registration.producer.registered.v1',
      'ocop.registration.product.registered.v1',
    ]);

    // The relay publishes both, once each.
    for (let i = 0; i < 100; i += 1) {
      const published = await db.query('SELECT 1 FROM registration.outbox_event WHERE published_at IS NOT NULL');
      if (published.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const info = await jsm.streams.info('OCOP_REGISTRATION');
    expect(info.state.messages).toBe(2);
    const stored = await jsm.streams.getMessage('OCOP_REGISTRATION', {
      last_by_subj: 'ocop.registration.product.registered.v1',
    });
    const envelope = stored.json<{ data: { productId: string; producerName: string } }>();
    expect(envelope.data).toEqual(expect.objectContaining({ productId: product.body.id, producerName: producer.name }));

    // Visible to the province, not to another province.
    await http.get(`/api/v1/products/${product.body.id}`).set('authorization', `Bearer ${bacNinhOfficer}`).expect(200);
    const foreign = await http
      .get(`/api/v1/products/${product.body.id}`)
      .set('authorization', `Bearer ${laiChauOfficer}`);
    expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
    const list = await http.get('/api/v1/products').set('authorization', `Bearer ${laiChauOfficer}`).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('resolves a unit of before July 2025 to the commune that contains it now', async () => {
    const response = await http
      .get('/api/v1/admin-units/legacy/07393/current')
      .set('authorization', `Bearer ${bacNinhOfficer}`)
      .expect(200);
    expect(response.body.legacy.name).toBe('Xã Tiên Lục');
    expect(response.body.current.map((unit: { code: string; name: string }) => `${unit.code} ${unit.name}`)).toEqual([
      '07381 Xã Tiên Lục',
    ]);
  });
});

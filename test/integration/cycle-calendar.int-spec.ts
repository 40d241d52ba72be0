import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { addDays, cycleStatusQuery, dateInVietnam, type CycleCalendarStep } from '@ocop/contracts';
import {
  createTestNamespace,
  eventually,
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import { evaluationDataSource } from '../../services/evaluation/src/database/data-source';
import { registrationDataSource } from '../../services/registration/src/database/data-source';

jest.setTimeout(120_000);

/**
 * A unit's OCOP year on the dev server: registration starts `cycle-<unit>-<year>` (hosted by evaluation's
 * worker), whose activities on registration's queue open and close the idea window; registration then
 * takes or refuses product ideas accordingly.
 */
describe('registration: a unit’s cycle calendar and its intake windows', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let temporal: Awaited<ReturnType<typeof createTestNamespace>>;
  let registration: INestApplication;
  const workers: INestApplicationContext[] = [];
  let officer: { authorization: string };
  let producerId: string;
  const today = dateInVietnam(new Date());
  const year = Number(today.slice(0, 4));
  const http = () => request(registration.getHttpServer());

  beforeAll(async () => {
    db = await TestDatabase.create('cycles');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(evaluationDataSource, 'evaluation', db.url);
    nats = await TestNatsServer.start();
    temporal = await createTestNamespace('cycles');
    ({ app: registration } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: temporal.namespace },
    ));
    for (const load of [
      async () => (await import('../../services/registration/src/worker.module')).RegistrationWorkerModule,
      async () => (await import('../../services/evaluation/src/worker.module')).EvaluationWorkerModule,
    ])
      workers.push(await NestFactory.createApplicationContext(await load(), { logger: false }));
    officer = { authorization: `Bearer ${await testToken({ roles: ['province_officer'], unitCode: '24' })}` };
    const producer = await http()
      .post('/api/v1/producers')
      .set(officer)
      .send({
        taxCode: '2400777001',
        name: 'Hợp tác xã Rau an toàn Tân Dĩnh',
        legalForm: 'cooperative',
        communeCode: '07432',
      })
      .expect(201);
    producerId = producer.body.id;
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await registration?.close();
    await temporal?.close();
    await nats?.stop();
    await db?.drop();
  });

  /** The default six steps in this year, with the idea window given (clamped to the year). */
  function calendar(ideasFrom: string, ideasTo: string): CycleCalendarStep[] {
    const clamp = (date: string) =>
      date < `${year}-01-01` ? `${year}-01-01` : date > `${year}-12-31` ? `${year}-12-31` : date;
    const step = (name: CycleCalendarStep['step'], from: string, to: string): CycleCalendarStep => ({
      step: name,
      nameVi: name,
      opensOn: clamp(from),
      closesOn: clamp(to),
      deadlines: [],
    });
    return [
      step('communication', `${year}-01-01`, `${year}-12-31`),
      step('ideas', ideasFrom, ideasTo),
      step('plans', `${year}-12-31`, `${year}-12-31`),
      step('implementation', `${year}-01-01`, `${year}-12-31`),
      step('evaluation', `${year}-01-01`, `${year}-12-31`),
      step('promotion', `${year}-01-01`, `${year}-12-31`),
    ];
  }

  const idea = (name: string) => http().post('/api/v1/products').set(officer).send({ producerId, name, group: 'food' });
  const windows = async () =>
    (await http().get(`/api/v1/cycles/24/${year}`).set(officer).expect(200)).body.windows as Record<string, string>;

  it('refuses a bad calendar or unit, with nothing written', async () => {
    const bad = calendar(today, today).filter((step) => step.step !== 'plans');
    const invalid = await http().post('/api/v1/cycles').set(officer).send({ unitCode: '24', year, steps: bad });
    expect({ status: invalid.status, code: invalid.body.code }).toEqual({
      status: 400,
      code: 'CYCLE_CALENDAR_INVALID',
    });
    expect(invalid.body.details.problems).toContain('step plans appears 0 times (once expected)');
    const district = await http().post('/api/v1/cycles').set(officer).send({ unitCode: '24999', year });
    expect(district.status).toBe(400);
    expect(await db.query('SELECT 1 FROM registration.cycle')).toHaveLength(0);
    // No cycle: ideas are taken all year.
    await idea('Rau cải ngồng Tân Dĩnh').expect(201);
  });

  it('opens the idea window on its dates and re-times it when the calendar changes', async () => {
    const started = await http()
      .post('/api/v1/cycles')
      .set(officer)
      .send({ unitCode: '24', year, steps: calendar(addDays(today, -1), addDays(today, 10)) })
      .expect(201);
    expect(started.body).toEqual(
      expect.objectContaining({ workflowId: `cycle-24-${year}`, windows: { ideas: 'scheduled', plans: 'scheduled' } }),
    );
    const again = await http().post('/api/v1/cycles').set(officer).send({ unitCode: '24', year });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CYCLE_EXISTS' });

    // The window opened yesterday: the workflow opens it at once.
    await eventually(async () => expect((await windows()).ideas).toBe('open'), { timeoutMs: 60_000 });
    await idea('Rau muống Tân Dĩnh').expect(201);

    // The province moves the window: it now lies ahead (or, late in December, behind). Ideas wait.
    const moved =
      today <= `${year}-12-15`
        ? calendar(addDays(today, 3), addDays(today, 10))
        : calendar(`${year}-01-01`, `${year}-01-02`);
    await http().put(`/api/v1/cycles/24/${year}/calendar`).set(officer).send({ steps: moved }).expect(200);
    const handle = temporal.client.workflow.getHandle(`cycle-24-${year}`);
    const expected = today <= `${year}-12-15` ? 'scheduled' : 'closed';
    await eventually(async () => expect((await windows()).ideas).toBe(expected), { timeoutMs: 60_000 });
    expect((await handle.query(cycleStatusQuery)).windows.ideas).toBe(expected);
    const refused = await idea('Rau dền Tân Dĩnh');
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'IDEA_WINDOW_NOT_OPEN' });
    const events = await db.query<{ subject: string }>(
      `SELECT subject FROM registration.outbox_event WHERE subject LIKE 'ocop.registration.cycle.%' ORDER BY sequence`,
    );
    expect(events.map((event) => event.subject)).toEqual(
      expect.arrayContaining(['ocop.registration.cycle.started.v1', 'ocop.registration.cycle.window-changed.v1']),
    );
  });

  it('refuses ideas while the window is closed', async () => {
    // Close the window for good: a calendar whose idea window ended yesterday (or today, on 1 January).
    const ended = calendar(`${year}-01-01`, today === `${year}-01-01` ? today : addDays(today, -1));
    await http().put(`/api/v1/cycles/24/${year}/calendar`).set(officer).send({ steps: ended }).expect(200);
    if (today === `${year}-01-01`) return;
    await eventually(async () => expect((await windows()).ideas).toBe('closed'), { timeoutMs: 60_000 });
    const refused = await idea('Rau mồng tơi Tân Dĩnh');
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'IDEA_WINDOW_NOT_OPEN' });
    expect(refused.body.message).toContain(`${year}-01-01`);
    const products = await db.query(`SELECT 1 FROM registration.product WHERE name = 'Rau mồng tơi Tân Dĩnh'`);
    expect(products).toHaveLength(0);
  });
});

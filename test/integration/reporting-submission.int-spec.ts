import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import {
  addDays,
  dateInVietnam,
  EvaluationEvents,
  reportingScheduleId,
  reportPeriodWorkflowId,
  type EventContract,
} from '@ocop/contracts';
import {
  createTestNamespace,
  eventually,
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestEventBus,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import { registrationDataSource } from '../../services/registration/src/database/data-source';
import { reportingDataSource } from '../../services/reporting/src/database/data-source';
import { calendarOf } from '../../services/reporting/src/obligation/reporting-calendar';
import { readObligations } from '../../services/reporting/src/obligation/reporting-obligations.data';

jest.setTimeout(240_000);

type Token = { authorization: string };

/**
 * Plans with their actuals, reports up the hierarchy (draft → submitted and frozen → accepted or returned by
 * the level above, timeliness and completeness over a unit's tree, every bad request refused with a stable
 * code and nothing written), and the obligations' Temporal Schedules on the dev server (own namespace) with
 * reporting's worker in this process: a triggered run opens the periods, catching up one whose days passed.
 */
describe('reporting: plans, submissions up the hierarchy, schedules', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let bus: TestEventBus;
  let temporal: Awaited<ReturnType<typeof createTestNamespace>>;
  let registration: INestApplication;
  let reporting: INestApplication;
  let worker: INestApplicationContext;
  const tokens: Record<string, Token> = {};
  const http = () => request(reporting.getHttpServer());

  const today = dateInVietnam(new Date());
  const monthKey = (date: string) => `${date.slice(0, 4)}-M${date.slice(5, 7)}`;
  /** A month whose deadline has passed, and one whose deadline is ahead. */
  const pastPeriod = monthKey(addDays(`${today.slice(0, 7)}-01`, -40));
  const nextPeriod = monthKey(addDays(`${today.slice(0, 7)}-01`, 40));

  beforeAll(async () => {
    db = await TestDatabase.create('reporting_sub');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(reportingDataSource, 'reporting', db.url);
    nats = await TestNatsServer.start();
    temporal = await createTestNamespace('reporting');
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: temporal.namespace };
    ({ app: registration } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      env,
    ));
    ({ app: reporting } = await startHttpApp(
      async () => (await import('../../services/reporting/src/app.module')).ReportingApiModule,
      env,
    ));
    worker = await NestFactory.createApplicationContext(
      (await import('../../services/reporting/src/worker.module')).ReportingWorkerModule,
      { logger: false },
    );
    bus = await TestEventBus.connect(nats.url);
    const users: [string, Parameters<typeof testToken>[0]['roles'], string][] = [
      ['tanDinh', ['commune_officer'], '07432'],
      ['langGiang', ['commune_officer'], '07375'],
      ['bacNinh', ['province_officer'], '24'],
      ['thanhHoa', ['province_officer'], '38'],
      ['ministry', ['ministry_officer'], 'VN'],
      ['admin', ['admin'], 'VN'],
    ];
    for (const [key, roles, unitCode] of users)
      tokens[key] = { authorization: `Bearer ${await testToken({ roles, unitCode, subject: `user-${key}` })}` };
  });

  afterAll(async () => {
    for (const obligation of readObligations().filter((candidate) => candidate.current))
      await temporal?.client.schedule
        .getHandle(reportingScheduleId(obligation.code))
        .delete()
        .catch(() => undefined);
    await worker?.close();
    await bus?.close();
    await reporting?.close();
    await registration?.close();
    await temporal?.close();
    await nats?.stop();
    await db?.drop();
  });

  const publish = <T>(contract: EventContract<T>, data: T) => bus.publish(contract, data);
  const caughtUp = () => bus.caughtUp(db, 'reporting');

  const certificate = (
    productId: string,
    stars: number,
    kind: 'new' | 'upgrade' | 're_evaluation',
    communeCode: string,
    issuedOn: string,
  ) =>
    publish(EvaluationEvents.certificateIssued, {
      certificateId: randomUUID(),
      number: `24-${randomUUID().slice(0, 6)}`,
      productId,
      producerId: randomUUID(),
      productName: 'x',
      producerName: 'x',
      group: 'food',
      stars,
      level: 'province',
      kind,
      issuingUnitCode: '24',
      provinceCode: '24',
      communeCode,
      decisionId: randomUUID(),
      issuedOn,
      validUntil: addDays(issuedOn, 365 * 3),
      supersedes: null,
    });

  async function expectError(response: request.Test, status: number, code: string): Promise<void> {
    const result = await response;
    expect({ status: result.status, code: result.body.code }).toEqual({ status, code });
  }

  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM reporting.${table}`))[0]!.n);

  describe('plans', () => {
    it('pre-loads the plans with their sources, and measures their targets from the records', async () => {
      const mine = await http().get('/api/v1/plans').set(tokens['bacNinh']!).expect(200);
      expect(mine.body.map((plan: { code: string }) => plan.code)).toEqual(['lang-giang-2024']);
      const all = await http().get('/api/v1/plans').set(tokens['ministry']!).expect(200);
      expect(all.body.map((plan: { code: string }) => plan.code)).toEqual([
        'lang-giang-2024',
        'lao-cai-2018-2020',
        'ngoc-hoi-2021-2025',
      ]);
      const plan = await http().get('/api/v1/plans/lang-giang-2024').set(tokens['bacNinh']!).expect(200);
      expect(plan.body.targets.map((target: { value: number }) => target.value)).toEqual([8, 1, 11, 1, 1]);
      expect(plan.body.source.seed).toBe('003_ffe4850c18d5b9c6.txt');

      // 2024 in the former Lạng Giang (now communes of Bắc Ninh): two new products, one upgrade; one elsewhere.
      await certificate(randomUUID(), 3, 'new', '07432', '2024-06-20');
      await certificate(randomUUID(), 4, 'new', '07375', '2024-10-20');
      await certificate(randomUUID(), 4, 'upgrade', '07381', '2024-10-20');
      await certificate(randomUUID(), 5, 'new', '07240', '2024-10-20');
      await caughtUp();
      const progress = await http()
        .get('/api/v1/plans/lang-giang-2024/progress')
        .query({ asOf: '2025-01-15' })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(
        progress.body.map((t: { code: string; actual: number; status: string }) => `${t.code} ${t.actual} ${t.status}`),
      ).toEqual([
        'new-products-3-stars 2 missed',
        'upgrade-to-4-stars 1 achieved',
        're-evaluations 0 missed',
        'new-product-3-stars-each-commune 0 missed',
        'four-star-product-duong-duc 0 missed',
      ]);
      const midYear = await http()
        .get('/api/v1/plans/lang-giang-2024/progress')
        .query({ asOf: '2024-07-01' })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(midYear.body[0]).toEqual(expect.objectContaining({ actual: 1, progress: 0.125, status: 'in_progress' }));
      await expectError(
        http().get('/api/v1/plans/ngoc-hoi-2021-2025').set(tokens['bacNinh']!),
        403,
        'OUT_OF_JURISDICTION',
      );
      await expectError(http().get('/api/v1/plans/nowhere').set(tokens['ministry']!), 404, 'PLAN_NOT_FOUND');
    });

    it('records the actuals a target or a budget line needs, and refuses what does not fit, writing nothing', async () => {
      const put = (path: string, body: object, token: Token = tokens['ministry']!) =>
        http().put(`/api/v1/plans/${path}`).set(token).send(body);
      await put('ngoc-hoi-2021-2025/targets/trained-labour-share/actual', {
        value: 12.5,
        note: 'Báo cáo của Phòng LĐ-TB&XH',
      }).expect(200);
      const progress = await http()
        .get('/api/v1/plans/ngoc-hoi-2021-2025/progress')
        .set(tokens['ministry']!)
        .expect(200);
      expect(progress.body.find((t: { code: string }) => t.code === 'trained-labour-share')).toEqual(
        expect.objectContaining({ actual: 12.5, achieved: true, status: 'achieved' }),
      );
      expect(progress.body.find((t: { code: string }) => t.code === 'value-chain-products').status).toBe(
        'not_recorded',
      );
      await put('lao-cai-2018-2020/budget/IV.3/actuals/2019', { value: 5800 }).expect(200);
      const before = await count('plan_actual');
      await expectError(
        put('ngoc-hoi-2021-2025/targets/products-3-stars/actual', { value: 3 }),
        409,
        'PLAN_TARGET_MEASURED',
      );
      await expectError(
        put('lao-cai-2018-2020/budget/IV.3/actuals/2021', { value: 1 }),
        400,
        'BUDGET_YEAR_NOT_IN_PLAN',
      );
      await expectError(put('lao-cai-2018-2020/budget/XII.1/actuals/2019', { value: 1 }), 404, 'BUDGET_LINE_NOT_FOUND');
      await expectError(put('lao-cai-2018-2020/budget/IV.3/actuals/2019', { value: -1 }), 400, 'VALIDATION_FAILED');
      await expectError(
        put('lang-giang-2024/targets/re-evaluations/actual', { value: 1 }, tokens['tanDinh']),
        403,
        'FORBIDDEN_ROLE',
      );
      await expectError(
        put('ngoc-hoi-2021-2025/targets/trained-labour-share/actual', { value: 1 }, tokens['bacNinh']),
        403,
        'OUT_OF_JURISDICTION',
      );
      expect(await count('plan_actual')).toBe(before);
      const budget = await http().get('/api/v1/plans/lao-cai-2018-2020/budget').set(tokens['ministry']!).expect(200);
      expect(budget.body.stated).toEqual({ total: 137442, byYear: { '2018': 1414, '2019': 86232, '2020': 49796 } });
      expect(budget.body.sums.byYear['2019']).toBe(86232);
      expect(budget.body.actualByYear).toEqual({ '2018': 0, '2019': 5800, '2020': 0 });
      expect(budget.body.lines.find((line: { code: string }) => line.code === 'IV.3')).toEqual(
        expect.objectContaining({
          planned: { '2018': 338.4, '2019': 6126, '2020': 4335 },
          actual: { '2018': null, '2019': 5800, '2020': null },
        }),
      );
      const changes = await db.query(`SELECT action FROM reporting.change_record WHERE entity_type = 'plan_actual'`);
      expect(changes).toHaveLength(2);
    });
  });

  describe('reports up the hierarchy', () => {
    let reportId: string;

    it('refuses a period or obligation that does not exist, a unit that does not report, another unit: nothing written', async () => {
      const create = (body: object, token: Token = tokens['tanDinh']!) =>
        http().post('/api/v1/reports').set(token).send(body);
      await expectError(
        create({ obligationCode: 'commune-month', periodKey: '2026-Q1' }),
        400,
        'OBLIGATION_PERIOD_NOT_FOUND',
      );
      await expectError(
        create({ obligationCode: 'commune-month', periodKey: '2025-M03' }),
        400,
        'OBLIGATION_PERIOD_NOT_FOUND',
      );
      await expectError(create({ obligationCode: 'commune-month', periodKey: '2026-M13' }), 400, 'VALIDATION_FAILED');
      await expectError(
        create({ obligationCode: 'ngoc-hoi-month', periodKey: '2025-M03' }),
        409,
        'OBLIGATION_NOT_CURRENT',
      );
      await expectError(create({ obligationCode: 'nowhere', periodKey: pastPeriod }), 404, 'OBLIGATION_NOT_FOUND');
      await expectError(
        create({ obligationCode: 'thanh-hoa-year', periodKey: '2026' }),
        409,
        'REPORT_UNIT_NOT_REPORTER',
      );
      await expectError(
        create({ obligationCode: 'commune-month', periodKey: pastPeriod, unitCode: '07375' }),
        403,
        'REPORT_NOT_YOUR_UNIT',
      );
      await expectError(
        create({ obligationCode: 'commune-month', periodKey: pastPeriod }, tokens['bacNinh']),
        409,
        'REPORT_UNIT_NOT_REPORTER',
      );
      expect(await count('report')).toBe(0);
      expect(await db.query(`SELECT 1 FROM reporting.change_record WHERE entity_type = 'report'`)).toHaveLength(0);
    });

    it('drafts, submits late with the figures frozen, refuses a second submission and a decision from the wrong level', async () => {
      const draft = await http()
        .post('/api/v1/reports')
        .set(tokens['tanDinh']!)
        .send({ obligationCode: 'commune-month', periodKey: pastPeriod, summary: 'Tình hình tháng' })
        .expect(201);
      reportId = draft.body.id;
      expect(draft.body).toEqual(expect.objectContaining({ status: 'draft', recipientUnitCode: '24', frozen: false }));
      await expectError(
        http()
          .post('/api/v1/reports')
          .set(tokens['tanDinh']!)
          .send({ obligationCode: 'commune-month', periodKey: pastPeriod }),
        409,
        'REPORT_EXISTS',
      );
      const submitted = await http()
        .post(`/api/v1/reports/${reportId}/submit`)
        .set(tokens['tanDinh']!)
        .send({})
        .expect(200);
      expect(submitted.body).toEqual(
        expect.objectContaining({ status: 'submitted', timeliness: 'late', submissions: 1, frozen: true }),
      );
      const frozen = (await http().get(`/api/v1/reports/${reportId}/document`).set(tokens['bacNinh']!).expect(200)).body
        .document;

      // A certificate issued in the period afterwards changes the live figures, not the submitted report.
      const month = `${pastPeriod.slice(0, 4)}-${pastPeriod.slice(6, 8)}`;
      await certificate(randomUUID(), 3, 'new', '07432', `${month}-05`);
      await caughtUp();
      const live = await http()
        .get('/api/v1/reports/figures')
        .query({ unit: '07432', period: pastPeriod })
        .set(tokens['tanDinh']!)
        .expect(200);
      expect(live.body.figures.certificates_issued).toBe(frozen.figures.certificates_issued + 1);
      expect(
        (await http().get(`/api/v1/reports/${reportId}/document`).set(tokens['tanDinh']!).expect(200)).body.document,
      ).toEqual(frozen);

      const changes = await count('change_record');
      await expectError(
        http().post(`/api/v1/reports/${reportId}/submit`).set(tokens['tanDinh']!).send({}),
        409,
        'REPORT_ALREADY_SUBMITTED',
      );
      await expectError(
        http().patch(`/api/v1/reports/${reportId}`).set(tokens['tanDinh']!).send({ summary: 'x' }),
        409,
        'REPORT_NOT_EDITABLE',
      );
      for (const token of ['ministry', 'thanhHoa', 'tanDinh'])
        await expectError(
          http().post(`/api/v1/reports/${reportId}/accept`).set(tokens[token]!).send({}),
          403,
          'REPORT_WRONG_LEVEL',
        );
      await expectError(
        http().post(`/api/v1/reports/${reportId}/return`).set(tokens['ministry']!).send({ reason: 'Thiếu số liệu' }),
        403,
        'REPORT_WRONG_LEVEL',
      );
      await expectError(
        http().post(`/api/v1/reports/${reportId}/return`).set(tokens['bacNinh']!).send({ reason: '' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(await count('change_record')).toBe(changes);
      expect((await http().get(`/api/v1/reports/${reportId}`).set(tokens['tanDinh']!).expect(200)).body.status).toBe(
        'submitted',
      );
    });

    it('is returned with a reason by the province, submitted again and accepted; each step told and published', async () => {
      const returned = await http()
        .post(`/api/v1/reports/${reportId}/return`)
        .set(tokens['bacNinh']!)
        .send({ reason: 'Thiếu số liệu hỗ trợ bao bì, nhãn mác' })
        .expect(200);
      expect(returned.body).toEqual(
        expect.objectContaining({ status: 'returned', returnReason: 'Thiếu số liệu hỗ trợ bao bì, nhãn mác' }),
      );
      const inbox = await http()
        .get('/api/v1/notifications')
        .query({ kind: 'report_returned' })
        .set(tokens['tanDinh']!)
        .expect(200);
      expect(inbox.body.items[0].body).toContain('Thiếu số liệu hỗ trợ bao bì, nhãn mác');
      await expectError(
        http().post(`/api/v1/reports/${reportId}/accept`).set(tokens['bacNinh']!).send({}),
        409,
        'REPORT_NOT_SUBMITTED',
      );
      await http()
        .patch(`/api/v1/reports/${reportId}`)
        .set(tokens['tanDinh']!)
        .send({ summary: 'Đã bổ sung số liệu' })
        .expect(200);
      const again = await http()
        .post(`/api/v1/reports/${reportId}/submit`)
        .set(tokens['tanDinh']!)
        .send({})
        .expect(200);
      expect(again.body).toEqual(
        expect.objectContaining({ status: 'submitted', submissions: 2, timeliness: 'late', returnReason: null }),
      );
      const accepted = await http()
        .post(`/api/v1/reports/${reportId}/accept`)
        .set(tokens['bacNinh']!)
        .send({})
        .expect(200);
      expect(accepted.body.status).toBe('accepted');
      const events = await db.query<{ subject: string }>(
        `SELECT subject FROM reporting.outbox_event ORDER BY sequence`,
      );
      expect(events.map((event) => event.subject)).toEqual([
        'ocop.reporting.report.submitted.v1',
        'ocop.reporting.report.returned.v1',
        'ocop.reporting.report.submitted.v1',
        'ocop.reporting.report.accepted.v1',
      ]);
      const provinceInbox = await http()
        .get('/api/v1/notifications')
        .query({ kind: 'report_submitted' })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(provinceInbox.body.total).toBe(2);
      const actions = await db.query<{ action: string }>(
        `SELECT action FROM reporting.change_record WHERE entity_type = 'report' ORDER BY id`,
      );
      expect(actions.map((row) => row.action)).toEqual([
        'created',
        'submitted',
        'returned',
        'updated',
        'submitted',
        'accepted',
      ]);
    });

    it('tells who reported on time, late or not at all, and how complete each level is', async () => {
      const next = await http()
        .post('/api/v1/reports')
        .set(tokens['langGiang']!)
        .send({ obligationCode: 'commune-month', periodKey: nextPeriod })
        .expect(201);
      await http().post(`/api/v1/reports/${next.body.id}/submit`).set(tokens['langGiang']!).send({}).expect(200);

      const past = await http()
        .get('/api/v1/reports/completeness')
        .query({ obligation: 'commune-month', period: pastPeriod })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(past.body.summary).toEqual(
        expect.objectContaining({
          expected: 99,
          submitted: 1,
          accepted: 1,
          late: 1,
          onTime: 0,
          missing: 98,
          pending: 0,
        }),
      );
      expect(past.body.units.find((row: { unitCode: string }) => row.unitCode === '07432')).toEqual(
        expect.objectContaining({ state: 'accepted', timeliness: 'late', unitName: 'Xã Tân Dĩnh' }),
      );
      const ahead = await http()
        .get('/api/v1/reports/completeness')
        .query({ obligation: 'commune-month', period: nextPeriod })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(ahead.body.summary).toEqual(
        expect.objectContaining({ expected: 99, submitted: 1, onTime: 1, missing: 0, pending: 98 }),
      );
      const national = await http()
        .get('/api/v1/reports/completeness')
        .query({ obligation: 'commune-month', period: pastPeriod, unit: 'VN' })
        .set(tokens['ministry']!)
        .expect(200);
      expect(national.body.summary.expected).toBe(3321);
      expect(national.body.byRecipient).toHaveLength(34);
      expect(
        national.body.byRecipient.find((row: { recipientUnitCode: string }) => row.recipientUnitCode === '24'),
      ).toEqual(expect.objectContaining({ expected: 99, submitted: 1, completeness: 0.0101 }));
      await expectError(
        http()
          .get('/api/v1/reports/completeness')
          .query({ obligation: 'commune-month', period: pastPeriod, unit: '24' })
          .set(tokens['thanhHoa']!),
        403,
        'OUT_OF_JURISDICTION',
      );
      const xlsx = await http()
        .get(`/api/v1/reports/${reportId}/export`)
        .query({ format: 'xlsx' })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const pdf = await http()
        .get(`/api/v1/reports/${reportId}/export`)
        .query({ format: 'pdf' })
        .set(tokens['bacNinh']!)
        .expect(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    });
  });

  describe('schedules (Temporal, Asia/Ho_Chi_Minh)', () => {
    it('creates one schedule per obligation with its time zone, catch-up window and overlap policy', async () => {
      const synced = await http().post('/api/v1/admin/schedules/sync').set(tokens['admin']!).expect(200);
      expect(synced.body.map((s: { scheduleId: string; action: string }) => `${s.scheduleId} ${s.action}`)).toEqual([
        'reporting-thanh-hoa-half-year created',
        'reporting-thanh-hoa-year created',
        'reporting-commune-month created',
        'reporting-province-month created',
      ]);
      expect(synced.body[3]).toEqual(
        expect.objectContaining({ timezone: 'Asia/Ho_Chi_Minh', overlap: 'BUFFER_ALL', catchupWindow: '31 days' }),
      );
      const described = await http().get('/api/v1/admin/schedules').set(tokens['admin']!).expect(200);
      const monthly = described.body.find((s: { scheduleId: string }) => s.scheduleId === 'reporting-province-month');
      expect(monthly).toEqual(
        expect.objectContaining({
          timezone: 'Asia/Ho_Chi_Minh',
          overlap: 'BUFFER_ALL',
          catchupWindowMs: 31 * 86_400_000,
          paused: false,
        }),
      );
      // 07:00 in Vietnam on the first of the month is 00:00 UTC.
      expect(monthly.nextActionTimes[0]).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z$/);
      const again = await http().post('/api/v1/admin/schedules/sync').set(tokens['admin']!).expect(200);
      expect(again.body.map((s: { action: string }) => s.action)).toEqual(['updated', 'updated', 'updated', 'updated']);
    });

    it('a run opens the current period and catches up a recent one whose days passed: overdue units escalated once', async () => {
      const obligation = readObligations().find((candidate) => candidate.code === 'province-month')!;
      const year = Number(today.slice(0, 4));
      const expected = [...calendarOf(obligation, year - 1), ...calendarOf(obligation, year)]
        .filter((period) => period.start <= today && addDays(period.escalation, 31) >= today)
        .map((period) => period.key);
      await http().post('/api/v1/admin/schedules/province-month/trigger').set(tokens['admin']!).expect(200);
      await eventually(
        async () => {
          const rows = await db.query<{ period_key: string; expected: number }>(
            `SELECT period_key, expected FROM reporting.report_period WHERE obligation_code = 'province-month' ORDER BY period_key`,
          );
          expect(rows).toEqual(expected.map((key) => ({ period_key: key, expected: 34 })));
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      for (const key of expected)
        await temporal.client.workflow.getHandle(reportPeriodWorkflowId('province-month', key)).describe();
      const past = calendarOf(obligation, year)
        .concat(calendarOf(obligation, year - 1))
        .filter((period) => expected.includes(period.key) && period.escalation < today);
      if (past.length > 0) {
        // A period whose escalation day passed before it was opened: the ministry is told at once.
        await eventually(
          async () => {
            const overdue = await db.query<{ n: string }>(
              `SELECT count(*) AS n FROM reporting.notification WHERE kind = 'reports_overdue' AND unit_code = 'VN'`,
            );
            expect(Number(overdue[0]!.n)).toBe(past.length);
          },
          { timeoutMs: 60_000 },
        );
      }
      // Reminders fire on their own clock; what a run writes is the opening and the escalation.
      const written = async () =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*) AS n FROM reporting.notification WHERE kind IN ('report_opened', 'reports_overdue', 'report_overdue')`,
            )
          )[0]!.n,
        );
      const notifications = await written();
      const opened = await count('report_period');
      // Triggered again (a caught-up run): nothing is opened or told twice.
      await http().post('/api/v1/admin/schedules/province-month/trigger').set(tokens['admin']!).expect(200);
      await eventually(
        async () => {
          const description = await temporal.client.schedule.getHandle('reporting-province-month').describe();
          expect(description.info.recentActions.length).toBe(2);
          const run = temporal.client.workflow.getHandle(description.info.recentActions[1]!.action.workflow.workflowId);
          await expect(run.result()).resolves.toEqual(expect.objectContaining({ opened: [], alreadyOpen: expected }));
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(await count('report_period')).toBe(opened);
      expect(await written()).toBe(notifications);
    });
  });
});

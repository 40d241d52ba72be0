import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { addDays, EvaluationEvents, RegistrationEvents, type EventContract } from '@ocop/contracts';
import {
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

jest.setTimeout(180_000);

type Token = { authorization: string };
type Json = Record<string, unknown>;
interface UnitRow {
  unitCode: string;
  unitName: string;
  actual: number;
  status: string;
}
interface ProgressRow extends Json {
  code: string;
  actual: number | null;
  status: string;
  units?: UnitRow[];
}
/** "code actual status" of each target. */
const summary = (rows: ProgressRow[]) => rows.map((row) => `${row.code} ${String(row.actual)} ${row.status}`);

const PLANS_DIR = join(__dirname, '..', '..', 'services', 'reporting', 'data', 'plans');
const planFile = (code: string): Json => JSON.parse(readFileSync(join(PLANS_DIR, `${code}.json`), 'utf8')) as Json;
/** What the API adds to a plan's document: where it stands. */
const RECORD_FIELDS = [
  'status',
  'preloaded',
  'revision',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
  'withdrawal',
];
const documentOf = (body: Json): Json =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !RECORD_FIELDS.includes(key)));

/**
 * Plans in the database over HTTP, with registration beside reporting for jurisdiction and the read models fed
 * by events on JetStream: the pre-loaded plans answer as their files (and as before), a planner creates a plan
 * with its scope, targets and budget, amends it (header, targets, budget lines), withdraws it; the progress of
 * its targets as a whole, per commune and in one commune comes from the read models; every bad request answers
 * its code and writes nothing; every change is in the change log; the lookups use the plan table's indexes.
 */
describe('reporting: plans created and amended over HTTP', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let bus: TestEventBus;
  let registration: INestApplication;
  let reporting: INestApplication;
  const tokens: Record<string, Token> = {};
  const http = () => request(reporting.getHttpServer());

  beforeAll(async () => {
    db = await TestDatabase.create('reporting_plans');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(reportingDataSource, 'reporting', db.url);
    nats = await TestNatsServer.start();
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS };
    ({ app: registration } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      env,
    ));
    ({ app: reporting } = await startHttpApp(
      async () => (await import('../../services/reporting/src/app.module')).ReportingApiModule,
      env,
    ));
    bus = await TestEventBus.connect(nats.url);
    const users: [string, Parameters<typeof testToken>[0]['roles'], string][] = [
      ['bacNinh', ['province_officer'], '24'],
      ['bacNinhDistrict', ['district_officer'], '24'],
      ['thanhHoa', ['province_officer'], '38'],
      ['tanDinh', ['commune_officer'], '07432'],
      ['auditor', ['auditor'], 'VN'],
      ['ministry', ['ministry_officer'], 'VN'],
    ];
    for (const [key, roles, unitCode] of users)
      tokens[key] = { authorization: `Bearer ${await testToken({ roles, unitCode, subject: `user-${key}` })}` };
  });

  afterAll(async () => {
    await bus?.close();
    await reporting?.close();
    await registration?.close();
    await nats?.stop();
    await db?.drop();
  });

  const publish = <T>(contract: EventContract<T>, data: T) => bus.publish(contract, data);
  const caughtUp = () => bus.caughtUp(db, 'reporting');

  const certificate = (
    stars: number,
    kind: 'new' | 'upgrade' | 're_evaluation',
    communeCode: string,
    issuedOn: string,
    provinceCode = '24',
  ) =>
    publish(EvaluationEvents.certificateIssued, {
      certificateId: randomUUID(),
      number: `${provinceCode}-${randomUUID().slice(0, 6)}`,
      productId: randomUUID(),
      producerId: randomUUID(),
      productName: 'x',
      producerName: 'x',
      group: 'food',
      stars,
      level: 'province',
      kind,
      issuingUnitCode: provinceCode,
      provinceCode,
      communeCode,
      decisionId: randomUUID(),
      issuedOn,
      validUntil: addDays(issuedOn, 365 * 3),
      supersedes: null,
    });

  const producer = (legalForm: 'cooperative' | 'business_household', communeCode: string) =>
    publish(RegistrationEvents.producerRegistered, {
      producerId: randomUUID(),
      name: 'x',
      legalForm,
      taxCode: '2400777001',
      provinceCode: '24',
      communeCode,
      registeredAt: '2026-02-10T02:00:00.000Z',
    });

  async function expectError(response: request.Test, status: number, code: string): Promise<request.Response> {
    const result = await response;
    expect({ status: result.status, code: result.body.code }).toEqual({ status, code });
    expect(Object.keys(result.body).sort()).toEqual(expect.arrayContaining(['code', 'message']));
    return result;
  }

  /** Everything a plan request may write. */
  const written = async () =>
    (
      await db.query<{ plans: string; changes: string; actuals: string; digest: string }>(
        `SELECT (SELECT count(*) FROM reporting.plan) AS plans,
                (SELECT count(*) FROM reporting.change_record) AS changes,
                (SELECT count(*) FROM reporting.plan_actual) AS actuals,
                (SELECT md5(string_agg(p::text, '|' ORDER BY code)) FROM reporting.plan p) AS digest`,
      )
    )[0]!;

  const progress = async (planCode: string, asOf: string, token: Token = tokens['bacNinh']!) =>
    (await http().get(`/api/v1/plans/${planCode}/progress`).query({ asOf }).set(token).expect(200))
      .body as ProgressRow[];

  /** A plan of Bắc Ninh over three of its 2025 communes, with one target of each kind and a budget. */
  const newPlan = (): Json => ({
    code: 'bac-ninh-lang-giang-2026',
    title: 'Kế hoạch thực hiện Chương trình OCOP vùng Lạng Giang năm 2026',
    issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    scope: { provinceCode: '24', communeCodes: ['07375', '07420', '07432'], note: 'Ba xã phía bắc của tỉnh' },
    from: '2026-01-01',
    to: '2026-12-31',
    source: { document: 'Kế hoạch số 5/KH-UBND ngày 10/01/2026 của UBND tỉnh Bắc Ninh', section: 'II. Mục tiêu' },
    targets: [
      {
        code: 'products-3-stars',
        labelVi: 'Sản phẩm OCOP đạt 3 sao trở lên',
        indicator: 'certified_products',
        params: { minStars: 3 },
        value: 2,
        unit: 'products',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: 'Phấn đấu có ít nhất 02 sản phẩm đạt 3 sao trở lên',
      },
      {
        code: 'new-product-each-commune',
        labelVi: 'Mỗi xã có thêm 01 sản phẩm mới đạt 3 sao',
        indicator: 'certified_products',
        params: { minStars: 3, kinds: ['new'] },
        value: 1,
        unit: 'products',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: 'mỗi xã phát triển thêm tối thiểu 01 sản phẩm',
        per: 'commune',
      },
      {
        code: 'four-stars-my-thai',
        labelVi: 'Một sản phẩm 4 sao tại xã Mỹ Thái',
        indicator: 'certified_products',
        params: { minStars: 4 },
        value: 1,
        unit: 'products',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: '01 sản phẩm đạt 4 sao (xã Mỹ Thái)',
        unitCode: '07420',
      },
      {
        code: 'cooperative-share',
        labelVi: 'Tỷ lệ chủ thể là hợp tác xã',
        indicator: 'producer_share',
        params: { legalForm: 'cooperative' },
        value: 30,
        unit: 'percent',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: 'ít nhất 30% chủ thể là hợp tác xã',
      },
      {
        code: 'trained-labour',
        labelVi: 'Lao động được đào tạo',
        indicator: 'manual',
        value: 50,
        unit: 'people',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: 'đào tạo 50 lao động',
      },
    ],
    budget: {
      unitAmount: 1_000_000,
      unitLabel: 'triệu đồng',
      years: [2026],
      statedTotal: 150,
      sections: [
        {
          code: 'I',
          title: 'Tuyên truyền, tập huấn',
          lines: [
            {
              code: 'I.1',
              item: 'Hội nghị triển khai',
              lead: ['Sở Nông nghiệp và Môi trường'],
              partners: ['UBND các xã'],
              amounts: { '2026': 50 },
            },
            {
              code: 'I.2',
              item: 'Tập huấn chủ thể',
              lead: ['Sở Nông nghiệp và Môi trường'],
              partners: [],
              amounts: { '2026': 100 },
              total: 100,
            },
          ],
        },
      ],
    },
  });

  it('answers the pre-loaded plans exactly as their files, loaded by the migration', async () => {
    const all = await http().get('/api/v1/plans').set(tokens['ministry']!).expect(200);
    expect(all.body.map((plan: Json) => plan['code'])).toEqual([
      'lang-giang-2024',
      'lao-cai-2018-2020',
      'ngoc-hoi-2021-2025',
    ]);
    expect(all.body[0]).not.toHaveProperty('targets');
    const mine = await http().get('/api/v1/plans').set(tokens['bacNinh']!).expect(200);
    expect(mine.body.map((plan: Json) => plan['code'])).toEqual(['lang-giang-2024']);
    for (const code of ['lang-giang-2024', 'lao-cai-2018-2020', 'ngoc-hoi-2021-2025']) {
      const plan = await http().get(`/api/v1/plans/${code}`).set(tokens['ministry']!).expect(200);
      // The document, field for field and in the file's order; then where it stands.
      expect(JSON.stringify(documentOf(plan.body))).toBe(JSON.stringify(planFile(code)));
      expect(plan.body).toEqual(
        expect.objectContaining({
          status: 'active',
          preloaded: true,
          revision: 1,
          createdBy: 'system:reporting',
          updatedBy: null,
          withdrawal: null,
        }),
      );
    }
    const budget = await http().get('/api/v1/plans/lao-cai-2018-2020/budget').set(tokens['ministry']!).expect(200);
    expect(budget.body.stated).toEqual({ total: 137442, byYear: { '2018': 1414, '2019': 86232, '2020': 49796 } });
    expect(budget.body.sums.byYear).toEqual({ '2018': 1413.9, '2019': 86232, '2020': 49796 });
    expect(budget.body.lines).toHaveLength(38);
    // A target as a whole answers the fields it always had, and no others.
    const ngocHoi = await progress('ngoc-hoi-2021-2025', '2026-01-15', tokens['ministry']);
    expect(Object.keys(ngocHoi[0]!)).toEqual([
      'planCode',
      'planTitle',
      'code',
      'labelVi',
      'indicator',
      'unit',
      'target',
      'from',
      'deadline',
      'measuredOn',
      'actual',
      'progress',
      'achieved',
      'status',
      'quote',
    ]);
    expect(summary(ngocHoi)).toEqual([
      'products-3-stars 0 missed',
      'value-chain-products null not_recorded',
      'cooperative-share 0 missed',
      'cooperative-group-share 0 missed',
      'trained-labour-share null not_recorded',
      'sales-points 0 missed',
    ]);
  });

  it('measures Lạng Giang’s target for each commune, commune by commune, and Dương Đức’s 4★ in Xã Mỹ Thái', async () => {
    // 2024, the five 2025 communes that now cover the former district: a new 3★ product in four of them by
    // June, the fifth (Xã Mỹ Thái, which holds legacy Xã Dương Đức) a new 4★ product in October.
    await certificate(3, 'new', '07375', '2024-03-10');
    await certificate(3, 'new', '07381', '2024-04-10');
    await certificate(3, 'new', '07399', '2024-05-10');
    await certificate(4, 'new', '07432', '2024-06-10');
    await certificate(4, 'new', '07420', '2024-10-10');
    // An upgrade in Tiên Lục does not count as a new product; a commune outside the plan does not count at all.
    await certificate(4, 'upgrade', '07381', '2024-08-10');
    await certificate(5, 'new', '07240', '2024-08-10');
    await caughtUp();

    const midYear = await progress('lang-giang-2024', '2024-07-01');
    const each = midYear.find((target) => target['code'] === 'new-product-3-stars-each-commune')!;
    expect(each).toEqual(
      expect.objectContaining({
        per: 'commune',
        target: 1,
        actual: 0,
        achieved: false,
        status: 'in_progress',
        unitsAchieved: 4,
        unitsTotal: 5,
        quote: 'Phân đầu mỗi xã, thị trấn phát triển thêm tối thiểu 01 sản phẩm OCOP đạt 3 sao trở lên',
      }),
    );
    expect(each.units!.map((unit) => `${unit.unitCode} ${unit.unitName} ${unit.actual} ${unit.status}`)).toEqual([
      '07375 Xã Lạng Giang 1 achieved',
      '07381 Xã Tiên Lục 1 achieved',
      '07399 Xã Kép 1 achieved',
      '07420 Xã Mỹ Thái 0 in_progress',
      '07432 Xã Tân Dĩnh 1 achieved',
    ]);
    const pinned = midYear.find((target) => target['code'] === 'four-star-product-duong-duc')!;
    expect(pinned).toEqual(
      expect.objectContaining({ unitCode: '07420', unitName: 'Xã Mỹ Thái', actual: 0, status: 'in_progress' }),
    );

    const yearEnd = await progress('lang-giang-2024', '2025-01-15');
    expect(summary(yearEnd)).toEqual([
      'new-products-3-stars 5 missed',
      'upgrade-to-4-stars 1 achieved',
      're-evaluations 0 missed',
      'new-product-3-stars-each-commune 1 achieved',
      'four-star-product-duong-duc 1 achieved',
    ]);
    expect(yearEnd[3]).toEqual(expect.objectContaining({ unitsAchieved: 5, progress: 1, achieved: true }));
  });

  it('creates a plan with its scope, targets and budget over HTTP, and logs it', async () => {
    const created = await http().post('/api/v1/plans').set(tokens['bacNinh']!).send(newPlan()).expect(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        code: 'bac-ninh-lang-giang-2026',
        unit: { era: '2025', code: '24', name: 'Tỉnh Bắc Ninh' },
        scope: { provinceCode: '24', communeCodes: ['07375', '07420', '07432'], note: 'Ba xã phía bắc của tỉnh' },
        status: 'active',
        preloaded: false,
        revision: 1,
        createdBy: 'user-bacNinh',
        withdrawal: null,
      }),
    );
    expect(created.body.source).toEqual({
      document: 'Kế hoạch số 5/KH-UBND ngày 10/01/2026 của UBND tỉnh Bắc Ninh',
      section: 'II. Mục tiêu',
    });
    // A line's total is the sum of its amounts unless one is printed.
    expect(
      created.body.budget.sections[0].lines.map(
        (line: { code: string; total: number }) => `${line.code} ${line.total}`,
      ),
    ).toEqual(['I.1 50', 'I.2 100']);
    const fetched = await http().get('/api/v1/plans/bac-ninh-lang-giang-2026').set(tokens['tanDinh']!).expect(200);
    expect(fetched.body).toEqual(created.body);
    const mine = await http().get('/api/v1/plans').set(tokens['bacNinh']!).expect(200);
    expect(mine.body.map((plan: Json) => plan['code'])).toEqual(['bac-ninh-lang-giang-2026', 'lang-giang-2024']);
    await expectError(
      http().get('/api/v1/plans/bac-ninh-lang-giang-2026').set(tokens['thanhHoa']!),
      403,
      'OUT_OF_JURISDICTION',
    );
    const log = await db.query<{ action: string; changed_by: string; unit_code: string; keys: string[] }>(
      `SELECT action, changed_by, unit_code, ARRAY(SELECT jsonb_object_keys(changes) ORDER BY 1) AS keys
         FROM reporting.change_record WHERE entity_type = 'plan' AND entity_id = 'bac-ninh-lang-giang-2026'`,
    );
    expect(log).toEqual([
      {
        action: 'created',
        changed_by: 'user-bacNinh',
        unit_code: '24',
        keys: ['budget', 'from', 'issuer', 'scope', 'source', 'targets', 'title', 'to', 'unit'],
      },
    ]);
  });

  it('measures the new plan from the read models: as a whole, per commune, in one commune, by hand', async () => {
    await certificate(3, 'new', '07375', '2026-03-01');
    await certificate(4, 'new', '07420', '2026-04-01');
    await certificate(3, 're_evaluation', '07432', '2026-04-15');
    await certificate(3, 'new', '07432', '2026-05-20');
    await certificate(5, 'new', '07381', '2026-05-01'); // a commune of the province outside the plan's scope
    await producer('cooperative', '07375');
    await producer('business_household', '07420');
    await producer('business_household', '07381');
    await caughtUp();
    await http()
      .put('/api/v1/plans/bac-ninh-lang-giang-2026/targets/trained-labour/actual')
      .set(tokens['bacNinhDistrict']!)
      .send({ value: 20 })
      .expect(200);

    const march = await progress('bac-ninh-lang-giang-2026', '2026-03-15');
    expect(summary(march)).toEqual([
      'products-3-stars 1 in_progress',
      'new-product-each-commune 0 in_progress',
      'four-stars-my-thai 0 in_progress',
      'cooperative-share 50 achieved',
      'trained-labour 20 in_progress',
    ]);
    expect(march[1]).toEqual(expect.objectContaining({ unitsAchieved: 1, unitsTotal: 3 }));

    const june = await progress('bac-ninh-lang-giang-2026', '2026-06-30');
    expect(summary(june)).toEqual([
      'products-3-stars 4 achieved',
      'new-product-each-commune 1 achieved',
      'four-stars-my-thai 1 achieved',
      'cooperative-share 50 achieved',
      'trained-labour 20 in_progress',
    ]);
    expect(june[1]!.units!.map((unit) => `${unit.unitName} ${unit.actual}`)).toEqual([
      'Xã Lạng Giang 1',
      'Xã Mỹ Thái 1',
      'Xã Tân Dĩnh 1',
    ]);
    // The province's report for 2026 carries the plan's targets.
    const figures = await http()
      .get('/api/v1/reports/figures')
      .query({ unit: '24', period: '2026-Q2' })
      .set(tokens['bacNinh']!)
      .expect(200);
    expect(figures.body.targets.map((target: Json) => target['code'])).toEqual([
      'products-3-stars',
      'new-product-each-commune',
      'four-stars-my-thai',
      'cooperative-share',
      'trained-labour',
    ]);
  });

  it('amends the header, targets and budget lines, each change logged, actuals that no longer apply removed', async () => {
    const path = '/api/v1/plans/bac-ninh-lang-giang-2026';
    const patched = await http()
      .patch(path)
      .set(tokens['bacNinh']!)
      .send({
        title: 'Kế hoạch OCOP vùng Lạng Giang năm 2026 (sửa đổi)',
        source: { remarks: 'Sửa đổi lần 1' },
        expectedRevision: 1,
      })
      .expect(200);
    expect(patched.body).toEqual(
      expect.objectContaining({
        title: 'Kế hoạch OCOP vùng Lạng Giang năm 2026 (sửa đổi)',
        revision: 2,
        updatedBy: 'user-bacNinh',
      }),
    );
    expect(patched.body.source.remarks).toBe('Sửa đổi lần 1');
    expect(patched.body.source.document).toBe('Kế hoạch số 5/KH-UBND ngày 10/01/2026 của UBND tỉnh Bắc Ninh');
    await expectError(
      http().patch(path).set(tokens['bacNinh']!).send({ title: 'Lại sửa', expectedRevision: 1 }),
      409,
      'PLAN_CHANGED_CONCURRENTLY',
    );

    // The scope grows to a fourth commune: the per-commune target now counts four.
    await http()
      .patch(path)
      .set(tokens['ministry']!)
      .send({ scope: { provinceCode: '24', communeCodes: ['07375', '07381', '07420', '07432'] } })
      .expect(200);
    const june = await progress('bac-ninh-lang-giang-2026', '2026-06-30');
    expect(june[1]).toEqual(expect.objectContaining({ unitsAchieved: 4, unitsTotal: 4, status: 'achieved' }));

    const added = await http()
      .post(`${path}/targets`)
      .set(tokens['bacNinh']!)
      .send({
        code: 'sales-points',
        labelVi: 'Điểm giới thiệu và bán sản phẩm OCOP',
        indicator: 'sales_points',
        value: 1,
        unit: 'sales_points',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: 'xây dựng 01 điểm bán sản phẩm OCOP',
      })
      .expect(201);
    expect(added.body.targets.map((target: Json) => target['code'])).toEqual([
      'products-3-stars',
      'new-product-each-commune',
      'four-stars-my-thai',
      'cooperative-share',
      'trained-labour',
      'sales-points',
    ]);
    const replaced = await http()
      .put(`${path}/targets/products-3-stars`)
      .set(tokens['bacNinh']!)
      .send({
        labelVi: 'Sản phẩm OCOP đạt 3 sao trở lên',
        indicator: 'certified_products',
        params: { minStars: 3 },
        value: 5,
        unit: 'products',
        from: '2026-01-01',
        deadline: '2026-12-31',
      })
      .expect(200);
    expect(replaced.body.targets[0]).toEqual(
      expect.objectContaining({ value: 5, quote: 'Phấn đấu có ít nhất 02 sản phẩm đạt 3 sao trở lên' }),
    );
    // The manual target becomes measured: its recorded actual goes (logged).
    await http()
      .put(`${path}/targets/trained-labour`)
      .set(tokens['bacNinh']!)
      .send({
        labelVi: 'Hợp tác xã tham gia',
        indicator: 'producer_share',
        params: { legalForm: 'cooperative' },
        value: 40,
        unit: 'percent',
        from: '2026-01-01',
        deadline: '2026-12-31',
        quote: 'ít nhất 40% hợp tác xã',
      })
      .expect(200);
    await http().delete(`${path}/targets/four-stars-my-thai`).set(tokens['bacNinh']!).expect(200);

    await http()
      .post(`${path}/budget/lines`)
      .set(tokens['bacNinh']!)
      .send({
        section: 'I',
        code: 'I.3',
        item: 'Hội chợ',
        lead: ['Sở Công Thương'],
        partners: [],
        amounts: { '2026': 80 },
      })
      .expect(201);
    await http().put(`${path}/budget/I.3/actuals/2026`).set(tokens['bacNinh']!).send({ value: 75 }).expect(200);
    const line = await http()
      .put(`${path}/budget/lines/I.1`)
      .set(tokens['bacNinh']!)
      .send({
        item: 'Hội nghị triển khai (2 đợt)',
        lead: ['Sở Nông nghiệp và Môi trường'],
        partners: [],
        amounts: { '2026': 60 },
      })
      .expect(200);
    expect(line.body.budget.sections[0].lines[0]).toEqual(
      expect.objectContaining({ code: 'I.1', item: 'Hội nghị triển khai (2 đợt)', total: 60, amounts: { '2026': 60 } }),
    );
    await http().delete(`${path}/budget/lines/I.3`).set(tokens['bacNinh']!).expect(200);
    const budget = await http().get(`${path}/budget`).set(tokens['bacNinh']!).expect(200);
    expect(
      budget.body.lines.map((row: { code: string; planned: object }) => `${row.code} ${JSON.stringify(row.planned)}`),
    ).toEqual(['I.1 {"2026":60}', 'I.2 {"2026":100}']);
    expect(budget.body.stated).toEqual({ total: 150, byYear: null });
    expect(budget.body.actualTotal).toBe(0);

    const final = await http().get(path).set(tokens['bacNinh']!).expect(200);
    expect(final.body.revision).toBe(10);
    const log = await db.query<{ entity_type: string; entity_id: string; action: string }>(
      `SELECT entity_type, entity_id, action FROM reporting.change_record
        WHERE entity_id LIKE 'bac-ninh-lang-giang-2026%' ORDER BY id`,
    );
    expect(log.map((row) => `${row.entity_type} ${row.entity_id} ${row.action}`)).toEqual([
      'plan bac-ninh-lang-giang-2026 created',
      'plan_actual bac-ninh-lang-giang-2026/target/trained-labour/0 recorded',
      'plan bac-ninh-lang-giang-2026 updated',
      'plan bac-ninh-lang-giang-2026 updated',
      'plan bac-ninh-lang-giang-2026 target_added',
      'plan bac-ninh-lang-giang-2026 target_replaced',
      'plan bac-ninh-lang-giang-2026 target_replaced',
      'plan_actual bac-ninh-lang-giang-2026/target/trained-labour/0 removed',
      'plan bac-ninh-lang-giang-2026 target_removed',
      'plan bac-ninh-lang-giang-2026 budget_line_added',
      'plan_actual bac-ninh-lang-giang-2026/budget/I.3/2026 recorded',
      'plan bac-ninh-lang-giang-2026 budget_line_replaced',
      'plan bac-ninh-lang-giang-2026 budget_line_removed',
      'plan_actual bac-ninh-lang-giang-2026/budget/I.3/2026 removed',
    ]);
    const titleChange = await db.query<{ changes: Json }>(
      `SELECT changes FROM reporting.change_record WHERE entity_id = 'bac-ninh-lang-giang-2026' AND action = 'updated' ORDER BY id LIMIT 1`,
    );
    expect(titleChange[0]!.changes).toEqual({
      title: [
        'Kế hoạch thực hiện Chương trình OCOP vùng Lạng Giang năm 2026',
        'Kế hoạch OCOP vùng Lạng Giang năm 2026 (sửa đổi)',
      ],
      source: [
        { document: 'Kế hoạch số 5/KH-UBND ngày 10/01/2026 của UBND tỉnh Bắc Ninh', section: 'II. Mục tiêu' },
        {
          document: 'Kế hoạch số 5/KH-UBND ngày 10/01/2026 của UBND tỉnh Bắc Ninh',
          section: 'II. Mục tiêu',
          remarks: 'Sửa đổi lần 1',
        },
      ],
    });
    // The audit log shows them, newest first, to the auditor and to the province's officers.
    for (const token of [tokens['auditor']!, tokens['bacNinh']!]) {
      const audit = await http()
        .get('/api/v1/audit-log')
        .query({ entityType: 'plan', entityId: 'bac-ninh-lang-giang-2026' })
        .set(token)
        .expect(200);
      expect(audit.body.total).toBe(10);
      expect(audit.body.items.map((item: Json) => item['action']).slice(0, 2)).toEqual([
        'budget_line_removed',
        'budget_line_replaced',
      ]);
    }
  });

  it('sets the whole budget and removes it: what was spent on the lines and years dropped goes with them', async () => {
    const path = '/api/v1/plans/bac-ninh-lang-giang-2026';
    await http().put(`${path}/budget/I.1/actuals/2026`).set(tokens['bacNinh']!).send({ value: 55 }).expect(200);
    await http().put(`${path}/budget/I.2/actuals/2026`).set(tokens['bacNinh']!).send({ value: 40 }).expect(200);
    const set = await http()
      .put(`${path}/budget`)
      .set(tokens['bacNinh']!)
      .send({
        unitAmount: 1_000_000,
        unitLabel: 'triệu đồng',
        years: [2026],
        statedTotal: 260,
        statedByYear: { '2026': 260 },
        sections: [
          {
            code: 'I',
            title: 'Tuyên truyền',
            statedTotal: 60,
            lines: [
              { code: 'I.1', item: 'Hội nghị triển khai', lead: ['Sở NN&MT'], partners: [], amounts: { '2026': 60 } },
            ],
          },
          {
            code: 'II',
            title: 'Xúc tiến thương mại',
            lines: [
              {
                code: 'II.1',
                item: 'Hội chợ OCOP',
                lead: ['Sở Công Thương'],
                partners: ['UBND các xã'],
                amounts: { '2026': 200 },
              },
            ],
          },
        ],
      })
      .expect(200);
    expect(set.body.budget).toEqual(
      expect.objectContaining({ currency: 'VND', unitAmount: 1_000_000, years: [2026], statedTotal: 260 }),
    );
    const budget = await http().get(`${path}/budget`).set(tokens['bacNinh']!).expect(200);
    expect(
      budget.body.lines.map((row: { code: string; actual: object }) => `${row.code} ${JSON.stringify(row.actual)}`),
    ).toEqual(['I.1 {"2026":55}', 'II.1 {"2026":null}']);
    expect(budget.body.sums).toEqual(expect.objectContaining({ total: 260, byYear: { '2026': 260 } }));
    const removed = await http().delete(`${path}/budget`).set(tokens['bacNinh']!).expect(200);
    expect(removed.body).not.toHaveProperty('budget');
    expect((await http().get(`${path}/budget`).set(tokens['bacNinh']!).expect(200)).body).toEqual({});
    const actions = await db.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM reporting.change_record
        WHERE entity_id LIKE 'bac-ninh-lang-giang-2026%' AND id > (
          SELECT max(id) FROM reporting.change_record WHERE action = 'budget_line_removed') ORDER BY id`,
    );
    expect(actions.map((row) => `${row.action} ${row.entity_id}`)).toEqual([
      'removed bac-ninh-lang-giang-2026/budget/I.3/2026',
      'recorded bac-ninh-lang-giang-2026/budget/I.1/2026',
      'recorded bac-ninh-lang-giang-2026/budget/I.2/2026',
      'budget_set bac-ninh-lang-giang-2026',
      'removed bac-ninh-lang-giang-2026/budget/I.2/2026',
      'budget_removed bac-ninh-lang-giang-2026',
      'removed bac-ninh-lang-giang-2026/budget/I.1/2026',
    ]);
    // Put back for what follows.
    await http()
      .put(`${path}/budget`)
      .set(tokens['bacNinh']!)
      .send(newPlan()['budget'] as object)
      .expect(200);
  });

  it('edits a pre-loaded plan like any other, keeping its seed and its verbatim quotes', async () => {
    const path = '/api/v1/plans/lang-giang-2024';
    const target = (await http().get(path).set(tokens['bacNinh']!).expect(200)).body.targets[0] as Json;
    const { code: _code, quote, ...fields } = target;
    const edited = await http()
      .put(`${path}/targets/new-products-3-stars`)
      .set(tokens['bacNinh']!)
      .send({ ...fields, value: 9 })
      .expect(200);
    expect(edited.body.targets[0]).toEqual({ ...target, value: 9 });
    expect(edited.body.targets[0].quote).toBe(quote);
    await expectError(
      http()
        .put(`${path}/targets/new-products-3-stars`)
        .set(tokens['bacNinh']!)
        .send({ ...fields, quote: 'Phấn đấu có 9 sản phẩm' }),
      409,
      'PLAN_QUOTE_FIXED',
    );
    const patched = await http()
      .patch(path)
      .set(tokens['bacNinh']!)
      .send({ source: { remarks: 'Chỉ tiêu sản phẩm mới điều chỉnh lên 9 theo Kế hoạch bổ sung' } })
      .expect(200);
    expect(patched.body.source).toEqual({
      ...(planFile('lang-giang-2024')['source'] as Json),
      remarks: 'Chỉ tiêu sản phẩm mới điều chỉnh lên 9 theo Kế hoạch bổ sung',
    });
    expect(patched.body).toEqual(expect.objectContaining({ preloaded: true, revision: 3 }));
  });

  it('refuses every bad request with its code and writes nothing', async () => {
    const before = await written();
    const create = (change: (plan: Json) => void, token: Token = tokens['bacNinh']!) => {
      const plan = newPlan();
      plan['code'] = 'bac-ninh-bad';
      change(plan);
      return http().post('/api/v1/plans').set(token).send(plan);
    };
    const targets = (plan: Json) => plan['targets'] as Json[];
    const budget = (plan: Json) => plan['budget'] as Json & { sections: (Json & { lines: Json[] })[] };
    const cases: [string, () => request.Test, number, string][] = [
      ['no title', () => create((plan) => delete plan['title']), 400, 'VALIDATION_FAILED'],
      ['an unknown field', () => create((plan) => (plan['colour'] = 'red')), 400, 'VALIDATION_FAILED'],
      [
        'an unknown indicator',
        () => create((plan) => (targets(plan)[0]!['indicator'] = 'stars_total')),
        400,
        'VALIDATION_FAILED',
      ],
      ['a value of 0', () => create((plan) => (targets(plan)[0]!['value'] = 0)), 400, 'VALIDATION_FAILED'],
      [
        'a negative amount',
        () => create((plan) => (budget(plan).sections[0]!.lines[0]!['amounts'] = { '2026': -1 })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a NUL in the title',
        () => create((plan) => (plan['title'] = 'Kế hoạch OCOP\u0000 năm 2026')),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a total of 5e-324 (more than 2 decimals)',
        () => create((plan) => (budget(plan)['statedTotal'] = 5e-324)),
        400,
        'VALIDATION_FAILED',
      ],
      ['a bad plan code', () => create((plan) => (plan['code'] = 'Bắc Ninh')), 400, 'VALIDATION_FAILED'],
      ['from after to', () => create((plan) => (plan['from'] = '2027-01-01')), 400, 'PLAN_DATES_INVALID'],
      [
        'a target after the plan',
        () => create((plan) => (targets(plan)[0]!['deadline'] = '2027-06-30')),
        400,
        'PLAN_TARGET_OUTSIDE_PERIOD',
      ],
      [
        'a target ending before it starts',
        () => create((plan) => Object.assign(targets(plan)[0]!, { from: '2026-12-31', deadline: '2026-06-30' })),
        400,
        'PLAN_DATES_INVALID',
      ],
      [
        'producer_share without a legal form',
        () => create((plan) => (targets(plan)[3]!['params'] = {})),
        400,
        'PLAN_TARGET_PARAMS_INVALID',
      ],
      [
        'a commune target outside the scope',
        () => create((plan) => (targets(plan)[2]!['unitCode'] = '07381')),
        400,
        'PLAN_TARGET_SCOPE_INVALID',
      ],
      [
        'a manual target per commune',
        () => create((plan) => (targets(plan)[4]!['per'] = 'commune')),
        400,
        'PLAN_TARGET_SCOPE_INVALID',
      ],
      [
        'a budget year outside the plan',
        () => create((plan) => (budget(plan)['years'] = [2026, 2027])),
        400,
        'PLAN_BUDGET_YEARS_OUTSIDE_PLAN',
      ],
      [
        'an amount outside the budget years',
        () => create((plan) => (budget(plan).sections[0]!.lines[0]!['amounts'] = { '2025': 5 })),
        400,
        'BUDGET_YEAR_NOT_IN_PLAN',
      ],
      [
        'a target code twice',
        () => create((plan) => (targets(plan)[1]!['code'] = 'products-3-stars')),
        400,
        'PLAN_DUPLICATE_CODE',
      ],
      [
        'a budget line code twice',
        () => create((plan) => (budget(plan).sections[0]!.lines[1]!['code'] = 'I.1')),
        400,
        'PLAN_DUPLICATE_CODE',
      ],
      [
        'an unknown commune',
        () => create((plan) => ((plan['scope'] as Json)['communeCodes'] = ['07375', '99999'])),
        400,
        'UNKNOWN_UNIT',
      ],
      [
        'an unknown province',
        () => create((plan) => (plan['scope'] = { provinceCode: '99' }), tokens['ministry']),
        400,
        'UNKNOWN_UNIT',
      ],
      [
        'a commune of another province',
        () => create((plan) => ((plan['scope'] as Json)['communeCodes'] = ['07375', '14758'])),
        400,
        'PLAN_COMMUNE_OUTSIDE_PROVINCE',
      ],
      [
        'an issuing unit of another province',
        () => create((plan) => (plan['unitCode'] = '14758')),
        400,
        'PLAN_COMMUNE_OUTSIDE_PROVINCE',
      ],
      ['a code taken', () => create((plan) => (plan['code'] = 'lang-giang-2024')), 409, 'PLAN_CODE_TAKEN'],
      ['another province', () => create(() => undefined, tokens['thanhHoa']), 403, 'OUT_OF_JURISDICTION'],
      ['a commune officer', () => create(() => undefined, tokens['tanDinh']), 403, 'FORBIDDEN_ROLE'],
      ['an auditor', () => create(() => undefined, tokens['auditor']), 403, 'FORBIDDEN_ROLE'],
      [
        'malformed JSON',
        () =>
          http().post('/api/v1/plans').set(tokens['bacNinh']!).set('content-type', 'application/json').send('{"code":'),
        400,
        'MALFORMED_JSON',
      ],
    ];
    const path = '/api/v1/plans/bac-ninh-lang-giang-2026';
    const target = {
      code: 'products-3-stars',
      labelVi: 'x x x',
      indicator: 'certified_products',
      value: 1,
      unit: 'products',
      from: '2026-01-01',
      deadline: '2026-12-31',
      quote: 'x',
    };
    const line = { item: 'x', lead: [], partners: [], amounts: { '2026': 1 } };
    cases.push(
      [
        'a target code the plan has',
        () => http().post(`${path}/targets`).set(tokens['bacNinh']!).send(target),
        409,
        'PLAN_TARGET_EXISTS',
      ],
      [
        'a code in a replaced target’s body',
        () => http().put(`${path}/targets/nothing`).set(tokens['bacNinh']!).send(target),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'replacing a target the plan lacks',
        () =>
          http()
            .put(`${path}/targets/nothing`)
            .set(tokens['bacNinh']!)
            .send({ ...target, code: undefined }),
        404,
        'PLAN_TARGET_NOT_FOUND',
      ],
      [
        'a replaced target after the plan',
        () =>
          http()
            .put(`${path}/targets/sales-points`)
            .set(tokens['bacNinh']!)
            .send({ ...target, code: undefined, deadline: '2027-01-31' }),
        400,
        'PLAN_TARGET_OUTSIDE_PERIOD',
      ],
      [
        'a period that leaves targets out',
        () => http().patch(path).set(tokens['bacNinh']!).send({ to: '2026-06-30' }),
        400,
        'PLAN_TARGET_OUTSIDE_PERIOD',
      ],
      [
        'a scope without a target’s commune',
        () =>
          http()
            .patch('/api/v1/plans/lang-giang-2024')
            .set(tokens['bacNinh']!)
            .send({ scope: { provinceCode: '24', communeCodes: ['07375'] } }),
        400,
        'PLAN_TARGET_SCOPE_INVALID',
      ],
      [
        'a budget line code the plan has',
        () =>
          http()
            .post(`${path}/budget/lines`)
            .set(tokens['bacNinh']!)
            .send({ ...line, code: 'I.2', section: 'I' }),
        409,
        'BUDGET_LINE_EXISTS',
      ],
      [
        'a budget line in no section',
        () =>
          http()
            .post(`${path}/budget/lines`)
            .set(tokens['bacNinh']!)
            .send({ ...line, code: 'II.1', section: 'II' }),
        400,
        'BUDGET_SECTION_NOT_FOUND',
      ],
      [
        'a budget line outside the years',
        () =>
          http()
            .post(`${path}/budget/lines`)
            .set(tokens['bacNinh']!)
            .send({ ...line, code: 'I.9', section: 'I', amounts: { '2027': 1 } }),
        400,
        'BUDGET_YEAR_NOT_IN_PLAN',
      ],
      [
        'a budget line of a plan without a budget',
        () =>
          http()
            .post('/api/v1/plans/ngoc-hoi-2021-2025/budget/lines')
            .set(tokens['ministry']!)
            .send({ ...line, code: 'I.1', section: 'I', amounts: { '2025': 1 } }),
        409,
        'PLAN_HAS_NO_BUDGET',
      ],
      [
        'removing a budget line the plan lacks',
        () => http().delete(`${path}/budget/lines/IX.9`).set(tokens['bacNinh']!),
        404,
        'BUDGET_LINE_NOT_FOUND',
      ],
      [
        'a budget with a year outside the plan',
        () =>
          http()
            .put(`${path}/budget`)
            .set(tokens['bacNinh']!)
            .send({ unitAmount: 1_000_000, unitLabel: 'triệu đồng', years: [2025], sections: [] }),
        400,
        'PLAN_BUDGET_YEARS_OUTSIDE_PLAN',
      ],
      [
        'amending another province’s plan',
        () => http().patch('/api/v1/plans/lang-giang-2024').set(tokens['thanhHoa']!).send({ title: 'Kế hoạch khác' }),
        403,
        'OUT_OF_JURISDICTION',
      ],
      [
        'moving a plan to another province',
        () =>
          http()
            .patch(path)
            .set(tokens['bacNinh']!)
            .send({ scope: { provinceCode: '38' } }),
        403,
        'OUT_OF_JURISDICTION',
      ],
      [
        'amending a plan that does not exist',
        () => http().patch('/api/v1/plans/nowhere').set(tokens['ministry']!).send({ title: 'Kế hoạch khác' }),
        404,
        'PLAN_NOT_FOUND',
      ],
      [
        'a NUL in an actual’s note',
        () =>
          http()
            .put('/api/v1/plans/ngoc-hoi-2021-2025/targets/value-chain-products/actual')
            .set(tokens['ministry']!)
            .send({ value: 3, note: 'Theo báo cáo\u0000' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'withdrawing without a reason',
        () => http().post(`${path}/withdrawal`).set(tokens['bacNinh']!).send({}),
        400,
        'VALIDATION_FAILED',
      ],
    );
    for (const [what, send, status, code] of cases) {
      const response = await send();
      expect({ what, status: response.status, code: response.body.code }).toEqual({ what, status, code });
      expect(typeof response.body.message).toBe('string');
    }
    // The first broken rule's code, every rule broken in the details.
    const many = await create((plan) => {
      plan['from'] = '2027-01-01';
      targets(plan)[3]!['params'] = {};
    });
    expect(many.body.details.problems.map((problem: Json) => problem['code'])).toEqual([
      'PLAN_DATES_INVALID',
      'PLAN_TARGET_PARAMS_INVALID',
    ]);
    expect(await written()).toEqual(before);
  });

  it('withdraws a plan: kept and readable, out of the lists and reports, no longer amended', async () => {
    const path = '/api/v1/plans/bac-ninh-lang-giang-2026';
    const withdrawn = await http()
      .post(`${path}/withdrawal`)
      .set(tokens['bacNinh']!)
      .send({ reason: 'Thay thế bằng Kế hoạch số 9/KH-UBND' })
      .expect(200);
    expect(withdrawn.body).toEqual(
      expect.objectContaining({
        status: 'withdrawn',
        withdrawal: expect.objectContaining({
          reason: 'Thay thế bằng Kế hoạch số 9/KH-UBND',
          withdrawnBy: 'user-bacNinh',
        }),
      }),
    );
    const listed = await http().get('/api/v1/plans').set(tokens['bacNinh']!).expect(200);
    expect(listed.body.map((plan: Json) => plan['code'])).toEqual(['lang-giang-2024']);
    const all = await http()
      .get('/api/v1/plans')
      .query({ includeWithdrawn: 'true' })
      .set(tokens['bacNinh']!)
      .expect(200);
    expect(all.body.map((plan: { code: string; status: string }) => `${plan.code} ${plan.status}`)).toEqual([
      'bac-ninh-lang-giang-2026 withdrawn',
      'lang-giang-2024 active',
    ]);
    await http().get(`${path}/progress`).set(tokens['bacNinh']!).expect(200);
    const figures = await http()
      .get('/api/v1/reports/figures')
      .query({ unit: '24', period: '2026-Q2' })
      .set(tokens['bacNinh']!)
      .expect(200);
    expect(figures.body.targets).toEqual([]);
    const before = await written();
    await expectError(
      http().patch(path).set(tokens['bacNinh']!).send({ title: 'Kế hoạch mới hơn' }),
      409,
      'PLAN_WITHDRAWN',
    );
    await expectError(
      http().post(`${path}/withdrawal`).set(tokens['bacNinh']!).send({ reason: 'Lần nữa' }),
      409,
      'PLAN_WITHDRAWN',
    );
    await expectError(
      http().put(`${path}/budget/I.1/actuals/2026`).set(tokens['bacNinh']!).send({ value: 1 }),
      409,
      'PLAN_WITHDRAWN',
    );
    expect(await written()).toEqual(before);
    const log = await db.query<{ changes: Json }>(
      `SELECT changes FROM reporting.change_record WHERE entity_id = 'bac-ninh-lang-giang-2026' AND action = 'withdrawn'`,
    );
    expect(log).toEqual([
      { changes: { status: ['active', 'withdrawn'], withdrawalReason: [null, 'Thay thế bằng Kế hoạch số 9/KH-UBND'] } },
    ]);
  });

  it('finds plans by code, province and commune through the plan table’s indexes', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = async (sql: string) =>
        JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${sql}`)).rows[0]['QUERY PLAN']);
      expect(await plan(`SELECT * FROM reporting.plan WHERE code = 'lang-giang-2024'`)).toContain('PK_');
      expect(
        await plan(`SELECT * FROM reporting.plan WHERE province_code = '24' AND status = 'active' ORDER BY code`),
      ).toContain('ix_plan_province');
      expect(
        await plan(
          `SELECT * FROM reporting.plan WHERE status = 'active' AND commune_codes @> ARRAY['07375']::text[] AND cardinality(commune_codes) = 1`,
        ),
      ).toContain('ix_plan_communes');
    } finally {
      await client.end();
    }
  });
});

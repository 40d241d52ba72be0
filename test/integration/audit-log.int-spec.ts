import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { addDays, dateInVietnam } from '@ocop/contracts';
import {
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import { evaluationDataSource } from '../../services/evaluation/src/database/data-source';
import { promotionDataSource } from '../../services/promotion/src/database/data-source';
import { registrationDataSource } from '../../services/registration/src/database/data-source';
import { reportingDataSource } from '../../services/reporting/src/database/data-source';

jest.setTimeout(120_000);

type Token = { authorization: string };
type Service = 'evaluation' | 'promotion' | 'reporting';

interface Row {
  entityType: string;
  entityId: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  changedBy: string;
  unitCode: string | null;
  provinceCode: string | null;
}

const MEMBERS = [
  { fullName: 'Nguyễn Văn Hùng', organisation: 'UBND tỉnh Bắc Ninh', role: 'chair', userId: 'chair-1' },
  { fullName: 'Phạm Thị Lan', organisation: 'Sở Y tế', role: 'member' },
  { fullName: 'Hoàng Văn Đức', organisation: 'Sở Tài chính', role: 'member' },
  { fullName: 'Vũ Thị Hoa', organisation: 'Sở Văn hóa', role: 'member' },
  { fullName: 'Đặng Thị Thu', organisation: 'Văn phòng Điều phối NTM', role: 'secretary' },
];

/**
 * The audit log of evaluation, promotion and reporting (GET /api/v1/audit-log, the same shared module in each;
 * registration's has its own suite): a change shows up with its old → new values by record and by user, an
 * export is logged, an officer reads only their own province, an auditor reads and may not write, and the
 * database refuses to change a row.
 */
describe('audit log of evaluation, promotion and reporting', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  const apps: Partial<Record<Service | 'registration', INestApplication>> = {};
  const tokens: Record<string, Token> = {};
  const http = (service: Service) => request(apps[service]!.getHttpServer());
  const log = async (service: Service, query: string, as = 'bacNinh') =>
    (await http(service).get(`/api/v1/audit-log?${query}`).set(tokens[as]!).expect(200)).body as {
      items: Row[];
      total: number;
    };
  const today = dateInVietnam(new Date());

  beforeAll(async () => {
    db = await TestDatabase.create('audit_log');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(evaluationDataSource, 'evaluation', db.url);
    await migrateDatabase(promotionDataSource, 'promotion', db.url);
    await migrateDatabase(reportingDataSource, 'reporting', db.url);
    nats = await TestNatsServer.start();
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS };
    // Registration answers the unit tree the others check jurisdiction against.
    ({ app: apps.registration } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      env,
    ));
    ({ app: apps.evaluation } = await startHttpApp(
      async () => (await import('../../services/evaluation/src/app.module')).EvaluationApiModule,
      env,
    ));
    ({ app: apps.promotion } = await startHttpApp(
      async () => (await import('../../services/promotion/src/app.module')).PromotionApiModule,
      env,
    ));
    ({ app: apps.reporting } = await startHttpApp(
      async () => (await import('../../services/reporting/src/app.module')).ReportingApiModule,
      env,
    ));
    const users: [string, Parameters<typeof testToken>[0]['roles'], string][] = [
      ['bacNinh', ['province_officer'], '24'],
      ['promotion', ['promotion_officer'], '24'],
      ['langSon', ['province_officer'], '20'],
      ['ministry', ['ministry_officer'], 'VN'],
      ['auditor', ['auditor'], 'VN'],
      ['commune', ['commune_officer'], '07381'],
    ];
    for (const [key, roles, unitCode] of users)
      tokens[key] = { authorization: `Bearer ${await testToken({ roles, unitCode, subject: `u-${key}` })}` };
  });

  afterAll(async () => {
    for (const app of [apps.reporting, apps.promotion, apps.evaluation, apps.registration]) await app?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('evaluation: a council formed and its members replaced, read by record and by user', async () => {
    const council = await http('evaluation')
      .post('/api/v1/councils')
      .set(tokens['bacNinh']!)
      .send({
        name: 'Hội đồng OCOP tỉnh Bắc Ninh',
        level: 'province',
        unitCode: '24',
        provinceCode: '24',
        termStart: '2026-01-01',
        members: MEMBERS,
      })
      .expect(201);
    const replaced = MEMBERS.map((member) =>
      member.role === 'secretary' ? { ...member, fullName: 'Lý Văn Thư' } : member,
    );
    await http('evaluation')
      .put(`/api/v1/councils/${council.body.id}/members`)
      .set(tokens['ministry']!)
      .send({ members: replaced })
      .expect(200);

    const history = await log('evaluation', `entityType=council&entityId=${council.body.id}`);
    expect(history.items.map((row) => [row.action, row.changedBy, row.provinceCode])).toEqual([
      ['members_replaced', 'u-ministry', '24'],
      ['formed', 'u-bacNinh', '24'],
    ]);
    const [before, after] = history.items[0]!.changes['members'] as { fullName: string; role: string }[][];
    expect(before!.find((member) => member.role === 'secretary')!.fullName).toBe('Đặng Thị Thu');
    expect(after!.find((member) => member.role === 'secretary')!.fullName).toBe('Lý Văn Thư');
    expect(history.items[1]!.changes['name']).toEqual([null, 'Hội đồng OCOP tỉnh Bắc Ninh']);

    const byMinistry = await log('evaluation', 'changedBy=u-ministry', 'ministry');
    expect(byMinistry.items.map((row) => `${row.entityType} ${row.action}`)).toEqual(['council members_replaced']);
    // The shipped criteria sets were loaded at start, by the system, as the country's records.
    const loaded = await log('evaluation', 'entityType=criteria_set&changedBy=system:evaluation', 'auditor');
    expect(loaded.total).toBeGreaterThan(0);
    expect(loaded.items.every((row) => row.action === 'loaded' && row.unitCode === 'VN')).toBe(true);
  });

  it('promotion: a sales point created and renamed, old → new', async () => {
    const point = await http('promotion')
      .post('/api/v1/sales-points')
      .set(tokens['promotion']!)
      .send({
        name: 'Điểm bán sản phẩm OCOP Bắc Ninh',
        kind: 'showroom',
        operatorName: 'Trung tâm Xúc tiến Thương mại',
        unitCode: '24',
        provinceCode: '24',
        address: 'Số 2 đường Lý Thái Tổ',
        openedOn: addDays(today, -10),
      })
      .expect(201);
    await http('promotion')
      .patch(`/api/v1/sales-points/${point.body.id}`)
      .set(tokens['bacNinh']!)
      .send({ name: 'Điểm giới thiệu sản phẩm OCOP Bắc Ninh' })
      .expect(200);
    const history = await log('promotion', `entityType=sales_point&entityId=${point.body.id}`);
    expect(history.items).toEqual([
      expect.objectContaining({
        action: 'updated',
        changedBy: 'u-bacNinh',
        changes: { name: ['Điểm bán sản phẩm OCOP Bắc Ninh', 'Điểm giới thiệu sản phẩm OCOP Bắc Ninh'] },
      }),
      expect.objectContaining({ action: 'created', changedBy: 'u-promotion', unitCode: '24' }),
    ]);
    expect((await log('promotion', 'changedBy=u-promotion')).items.map((row) => row.entityId)).toEqual([point.body.id]);
  });

  it("reporting: a unit's notification contacts set, then changed, old → new", async () => {
    for (const emails of [['ocop@bacninh.gov.vn'], ['ocop@bacninh.gov.vn', 'vpdp@bacninh.gov.vn']])
      await http('reporting').put('/api/v1/notification-contacts/07381').set(tokens['bacNinh']!).send({ emails });
    const history = await log('reporting', 'entityType=unit_contacts&entityId=07381');
    expect(history.items).toEqual([
      expect.objectContaining({
        action: 'updated',
        changedBy: 'u-bacNinh',
        unitCode: '07381',
        provinceCode: '24',
        changes: { emails: [['ocop@bacninh.gov.vn'], ['ocop@bacninh.gov.vn', 'vpdp@bacninh.gov.vn']] },
      }),
      expect.objectContaining({ action: 'set', changes: { emails: [null, ['ocop@bacninh.gov.vn']] } }),
    ]);
    // The commune sees its own unit's rows.
    expect((await log('reporting', 'entityType=unit_contacts', 'commune')).total).toBe(2);
  });

  it('logs exports: a criteria set, a payout workbook, a unit’s figures', async () => {
    const sets = await http('evaluation').get('/api/v1/criteria-sets').set(tokens['bacNinh']!).expect(200);
    const setId = (sets.body as { id: string }[])[0]!.id;
    await http('evaluation').get(`/api/v1/criteria-sets/${setId}/export`).set(tokens['bacNinh']!).expect(200);
    await http('promotion').get('/api/v1/rewards/payouts.xlsx?unit=24&year=2026').set(tokens['bacNinh']!).expect(200);
    await http('reporting')
      .get('/api/v1/reports/figures/export.csv?unit=24&period=2026-M03')
      .set(tokens['bacNinh']!)
      .expect(200);
    await http('reporting')
      .get('/api/v1/reports/figures/export.csv?unit=24&period=2026-M03')
      .set(tokens['langSon']!)
      .expect(403);

    const exported = async (service: Service) =>
      (await log(service, 'action=exported&changedBy=u-bacNinh', 'auditor')).items;
    expect(await exported('evaluation')).toEqual([
      expect.objectContaining({ entityType: 'criteria_set', entityId: setId, unitCode: 'VN' }),
    ]);
    expect(await exported('promotion')).toEqual([
      expect.objectContaining({
        entityType: 'reward',
        entityId: 'payouts/24/2026',
        unitCode: '24',
        changes: expect.objectContaining({ year: [null, 2026], format: [null, 'xlsx'] }),
      }),
    ]);
    expect(await exported('reporting')).toEqual([
      expect.objectContaining({
        entityType: 'figures',
        entityId: '24/2026-M03',
        provinceCode: '24',
        changes: expect.objectContaining({ period: [null, '2026-M03'], format: [null, 'csv'] }),
      }),
    ]);
    expect((await log('reporting', 'action=exported&changedBy=u-langSon', 'auditor')).total).toBe(0);
  });

  it.each(['evaluation', 'promotion', 'reporting'] as const)(
    '%s: an officer reads their own province only',
    async (service) => {
      expect((await log(service, '')).total).toBeGreaterThan(0);
      expect((await log(service, '', 'langSon')).total).toBe(0);
      const refused = await http(service).get('/api/v1/audit-log?unit=24').set(tokens['langSon']!).expect(403);
      expect(refused.body.code).toBe('OUT_OF_JURISDICTION');
      await http(service).get('/api/v1/audit-log?unit=VN').set(tokens['bacNinh']!).expect(403);
    },
  );

  it.each(['evaluation', 'promotion', 'reporting'] as const)(
    '%s: an auditor reads the whole log and may not write',
    async (service) => {
      const all = await log(service, 'limit=500', 'auditor');
      expect(all.total).toBeGreaterThan(0);
      expect(all.total).toBeGreaterThanOrEqual((await log(service, 'limit=500')).total);
      const write = {
        evaluation: () => http('evaluation').post('/api/v1/councils').send({}),
        promotion: () => http('promotion').post('/api/v1/sales-points').send({}),
        reporting: () => http('reporting').put('/api/v1/notification-contacts/24').send({ emails: [] }),
      }[service];
      const refused = await write().set(tokens['auditor']!).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN_ROLE');
      expect((await log(service, 'limit=500', 'auditor')).total).toBe(all.total);
    },
  );

  it.each(['evaluation', 'promotion', 'reporting'] as const)(
    '%s: the database refuses to change or delete a row',
    async (service) => {
      await expect(db.query(`UPDATE ${service}.change_record SET changed_by = 'someone'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query(`DELETE FROM ${service}.change_record`)).rejects.toThrow(/append-only/);
    },
  );
});

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { EvaluationEvents, PromotionEvents, RegistrationEvents, type EventContract } from '@ocop/contracts';
import { inspectPdf } from '@ocop/documents';
import {
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
import { FIGURE_KEYS } from '../../services/reporting/src/figures/figures.model';

jest.setTimeout(180_000);

type Token = { authorization: string };
type Figures = Record<string, number>;

/**
 * Reporting's read models over real PostgreSQL, NATS and HTTP: the other services' events (published here
 * onto their JetStream streams exactly as their outboxes would) feed the projections; a unit's report for a
 * period is a handful of aggregate queries; a province's figures are its communes' plus its own, the
 * nation's its provinces'; a redelivered event counts once; a rebuild drops the read models and replays
 * the streams to the same figures; the reminders of the other services land in the inbox; the exports.
 * Registration runs beside reporting to answer jurisdiction over NATS.
 */
describe('reporting: read models, figures, drill-down, rebuild, notifications and exports', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let bus: TestEventBus;
  let registration: INestApplication;
  let reporting: INestApplication;
  let province: Token;
  let commune: Token;
  let ministry: Token;
  let admin: Token;
  const http = () => request(reporting.getHttpServer());

  const ids = {
    coop: randomUUID(),
    household: randomUUID(),
    group: randomUUID(),
    enterprise: randomUUID(),
    A: randomUUID(),
    B: randomUUID(),
    C: randomUUID(),
    D: randomUUID(),
    E: randomUUID(),
    round: randomUUID(),
    round38: randomUUID(),
    certA: randomUUID(),
    certB: randomUUID(),
    certC: randomUUID(),
    certD: randomUUID(),
    salesPoint: randomUUID(),
  };

  beforeAll(async () => {
    db = await TestDatabase.create('reporting_rm');
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
    const bearer = async (roles: Parameters<typeof testToken>[0]['roles'], unitCode: string, extra = {}) => ({
      authorization: `Bearer ${await testToken({ roles, unitCode, ...extra })}`,
    });
    province = await bearer(['province_officer'], '24');
    commune = await bearer(['commune_officer'], '07432');
    ministry = await bearer(['ministry_officer'], 'VN');
    admin = await bearer(['admin'], 'VN', { subject: 'ops' });
    await publishScenario();
  });

  afterAll(async () => {
    await bus?.close();
    await reporting?.close();
    await registration?.close();
    await nats?.stop();
    await db?.drop();
  });

  /** Publishes an event as the owning service's outbox relay would (Nats-Msg-Id = event id). */
  const publish = <T>(contract: EventContract<T>, data: T, occurredAt = '2026-03-15T03:00:00.000Z') =>
    bus.publish(contract, data, occurredAt);

  async function publishScenario(): Promise<void> {
    const R = RegistrationEvents;
    const E = EvaluationEvents;
    const producer = (
      producerId: string,
      name: string,
      legalForm: 'cooperative' | 'business_household' | 'cooperative_group' | 'limited_company',
      provinceCode: string,
      communeCode: string,
    ) =>
      publish(R.producerRegistered, {
        producerId,
        name,
        legalForm,
        taxCode: '2400777001',
        provinceCode,
        communeCode,
        registeredAt: '2026-02-10T02:00:00.000Z',
      });
    await producer(ids.coop, 'HTX Rau an toàn Tân Dĩnh', 'cooperative', '24', '07432');
    await producer(ids.household, 'Hộ KD Cao Thị Thu Hương', 'business_household', '24', '07375');
    await producer(ids.group, 'Tổ hợp tác bánh dầy Thanh Lương', 'cooperative_group', '24', '07432');
    await producer(ids.enterprise, 'Công ty TNHH Hàm Rồng', 'limited_company', '38', '14758');
    const product = (
      productId: string,
      name: string,
      group: 'food' | 'beverages' | 'herbal',
      producerId: string,
      provinceCode: string,
      communeCode: string,
      registeredAt = '2026-03-02T02:00:00.000Z',
    ) =>
      publish(R.productRegistered, {
        productId,
        name,
        group,
        subgroup: null,
        producerId,
        producerName: 'x',
        provinceCode,
        communeCode,
        cycleYear: 2026,
        registeredAt,
      });
    await product(ids.A, 'Rau cải ngồng Tân Dĩnh', 'food', ids.coop, '24', '07432');
    await product(ids.B, 'Rượu men lá Thu Hương', 'beverages', ids.household, '24', '07375');
    await product(ids.C, 'Bánh dầy Thanh Lương', 'food', ids.group, '24', '07432', '2023-01-05T02:00:00.000Z');
    await product(ids.D, 'Trà hoa vàng Hàm Rồng', 'herbal', ids.enterprise, '38', '14758');
    await product(ids.E, 'Mật ong Tiên Lục', 'food', ids.household, '24', '07375');
    await publish(R.productSelectionReturned, {
      productId: ids.E,
      reason: 'chưa rõ nguồn nguyên liệu',
      provinceCode: '24',
      communeCode: '07375',
      returnedAt: '2026-03-04T02:00:00.000Z',
    });
    const stages = [
      'idea',
      'selected',
      'business_plan',
      'dossier',
      'pre_assessed',
      'in_evaluation',
      'certified',
    ] as const;
    for (const [productId, communeCode, provinceCode] of [
      [ids.A, '07432', '24'],
      [ids.B, '07375', '24'],
      [ids.D, '14758', '38'],
    ] as const) {
      for (let i = 1; i < stages.length; i += 1)
        await publish(R.productStageChanged, {
          productId,
          from: stages[i - 1]!,
          to: stages[i]!,
          reason: 'x',
          provinceCode,
          communeCode,
          changedAt: `2026-03-${String(3 + i).padStart(2, '0')}T02:00:00.000Z`,
        });
      await publish(R.productPreAssessed, {
        productId,
        passed: true,
        unmetCriteria: [],
        communeCode,
        assessedOn: '2026-03-07',
      });
    }
    // C was certified in 2023 and let its certificate lapse in March 2026.
    await publish(R.productStageChanged, {
      productId: ids.C,
      from: 'idea',
      to: 'selected',
      reason: 'x',
      provinceCode: '24',
      communeCode: '07432',
      changedAt: '2023-01-10T02:00:00.000Z',
    });
    await publish(
      E.roundOpened,
      {
        roundId: ids.round,
        name: 'Đợt 1 năm 2026',
        level: 'province',
        unitCode: '24',
        provinceCode: '24',
        versionCode: '1489/2025',
        dossierDeadline: '2026-03-08',
        meetingDate: '2026-03-12',
      },
      '2026-03-05T02:00:00.000Z',
    );
    await publish(
      E.roundOpened,
      {
        roundId: ids.round38,
        name: 'Đợt 1 Thanh Hóa',
        level: 'province',
        unitCode: '38',
        provinceCode: '38',
        versionCode: '1489/2025',
        dossierDeadline: '2026-03-06',
        meetingDate: '2026-03-09',
      },
      '2026-03-02T02:00:00.000Z',
    );
    for (const [productId, communeCode, provinceCode, roundId] of [
      [ids.A, '07432', '24', ids.round],
      [ids.B, '07375', '24', ids.round],
      [ids.D, '14758', '38', ids.round38],
    ] as const) {
      await publish(E.productEnteredRound, {
        roundId,
        productId,
        kind: 'new',
        level: 'province',
        provinceCode,
        communeCode,
        enteredAt: '2026-03-08T02:00:00.000Z',
      });
      await publish(
        E.productScored,
        { roundId, productId, score: 75, aggregation: 'mean', stars: 4, starCap: 5, flagged: false, memberCount: 7 },
        '2026-03-12T08:00:00.000Z',
      );
    }
    await publish(E.roundDecided, {
      roundId: ids.round,
      decisionId: randomUUID(),
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2026-03-20',
      recognised: 2,
      forwarded: 0,
      notPassed: 0,
    });
    const certificate = (
      certificateId: string,
      number: string,
      productId: string,
      stars: number,
      provinceCode: string,
      communeCode: string,
      issuedOn: string,
      validUntil: string,
      group = 'food',
    ) =>
      publish(E.certificateIssued, {
        certificateId,
        number,
        productId,
        producerId: ids.coop,
        productName: 'x',
        producerName: 'x',
        group,
        stars,
        level: 'province',
        kind: 'new',
        issuingUnitCode: provinceCode,
        provinceCode,
        communeCode,
        decisionId: randomUUID(),
        issuedOn,
        validUntil,
        supersedes: null,
      });
    await certificate(ids.certC, '24-2023-001', ids.C, 3, '24', '07432', '2023-03-01', '2026-03-01');
    await publish(E.certificateExpired, {
      certificateId: ids.certC,
      number: '24-2023-001',
      productId: ids.C,
      provinceCode: '24',
      expiredOn: '2026-03-02',
    });
    await certificate(ids.certA, '24-2026-001', ids.A, 4, '24', '07432', '2026-03-20', '2029-03-20');
    await certificate(ids.certB, '24-2026-002', ids.B, 3, '24', '07375', '2026-03-20', '2029-03-20', 'beverages');
    await certificate(ids.certD, '38-2026-001', ids.D, 3, '38', '14758', '2026-03-10', '2029-03-10', 'herbal');
    await publish(E.certificateRevoked, {
      certificateId: ids.certD,
      number: '38-2026-001',
      productId: ids.D,
      provinceCode: '38',
      reason: 'food_safety_violation',
      decisionId: randomUUID(),
      revokedOn: '2026-03-25',
    });
    await publish(PromotionEvents.salesPointOpened, {
      salesPointId: ids.salesPoint,
      name: 'Điểm bán OCOP Tân Dĩnh',
      kind: 'showroom',
      operatorName: 'HTX',
      unitCode: '07432',
      provinceCode: '24',
      openedOn: '2026-03-03',
    });
    await publish(PromotionEvents.eventResultsRecorded, {
      eventId: randomUUID(),
      provinceCode: '24',
      kind: 'fair',
      level: 'province',
      startsOn: '2026-03-10',
      endsOn: '2026-03-12',
      visitors: 5000,
      salesVnd: 120_000_000,
      contractsSigned: 3,
      contractsValueVnd: 900_000_000,
      products: 40,
      recordedAt: '2026-03-13T02:00:00.000Z',
    });
    // Reminders of the other services, delivered through reporting's inbox.
    await publish(E.certificateExpiryNotice, {
      certificateId: ids.certA,
      number: '24-2026-001',
      productId: ids.A,
      productName: 'Rau cải ngồng Tân Dĩnh',
      producerId: ids.coop,
      producerName: 'HTX Rau an toàn Tân Dĩnh',
      provinceCode: '24',
      communeCode: '07432',
      validUntil: '2029-03-20',
      kind: 'notice',
      daysBefore: 30,
    });
    await publish(E.scoringReminder, {
      roundId: ids.round,
      roundName: 'Đợt 1 năm 2026',
      memberId: randomUUID(),
      userId: 'user-m1',
      memberName: 'Trần Văn Một',
      pendingProductIds: [ids.A],
      occasion: 'meeting-day',
      scoringDeadline: '2026-03-14',
    });
    await publish(R.cycleReminder, {
      unitCode: '24',
      year: 2026,
      provinceCode: '24',
      step: 'ideas',
      kind: 'window_closes',
      date: '2026-04-30',
      daysLeft: 7,
      messageVi: 'Còn 7 ngày nhận đăng ký ý tưởng sản phẩm',
    });
  }

  const figures = async (unit: string, period = '2026-M03', token: Token = ministry) =>
    (await http().get('/api/v1/reports/figures').query({ unit, period }).set(token).expect(200)).body as {
      figures: Figures;
      children: { unit: { code: string }; figures: Figures }[];
      own: Figures | null;
      shares: Record<string, number>;
      unit: { name: string };
    };

  const caughtUp = () => bus.caughtUp(db, 'reporting', { consumer: 'reporting', timeoutMs: 90_000 });

  it('counts every service’s events per unit and period: products, evaluations, certificates, producers, promotion', async () => {
    await caughtUp();
    const { figures: f, shares, unit } = await figures('24');
    expect(unit.name).toBe('Tỉnh Bắc Ninh');
    expect(f).toEqual(
      expect.objectContaining({
        products_total: 4,
        products_stage_certified: 2,
        products_stage_idea: 1,
        products_stage_selected: 1,
        products_group_food: 3,
        products_group_beverages: 1,
        certified_total: 2,
        certified_3_stars: 1,
        certified_4_stars: 1,
        ideas_registered: 3,
        ideas_returned: 1,
        ideas_selected: 2,
        plans_received: 2,
        dossiers_received: 2,
        pre_assessed: 2,
        pre_assessed_passed: 2,
        rounds_opened: 1,
        rounds_decided: 1,
        evaluations_entered: 2,
        evaluations_entered_new: 2,
        products_scored: 2,
        certificates_issued: 2,
        certificates_issued_new: 2,
        certificates_issued_4_stars: 1,
        certificates_expiring: 1,
        certificates_expired: 1,
        certificates_revoked: 0,
        producers_total: 3,
        producers_cooperative: 1,
        producers_cooperative_group: 1,
        sales_points_active: 1,
        promotion_events_held: 1,
        promotion_visitors: 5000,
        promotion_sales_vnd: 120_000_000,
      }),
    );
    expect(shares.cooperativesAndGroups).toBeCloseTo(2 / 3, 4);
    // Thanh Hóa: its product certified, then revoked in the month.
    const thanhHoa = (await figures('38')).figures;
    expect(thanhHoa).toEqual(
      expect.objectContaining({ certificates_issued: 1, certificates_revoked: 1, certified_total: 0 }),
    );
    // The certificate of C was valid on 28 February: the February report counts it.
    expect((await figures('24', '2026-M02')).figures).toEqual(
      expect.objectContaining({ certified_total: 1, certified_3_stars: 1, certificates_issued: 0, producers_total: 3 }),
    );
  });

  it('drills down: a province is the sum of its communes and its own rows, the nation the sum of its provinces', async () => {
    for (const unit of ['24', 'VN']) {
      const report = await figures(unit);
      expect(report.children.length).toBe(unit === 'VN' ? 34 : 99);
      for (const key of FIGURE_KEYS) {
        const sum = report.children.reduce((total, child) => total + (child.figures[key] ?? 0), report.own?.[key] ?? 0);
        expect({ key, value: sum }).toEqual({ key, value: report.figures[key] });
      }
    }
    const national = (await figures('VN')).figures;
    const [bacNinh, thanhHoa] = [(await figures('24')).figures, (await figures('38')).figures];
    expect(national['certificates_issued']).toBe(bacNinh['certificates_issued']! + thanhHoa['certificates_issued']!);
    const tanDinh = (await figures('07432', '2026-M03', commune)).figures;
    expect(tanDinh).toEqual(expect.objectContaining({ products_total: 2, certified_total: 1, sales_points_active: 1 }));
    // What a province organised itself (a fair, its rounds) is its own row, not a commune's.
    expect((await figures('24')).own).toEqual(expect.objectContaining({ promotion_events_held: 1, rounds_opened: 1 }));
  });

  it('refuses a period that does not exist, a unit outside the caller’s, and an unknown unit, with stable codes', async () => {
    const expectError = async (query: Record<string, string>, token: Token, status: number, code: string) => {
      const response = await http().get('/api/v1/reports/figures').query(query).set(token);
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    };
    await expectError({ unit: '24', period: '2026-M13' }, province, 400, 'VALIDATION_FAILED');
    await expectError({ unit: '24', period: '1999' }, province, 400, 'PERIOD_NOT_FOUND');
    await expectError({ unit: '24', period: '2026-M03' }, commune, 403, 'OUT_OF_JURISDICTION');
    await expectError({ unit: '99', period: '2026-M03' }, ministry, 400, 'UNKNOWN_UNIT');
  });

  it('handles a redelivered event once (the inbox), whatever its message id', async () => {
    const before = (await figures('24')).figures;
    const issued = bus.published.find((event) => event.subject === EvaluationEvents.certificateIssued.subject)!;
    const registered = bus.published.find((event) => event.subject === RegistrationEvents.productRegistered.subject)!;
    for (const event of [issued, registered]) await bus.send(event, randomUUID());
    await eventually(async () => {
      const info = await (await bus.connection.jetstreamManager()).consumers.info('OCOP_EVALUATION', 'reporting');
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    await eventually(async () => {
      const info = await (await bus.connection.jetstreamManager()).consumers.info('OCOP_REGISTRATION', 'reporting');
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    expect((await figures('24')).figures).toEqual(before);
  });

  it('delivers the other services’ reminders to the inbox of the unit, the producer and the member', async () => {
    const inbox = async (token: Token, query: Record<string, string> = {}) =>
      (await http().get('/api/v1/notifications').query(query).set(token).expect(200)).body as {
        items: { id: string; kind: string; title: string; readAt: string | null }[];
        total: number;
      };
    const kinds = (await inbox(commune)).items.map((item) => item.kind).sort();
    expect(kinds).toEqual(['certificate_expiry_notice', 'cycle_reminder']);
    const producer = {
      authorization: `Bearer ${await testToken({ roles: ['producer'], unitCode: '07432', producerId: ids.coop })}`,
    };
    expect((await inbox(producer)).items.map((item) => item.kind)).toEqual(['certificate_expiry_notice']);
    const member = {
      authorization: `Bearer ${await testToken({ roles: ['council_member'], unitCode: '24', subject: 'user-m1' })}`,
    };
    const reminder = (await inbox(member)).items.find((item) => item.kind === 'scoring_reminder')!;
    expect(reminder.title).toContain('Đợt 1 năm 2026');
    // The cycle reminder reached every commune of the province.
    const rows = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM reporting.notification WHERE kind = 'cycle_reminder'`,
    );
    expect(Number(rows[0]!.n)).toBe(99);
    const read = await http().post(`/api/v1/notifications/${reminder.id}/read`).set(member).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await inbox(member, { unread: 'true' })).items.map((item) => item.kind)).not.toContain('scoring_reminder');
    const foreign = await http().post(`/api/v1/notifications/${reminder.id}/read`).set(commune);
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({
      status: 404,
      code: 'NOTIFICATION_NOT_FOUND',
    });
  });

  it('exports the report as an administrative workbook, a PDF and CSV', async () => {
    const query = { unit: '24', period: '2026-M03' };
    const xlsx = await http()
      .get('/api/v1/reports/figures/export.xlsx')
      .query(query)
      .set(province)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Biểu 1',
      'Biểu 2',
      'Biểu 3',
      'Biểu 4',
      'Biểu 5',
      'Biểu 6',
      'Biểu 7',
    ]);
    const first = workbook.worksheets[0]!;
    const texts = first
      .getSheetValues()
      .flat()
      .filter((value): value is string => typeof value === 'string');
    expect(texts).toEqual(
      expect.arrayContaining([
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'BÁO CÁO TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM (OCOP)',
        'Đơn vị: Tỉnh Bắc Ninh (mã 24)',
        'Biểu 1. Sản phẩm tham gia Chương trình OCOP theo bước của chu trình (hiện tại)',
      ]),
    );
    const byUnit = workbook.getWorksheet('Biểu 7')!;
    const unitNames = byUnit
      .getSheetValues()
      .flat()
      .filter((value): value is string => typeof value === 'string');
    expect(unitNames).toEqual(expect.arrayContaining(['Xã Tân Dĩnh', 'Cấp tỉnh (không thuộc xã)']));
    // The total row sums the units with a formula, written with its result.
    const totalRow = byUnit.getRows(1, byUnit.rowCount)!.find((row) => row.getCell(1).value === 'Tổng cộng')!;
    expect(totalRow.getCell(3).value).toEqual(expect.objectContaining({ result: 4 }));

    const pdf = await http()
      .get('/api/v1/reports/figures/export.pdf')
      .query(query)
      .set(province)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const text = inspectPdf(pdf.body as Buffer)
      .pages.map((page) => page.text)
      .join('\n');
    expect(text).toContain('Tỉnh Bắc Ninh');
    expect(text).toContain('Sản phẩm OCOP còn hiệu lực theo hạng sao');

    const csv = await http().get('/api/v1/reports/figures/export.csv').query(query).set(province).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('ky_bao_cao,ma_don_vi,ten_don_vi,chi_tieu,noi_dung,gia_tri');
    expect(lines).toContain('2026-M03,24,Tỉnh Bắc Ninh,certificates_issued,Giấy chứng nhận OCOP được cấp,2');
  });

  it('rebuilds the read models from scratch by replaying the streams, with progress, to the same figures', async () => {
    const before = await Promise.all(['24', '38', 'VN', '07432'].map(async (unit) => (await figures(unit)).figures));
    const notifications = await db.query<{ n: string }>(`SELECT count(*) AS n FROM reporting.notification`);
    const refused = await http().post('/api/v1/admin/read-models/rebuild').set(ministry);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'FORBIDDEN_ROLE' });
    const started = await http().post('/api/v1/admin/read-models/rebuild').set(admin).expect(202);
    expect(started.body.state).toBe('running');
    const done = await eventually(
      async () => {
        const status = await http().get('/api/v1/admin/read-models/rebuild').set(admin).expect(200);
        expect(status.body.state).toBe('done');
        return status.body as {
          handled: number;
          total: number;
          percent: number;
          streams: { stream: string; total: number }[];
        };
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(done.percent).toBe(100);
    expect(done.handled).toBe(done.total);
    expect(done.streams.map((stream) => stream.stream)).toEqual([
      'OCOP_REGISTRATION',
      'OCOP_EVALUATION',
      'OCOP_PROMOTION',
    ]);
    const after = await Promise.all(['24', '38', 'VN', '07432'].map(async (unit) => (await figures(unit)).figures));
    expect(after).toEqual(before);
    expect(await db.query(`SELECT count(*) AS n FROM reporting.notification`)).toEqual(notifications);
  });
});

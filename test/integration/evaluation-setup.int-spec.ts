import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import { evaluationDataSource } from '../../services/evaluation/src/database/data-source';
import { registrationDataSource } from '../../services/registration/src/database/data-source';

jest.setTimeout(60_000);

/**
 * Evaluation's set-up before any round: regulation versions and councils, over HTTP. Registration runs beside it because evaluation checks a
 * province officer's jurisdiction by asking registration over NATS request/reply.
 */
describe('evaluation: regulation versions, province overrides and councils', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let registration: INestApplication;
  let evaluation: INestApplication;
  const auth = async (roles: Parameters<typeof testToken>[0]['roles'], unitCode: string) => ({
    authorization: `Bearer ${await testToken({ roles, unitCode })}`,
  });

  beforeAll(async () => {
    db = await TestDatabase.create('regulations');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(evaluationDataSource, 'evaluation', db.url);
    nats = await TestNatsServer.start();
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS };
    ({ app: registration } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      env,
    ));
    ({ app: evaluation } = await startHttpApp(
      async () => (await import('../../services/evaluation/src/app.module')).EvaluationApiModule,
      env,
    ));
  });

  afterAll(async () => {
    await evaluation?.close();
    await registration?.close();
    await nats?.stop();
    await db?.drop();
  });

  it('lists the versions and finds the one in force on a date', async () => {
    const headers = await auth(['auditor'], 'VN');
    const versions = await request(evaluation.getHttpServer()).get('/api/v1/regulations').set(headers).expect(200);
    expect(versions.body.map((v: { code: string }) => v.code)).toEqual(['1048/2019', '148/2023', '1489/2025']);
    const langGiang2024 = await request(evaluation.getHttpServer())
      .get('/api/v1/regulations/in-force')
      .query({ date: '2024-06-14' })
      .set(headers)
      .expect(200);
    expect(langGiang2024.body).toEqual(
      expect.objectContaining({ source: 'national', version: expect.objectContaining({ code: '148/2023' }) }),
    );
    const bad = await request(evaluation.getHttpServer())
      .get('/api/v1/regulations/in-force')
      .query({ date: '14/06/2024' })
      .set(headers);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const before = await request(evaluation.getHttpServer())
      .get('/api/v1/regulations/in-force')
      .query({ date: '2010-01-01' })
      .set(headers);
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('NO_REGULATION_IN_FORCE');
  });

  it('lets a province keep a version from a date, within its jurisdiction only', async () => {
    const province = await auth(['province_officer'], '24');
    const set = await request(evaluation.getHttpServer())
      .put('/api/v1/regulations/overrides/24')
      .set(province)
      .send({
        versionCode: '148/2023',
        effectiveFrom: '2025-07-06',
        reason: 'Hoàn thành các đợt đánh giá năm 2025 theo bộ tiêu chí cũ',
      })
      .expect(200);
    expect(set.body).toEqual(expect.objectContaining({ provinceCode: '24', versionCode: '148/2023' }));

    const inForce = await request(evaluation.getHttpServer())
      .get('/api/v1/regulations/in-force')
      .query({ date: '2025-10-10', province: '24' })
      .set(province)
      .expect(200);
    expect(inForce.body).toEqual(
      expect.objectContaining({ source: 'province', version: expect.objectContaining({ code: '148/2023' }) }),
    );
    const elsewhere = await request(evaluation.getHttpServer())
      .get('/api/v1/regulations/in-force')
      .query({ date: '2025-10-10', province: '12' })
      .set(province)
      .expect(200);
    expect(elsewhere.body.version.code).toBe('1489/2025');

    const foreign = await request(evaluation.getHttpServer())
      .put('/api/v1/regulations/overrides/12')
      .set(province)
      .send({ versionCode: '148/2023', effectiveFrom: '2025-07-06', reason: 'Không thuộc thẩm quyền' });
    expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
    const unknown = await request(evaluation.getHttpServer())
      .put('/api/v1/regulations/overrides/24')
      .set(province)
      .send({ versionCode: '999/2030', effectiveFrom: '2030-01-01', reason: 'Phiên bản không tồn tại' });
    expect(unknown.body.code).toBe('REGULATION_VERSION_UNKNOWN');
    const rows = await db.query('SELECT * FROM evaluation.regulation_override');
    expect(rows).toHaveLength(1);
    const events = await db.query<{ subject: string }>('SELECT subject FROM evaluation.outbox_event');
    expect(events.map((event) => event.subject)).toEqual(['ocop.evaluation.regulation.override-set.v1']);
  });

  describe('councils', () => {
    // A district council of Lạng Giang's size: chair, two vice-chairs, five members, an expert, a secretary.
    const members = [
      { fullName: 'Nguyễn Văn Hùng', organisation: 'UBND huyện Lạng Giang', role: 'chair', userId: 'chair-1' },
      { fullName: 'Trần Thị Mai', organisation: 'Phòng Nông nghiệp và PTNT', role: 'vice_chair' },
      { fullName: 'Lê Văn Nam', organisation: 'Phòng Kinh tế - Hạ tầng', role: 'vice_chair' },
      { fullName: 'Phạm Thị Lan', organisation: 'Phòng Y tế', role: 'member' },
      { fullName: 'Hoàng Văn Đức', organisation: 'Phòng Tài chính - Kế hoạch', role: 'member' },
      { fullName: 'Vũ Thị Hoa', organisation: 'Phòng Văn hóa và Thông tin', role: 'member' },
      { fullName: 'Đỗ Văn Tuấn', organisation: 'Trung tâm Dịch vụ nông nghiệp', role: 'member' },
      { fullName: 'Bùi Thị Ngọc', organisation: 'Hội Liên hiệp Phụ nữ huyện', role: 'member' },
      { fullName: 'Ngô Văn Bình', organisation: 'Trường Đại học Nông Lâm Bắc Giang', role: 'expert' },
      { fullName: 'Đặng Thị Thu', organisation: 'Văn phòng Điều phối NTM', role: 'secretary' },
    ];
    const council = {
      name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Lạng Giang năm 2024',
      level: 'district',
      unitCode: '217',
      provinceCode: '24',
      termStart: '2024-01-01',
      termEnd: '2025-06-30',
      members,
    };

    it('forms a council with its members and the default quorum rule, and lists it for its province', async () => {
      const province = await auth(['province_officer'], '24');
      const created = await request(evaluation.getHttpServer())
        .post('/api/v1/councils')
        .set(province)
        .send(council)
        .expect(201);
      expect(created.body).toEqual(
        expect.objectContaining({
          level: 'district',
          unitCode: '217',
          quorum: { minShare: 0.75, chairRequired: true },
        }),
      );
      expect(created.body.members).toHaveLength(10);
      const listed = await request(evaluation.getHttpServer()).get('/api/v1/councils').set(province).expect(200);
      expect(listed.body.map((c: { id: string }) => c.id)).toEqual([created.body.id]);

      const replaced = await request(evaluation.getHttpServer())
        .put(`/api/v1/councils/${created.body.id}/members`)
        .set(province)
        .send({ members: members.slice(0, 5) })
        .expect(200);
      expect(replaced.body.members.map((m: { fullName: string }) => m.fullName)).toEqual(
        members.slice(0, 5).map((m) => m.fullName),
      );
      const other = await request(evaluation.getHttpServer())
        .get(`/api/v1/councils/${created.body.id}`)
        .set(await auth(['province_officer'], '12'));
      expect(other.body.code).toBe('OUT_OF_JURISDICTION');
    });

    it('refuses an invalid membership or a level that does not fit the unit, and writes nothing', async () => {
      const province = await auth(['province_officer'], '24');
      const before = await db.query('SELECT id FROM evaluation.council');
      const noChair = await request(evaluation.getHttpServer())
        .post('/api/v1/councils')
        .set(province)
        .send({ ...council, members: members.filter((m) => m.role !== 'chair') });
      expect(noChair.status).toBe(400);
      expect(noChair.body).toEqual(
        expect.objectContaining({
          code: 'COUNCIL_MEMBERSHIP_INVALID',
          details: { problems: ['a council has exactly one chair (found 0)'] },
        }),
      );
      const mismatch = await request(evaluation.getHttpServer())
        .post('/api/v1/councils')
        .set(province)
        .send({ ...council, level: 'province' });
      expect(mismatch.body.code).toBe('COUNCIL_LEVEL_UNIT_MISMATCH');
      const badRole = await request(evaluation.getHttpServer())
        .post('/api/v1/councils')
        .set(province)
        .send({ ...council, members: [...members, { fullName: 'Người lạ', organisation: 'Không rõ', role: 'king' }] });
      expect(badRole.body.details[0].field).toBe('members.10.role');
      const foreign = await request(evaluation.getHttpServer())
        .post('/api/v1/councils')
        .set(await auth(['province_officer'], '12'))
        .send(council);
      expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
      expect(await db.query('SELECT id FROM evaluation.council')).toHaveLength(before.length);
    });
  });
});

import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testToken, type TestDatabase } from '@ocop/testing';
import { registrationDataSource } from '../../src/database/data-source';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(60_000);

interface Row {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  changedBy: string;
  unitCode: string | null;
  provinceCode: string | null;
  changedAt: string;
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);

/**
 * Registration's audit log: every change (producers, products, the cycle's actions, documents, photos) with who,
 * where and old → new, every export and download, read through GET /audit-log by record and by user within the
 * reader's jurisdiction; the rows cannot be changed, even in the database.
 */
describe('registration: the audit log', () => {
  let testApp: RegistrationTestApp | undefined;
  let app: INestApplication;
  let db: TestDatabase;
  const tokens: Record<string, string> = {};
  const auth = (key: string) => ({ authorization: `Bearer ${tokens[key]}` });
  const http = () => request(app.getHttpServer());
  const log = async (query: string, as = 'province') =>
    (await http().get(`/api/v1/audit-log?${query}`).set(auth(as)).expect(200)).body as {
      items: Row[];
      total: number;
    };
  let producerId: string;
  let productId: string;

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('audit');
    ({ app, db } = testApp);
    const users: [string, Parameters<typeof testToken>[0]['roles'], string][] = [
      ['province', ['province_officer'], '24'],
      ['commune', ['commune_officer'], '07381'],
      ['otherCommune', ['commune_officer'], '07375'],
      ['otherProvince', ['province_officer'], '12'],
      ['auditor', ['auditor'], 'VN'],
      ['promotion', ['promotion_officer'], '24'],
    ];
    for (const [key, roles, unitCode] of users) tokens[key] = await testToken({ roles, unitCode, subject: `u-${key}` });

    const producer = await http()
      .post('/api/v1/producers')
      .set(auth('province'))
      .send({
        taxCode: '2400700001',
        name: 'HTX Vải thiều Nghĩa Hòa',
        legalForm: 'cooperative',
        communeCode: '07381',
        phone: '0912000000',
      })
      .expect(201);
    producerId = producer.body.id;
    await http()
      .patch(`/api/v1/producers/${producerId}`)
      .set(auth('commune'))
      .send({ phone: '0912111111' })
      .expect(200);
    const product = await http()
      .post('/api/v1/products')
      .set(auth('province'))
      .send({ producerId, name: 'Vải thiều sấy', group: 'food', subgroup: 'processed' })
      .expect(201);
    productId = product.body.id;
    await http()
      .patch(`/api/v1/products/${productId}`)
      .set(auth('commune'))
      .send({ name: 'Vải thiều sấy khô Nghĩa Hòa' })
      .expect(200);
    await http()
      .post(`/api/v1/products/${productId}/selection`)
      .set(auth('commune'))
      .send({ decision: 'accepted' })
      .expect(200);
    await http()
      .post(`/api/v1/products/${productId}/business-plan`)
      .set(auth('commune'))
      .send({ summary: 'Sấy lạnh 20 tấn quả mỗi năm' })
      .expect(200);
    await http().post(`/api/v1/products/${productId}/dossier`).set(auth('commune')).expect(200);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('records every change with who, which unit, and old → new, read by record and by user', async () => {
    const producer = await log(`entityType=producer&entityId=${producerId}`);
    expect(producer.items).toEqual([
      expect.objectContaining({
        action: 'updated',
        changedBy: 'u-commune',
        unitCode: '07381',
        provinceCode: '24',
        changes: { phone: ['0912000000', '0912111111'], version: [1, 2] },
      }),
      expect.objectContaining({ action: 'registered', changedBy: 'u-province', unitCode: '07381' }),
    ]);
    expect(producer.items[1]!.changes['name']).toEqual([null, 'HTX Vải thiều Nghĩa Hòa']);
    // The producer's history reads the same rows.
    const history = await http().get(`/api/v1/producers/${producerId}/history`).set(auth('province')).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ version: 1, changedBy: 'u-province' }),
      expect.objectContaining({ version: 2, changes: { phone: ['0912000000', '0912111111'] } }),
    ]);

    const product = await log(`entityType=product&entityId=${productId}`);
    expect(product.items.map((row) => [row.action, row.changedBy])).toEqual([
      ['stage_changed', 'u-commune'],
      ['stage_changed', 'u-commune'],
      ['stage_changed', 'u-commune'],
      ['updated', 'u-commune'],
      ['registered', 'u-province'],
    ]);
    expect(product.items.map((row) => row.changes['status'])).toEqual([
      ['business_plan', 'dossier'],
      ['selected', 'business_plan'],
      ['idea', 'selected'],
      undefined,
      [null, 'idea'],
    ]);
    expect(product.items[3]!.changes).toEqual({ name: ['Vải thiều sấy', 'Vải thiều sấy khô Nghĩa Hòa'] });

    const byCommune = await log('changedBy=u-commune');
    expect(byCommune.items.every((row) => row.changedBy === 'u-commune')).toBe(true);
    expect(byCommune.items.map((row) => `${row.entityType} ${row.action}`)).toEqual([
      'product stage_changed',
      'dossier opened',
      'product stage_changed',
      'business_plan submitted',
      'product stage_changed',
      'product_selection accepted',
      'product updated',
      'producer updated',
    ]);
    expect(byCommune.total).toBe(8);
    // Paged, newest first.
    const page = await log('changedBy=u-commune&limit=3&offset=3');
    expect(page.items.map((row) => row.id)).toEqual(byCommune.items.slice(3, 6).map((row) => row.id));
    // Time bounds: nothing before the first change, everything after.
    expect((await log(`changedBy=u-commune&to=${byCommune.items.at(-1)!.changedAt}`)).total).toBe(0);
    expect((await log('changedBy=u-commune&from=2020-01-01')).total).toBe(8);
  });

  it('logs every export and download, with what was asked; a refused one logs nothing', async () => {
    await http().get('/api/v1/producers/export.csv?unit=07381&legalForm=cooperative').set(auth('province')).expect(200);
    const exported = await log('action=exported');
    expect(exported.items).toEqual([
      expect.objectContaining({
        entityType: 'producer',
        entityId: 'chu-the-ocop.csv',
        changedBy: 'u-province',
        unitCode: '07381',
        provinceCode: '24',
        changes: { unit: [null, '07381'], legalForm: [null, 'cooperative'], sort: [null, expect.any(String)] },
      }),
    ]);
    await http().get('/api/v1/products/export.csv?unit=24').set(auth('otherProvince')).expect(403);

    const uploaded = await http()
      .post(`/api/v1/products/${productId}/dossier/documents`)
      .set(auth('commune'))
      .field('item', 'registration_form')
      .attach('file', pdf('phiếu đăng ký'), { filename: 'phieu.pdf', contentType: 'application/pdf' })
      .expect(201);
    const photo = await http()
      .post(`/api/v1/products/${productId}/photos`)
      .set(auth('commune'))
      .attach('file', jpeg(), { filename: 'vai.jpg', contentType: 'image/jpeg' })
      .expect(201);
    await http()
      .get(`/api/v1/products/${productId}/dossier/documents/${uploaded.body.id}`)
      .set(auth('auditor'))
      .expect(200);
    await http().get(`/api/v1/products/${productId}/photos/${photo.body.id}`).set(auth('promotion')).expect(200);
    await http().get(`/api/v1/products/${productId}/photos/${photo.body.id}`).set(auth('otherProvince')).expect(403);

    const downloads = await log('action=downloaded');
    expect(downloads.items).toEqual([
      expect.objectContaining({
        entityType: 'product_photo',
        entityId: photo.body.id,
        changedBy: 'u-promotion',
        unitCode: '07381',
        changes: expect.objectContaining({ productId: [null, productId], fileName: [null, 'vai.jpg'] }),
      }),
      expect.objectContaining({
        entityType: 'dossier_document',
        entityId: uploaded.body.id,
        changedBy: 'u-auditor',
        changes: expect.objectContaining({ item: [null, 'registration_form'], sha256: [null, uploaded.body.sha256] }),
      }),
    ]);
    // The upload itself is a change of the dossier's document.
    expect((await log(`entityType=dossier_document&entityId=${uploaded.body.id}&action=uploaded`)).items).toEqual([
      expect.objectContaining({
        changedBy: 'u-commune',
        changes: expect.objectContaining({ item: [null, 'registration_form'], supersedes: [null, null] }),
      }),
    ]);
  });

  it("shows an officer their own unit's subtree only", async () => {
    // A province officer elsewhere sees none of province 24's rows, and may not ask for them.
    expect((await log('', 'otherProvince')).total).toBe(0);
    const refused = await http().get('/api/v1/audit-log?unit=24').set(auth('otherProvince')).expect(403);
    expect(refused.body.code).toBe('OUT_OF_JURISDICTION');
    await http().get(`/api/v1/audit-log?entityId=${producerId}&unit=VN`).set(auth('province')).expect(403);
    // The commune officer sees the commune's rows; another commune of the same province sees none of them.
    const commune = await log('', 'commune');
    expect(commune.total).toBeGreaterThan(0);
    expect(commune.items.every((row) => row.unitCode === '07381')).toBe(true);
    expect((await log('', 'otherCommune')).total).toBe(0);
    await http().get('/api/v1/audit-log?unit=24').set(auth('commune')).expect(403);
    // The province sees its communes' rows by default, and one commune when asked.
    expect((await log('')).total).toBe(commune.total);
    expect((await log('unit=07381')).total).toBe(commune.total);
  });

  it('lets auditors read the log and nothing else; other roles may not read it', async () => {
    const all = await log('limit=500', 'auditor');
    expect(all.total).toBeGreaterThan(10);
    const refused = await http()
      .post('/api/v1/producers')
      .set(auth('auditor'))
      .send({ taxCode: '2400700002', name: 'HTX Kiểm toán', legalForm: 'cooperative', communeCode: '07381' })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN_ROLE');
    expect((await http().get('/api/v1/audit-log').set(auth('promotion')).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    for (const query of ['from=yesterday', 'to=2026-W01', 'entityId=%00', 'unit=24a', 'limit=501']) {
      const bad = await http().get(`/api/v1/audit-log?${query}`).set(auth('auditor')).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await log('limit=500', 'auditor')).total).toBe(all.total);
  });

  it('keeps the rows append-only in the database', async () => {
    await expect(db.query(`UPDATE registration.change_record SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM registration.change_record`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE registration.change_record`)).rejects.toThrow(/append-only/);
  });

  it("moves producers' history out of and back into the log when its migration is reverted and run again", async () => {
    const before = await http().get(`/api/v1/producers/${producerId}/history`).set(auth('province')).expect(200);
    const dataSource = registrationDataSource(db.url);
    await dataSource.initialize();
    try {
      // Back to just before the migration that moved the history (and the ones after it).
      const index = dataSource.migrations.findIndex((migration) => migration.name?.startsWith('ChangeRecords'));
      expect(index).toBeGreaterThan(0);
      for (let i = dataSource.migrations.length; i > index; i -= 1)
        await dataSource.undoLastMigration({ transaction: 'all' });
      const kept = await db.query<{ version: number; changes: Record<string, unknown> }>(
        'SELECT version, changes FROM registration.producer_change WHERE producer_id = $1 ORDER BY version',
        [producerId],
      );
      expect(kept).toEqual([
        expect.objectContaining({ version: 1 }),
        { version: 2, changes: { phone: ['0912000000', '0912111111'] } },
      ]);
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await dataSource.destroy();
    }
    const after = await http().get(`/api/v1/producers/${producerId}/history`).set(auth('province')).expect(200);
    expect(after.body).toEqual(before.body);
  });
});

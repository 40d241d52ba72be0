import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testToken, type TestDatabase } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(60_000);

describe('registration: the cycle’s actions on a product', () => {
  let testApp: RegistrationTestApp | undefined;
  let app: INestApplication;
  let db: TestDatabase;
  let officer: string;
  let producerId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('cycle');
    ({ app, db } = testApp);
    officer = await testToken({ roles: ['commune_officer'], unitCode: '07432', subject: 'xa-tan-dinh' });
    const producer = await http()
      .post('/api/v1/producers')
      .set(auth(officer))
      .send({ taxCode: '2400200001', name: 'HTX Nông nghiệp Tân Dĩnh', legalForm: 'cooperative', communeCode: '07432' })
      .expect(201);
    producerId = producer.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function product(name: string): Promise<string> {
    const created = await http()
      .post('/api/v1/products')
      .set(auth(officer))
      .send({ producerId, name, group: 'food' })
      .expect(201);
    return created.body.id as string;
  }

  const events = async (productId: string) =>
    (
      await db.query<{ subject: string; data: { from?: string; to?: string; reason: string } }>(
        `SELECT subject, envelope->'data' AS data FROM registration.outbox_event WHERE envelope->'data'->>'productId' = $1 ORDER BY sequence`,
        [productId],
      )
    ).map(
      (row) =>
        `${row.subject.replace('ocop.registration.product.', '')}${row.data.to ? ` ${row.data.from}→${row.data.to}` : ''}`,
    );

  const status = async (productId: string) =>
    (await http().get(`/api/v1/products/${productId}`).set(auth(officer)).expect(200)).body.status as string;

  it('selects an idea, takes its business plan from the producer, and lets it be withdrawn', async () => {
    const id = await product('Vải thiều Tân Dĩnh');
    const selected = await http()
      .post(`/api/v1/products/${id}/selection`)
      .set(auth(officer))
      .send({ decision: 'accepted' })
      .expect(200);
    expect(selected.body).toEqual(
      expect.objectContaining({ decision: 'accepted', decidedBy: 'xa-tan-dinh', decidedByUnit: '07432' }),
    );
    expect(await status(id)).toBe('selected');

    const producerUser = await testToken({ roles: ['producer'], unitCode: '07432', producerId });
    const plan = await http()
      .post(`/api/v1/products/${id}/business-plan`)
      .set(auth(producerUser))
      .send({
        summary: 'Sấy lạnh 20 tấn vải/năm, đóng túi 500 g, bán qua sàn thương mại điện tử',
        investmentVnd: '450000000',
      })
      .expect(200);
    expect(plan.body).toEqual(expect.objectContaining({ productId: id, investmentVnd: '450000000' }));
    // A second submission replaces the plan and does not move the stage again.
    await http()
      .post(`/api/v1/products/${id}/business-plan`)
      .set(auth(producerUser))
      .send({ summary: 'Sấy lạnh 25 tấn vải/năm, đóng túi 500 g và 1 kg, bán qua sàn thương mại điện tử' })
      .expect(200);
    expect(await status(id)).toBe('business_plan');

    await http()
      .post(`/api/v1/products/${id}/withdrawal`)
      .set(auth(officer))
      .send({ reason: 'Chủ thể tạm dừng sản xuất' })
      .expect(200);
    expect(await status(id)).toBe('withdrawn');
    expect(await events(id)).toEqual([
      'registered.v1',
      'stage-changed.v1 idea→selected',
      'stage-changed.v1 selected→business_plan',
      'stage-changed.v1 business_plan→withdrawn',
    ]);
  });

  it('returns an idea to the producer with a reason, which it needs', async () => {
    const id = await product('Mỳ gạo Tân Dĩnh');
    const noReason = await http()
      .post(`/api/v1/products/${id}/selection`)
      .set(auth(officer))
      .send({ decision: 'returned' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    await http()
      .post(`/api/v1/products/${id}/selection`)
      .set(auth(officer))
      .send({ decision: 'returned', reason: 'Chưa chứng minh nguồn gạo của địa phương' })
      .expect(200);
    expect(await status(id)).toBe('idea');
    const selections = await http().get(`/api/v1/products/${id}/selections`).set(auth(officer)).expect(200);
    expect(selections.body.map((s: { decision: string }) => s.decision)).toEqual(['returned']);
    expect(await events(id)).toEqual(['registered.v1', 'selection-returned.v1']);
  });

  it('refuses actions that do not fit the stage, or come from the wrong user, and writes nothing', async () => {
    const id = await product('Gạo nếp cái hoa vàng');
    const before = await events(id);
    const early = await http()
      .post(`/api/v1/products/${id}/business-plan`)
      .set(auth(officer))
      .send({ summary: 'Một phương án đủ dài để hợp lệ về độ dài' });
    expect(early.status).toBe(409);
    expect(early.body).toEqual(
      expect.objectContaining({
        code: 'PRODUCT_STAGE_CONFLICT',
        details: { from: 'idea', to: 'business_plan', allowed: ['selected', 'withdrawn', 'certified'] },
      }),
    );
    const otherProducer = await testToken({
      roles: ['producer'],
      unitCode: '07432',
      producerId: '00000000-0000-4000-8000-000000000000',
    });
    const notTheirs = await http()
      .post(`/api/v1/products/${id}/withdrawal`)
      .set(auth(otherProducer))
      .send({ reason: 'Không phải của tôi' });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.code).toBe('NOT_YOUR_PRODUCT');
    const producerSelects = await http()
      .post(`/api/v1/products/${id}/selection`)
      .set(auth(otherProducer))
      .send({ decision: 'accepted' });
    expect(producerSelects.body.code).toBe('FORBIDDEN_ROLE');
    const otherCommune = await testToken({ roles: ['commune_officer'], unitCode: '07375' });
    const outside = await http()
      .post(`/api/v1/products/${id}/selection`)
      .set(auth(otherCommune))
      .send({ decision: 'accepted' });
    expect(outside.body.code).toBe('OUT_OF_JURISDICTION');

    await http().post(`/api/v1/products/${id}/selection`).set(auth(officer)).send({ decision: 'accepted' }).expect(200);
    const twice = await http()
      .post(`/api/v1/products/${id}/selection`)
      .set(auth(officer))
      .send({ decision: 'accepted' });
    expect(twice.status).toBe(409);
    expect(await events(id)).toEqual([...before, 'stage-changed.v1 idea→selected']);
    const [row] = await db.query<{ count: string }>(
      'SELECT count(*) FROM registration.product_selection WHERE product_id = $1',
      [id],
    );
    expect(Number(row!.count)).toBe(1);
  });

  it('corrects a product’s name and description until it enters a round', async () => {
    const id = await product('Mì gạo Tan Dinh');
    const corrected = await http()
      .patch(`/api/v1/products/${id}`)
      .set(auth(officer))
      .send({ name: 'Mỳ gạo Tân Dĩnh', subgroup: 'processed', description: 'Mỳ gạo phơi nắng, sợi nhỏ' })
      .expect(200);
    expect(corrected.body).toEqual(expect.objectContaining({ name: 'Mỳ gạo Tân Dĩnh', subgroup: 'processed' }));
    const found = await http().get('/api/v1/products').query({ q: 'my gao tan dinh' }).set(auth(officer)).expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(id);
    const group = await http().patch(`/api/v1/products/${id}`).set(auth(officer)).send({ group: 'beverages' });
    expect(group.body.code).toBe('VALIDATION_FAILED');
    expect(await events(id)).toEqual(['registered.v1', 'updated.v1']);

    // Entering a round is evaluation's action (issue 4); the test puts the product there directly.
    await db.query(`UPDATE registration.product SET status = 'in_evaluation' WHERE id = $1`, [id]);
    const locked = await http().patch(`/api/v1/products/${id}`).set(auth(officer)).send({ name: 'Tên khác' });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('PRODUCT_LOCKED');
  });
});

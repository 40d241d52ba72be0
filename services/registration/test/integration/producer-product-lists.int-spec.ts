import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { testToken, type TestDatabase } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(60_000);

describe('registration: producer details, history, reference data, lists and exports', () => {
  let testApp: RegistrationTestApp | undefined;
  let app: INestApplication;
  let db: TestDatabase;
  let province: string;
  let commune: string;
  let otherProvince: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('lists');
    ({ app, db } = testApp);
    province = await testToken({ roles: ['province_officer'], unitCode: '24', subject: 'officer-24' });
    commune = await testToken({ roles: ['commune_officer'], unitCode: '07381', subject: 'officer-07381' });
    otherProvince = await testToken({ roles: ['province_officer'], unitCode: '12' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const http = () => request(app.getHttpServer());

  function producer(body: Record<string, unknown>, token = province): request.Test {
    return http()
      .post('/api/v1/producers')
      .set(auth(token))
      .send({ legalForm: 'cooperative', communeCode: '07381', ...body });
  }

  it('registers every detail of a producer, validates the workforce, and warns of a similar name nearby', async () => {
    const created = await producer({
      taxCode: '2400100001',
      name: 'Hội Nuôi ong xã Nghĩa Hoà',
      legalForm: 'cooperative_group',
      village: 'Thôn Đồng Quan',
      representative: 'Nguyễn Văn An',
      email: 'nuoiong@example.vn',
      workforce: { total: 25, trained: 10, women: 14, ethnicMinority: 0 },
      womenLed: true,
    }).expect(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        village: 'Thôn Đồng Quan',
        workforce: { total: 25, trained: 10, women: 14, ethnicMinority: 0 },
        womenLed: true,
        version: 1,
      }),
    );
    expect(created.body.warnings).toEqual([]);

    const similar = await producer({ taxCode: '2400100002', name: 'Hội nuôi ong xã Nghĩa Hòa' }).expect(201);
    expect(similar.body.warnings).toEqual([
      expect.objectContaining({
        code: 'SIMILAR_PRODUCER_NAME',
        producerId: created.body.id,
        producerName: 'Hội Nuôi ong xã Nghĩa Hoà',
      }),
    ]);

    const bad = await producer({
      taxCode: '2400100003',
      name: 'HTX X',
      workforce: { total: 5, trained: 6, women: 1, ethnicMinority: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      expect.objectContaining({ field: 'workforce.trained', constraints: ['notAboveTotal'] }),
    ]);
  });

  it('keeps every change of a producer in its history, with who and what', async () => {
    const created = await producer(
      { taxCode: '2400100010', name: 'HTX Vải thiều Nghĩa Hòa', phone: '0912000000' },
      commune,
    ).expect(201);
    const id = created.body.id as string;
    const updated = await http()
      .patch(`/api/v1/producers/${id}`)
      .set(auth(province))
      .send({ phone: '0912111111', workforce: { total: 8, trained: 2, women: 3, ethnicMinority: 1 } })
      .expect(200);
    expect(updated.body.version).toBe(2);
    // The same values again change nothing and add no version.
    await http().patch(`/api/v1/producers/${id}`).set(auth(province)).send({ phone: '0912111111' }).expect(200);
    const refused = await http().patch(`/api/v1/producers/${id}`).set(auth(province)).send({ taxCode: '2400999999' });
    expect(refused.body.code).toBe('VALIDATION_FAILED');

    const history = await http().get(`/api/v1/producers/${id}/history`).set(auth(province)).expect(200);
    expect(history.body.map((change: { version: number }) => change.version)).toEqual([1, 2]);
    expect(history.body[0].changedBy).toBe('officer-07381');
    expect(history.body[1]).toEqual(
      expect.objectContaining({
        changedBy: 'officer-24',
        changes: {
          phone: ['0912000000', '0912111111'],
          workforce: [
            { total: 0, trained: 0, women: 0, ethnicMinority: 0 },
            { total: 8, trained: 2, women: 3, ethnicMinority: 1 },
          ],
        },
      }),
    );
    const events = await db.query<{ subject: string }>(
      `SELECT subject FROM registration.outbox_event WHERE envelope->'data'->>'producerId' = $1 ORDER BY sequence`,
      [id],
    );
    expect(events.map((event) => event.subject)).toEqual([
      'ocop.registration.producer.registered.v1',
      'ocop.registration.producer.updated.v1',
    ]);
    const foreign = await http()
      .patch(`/api/v1/producers/${id}`)
      .set(auth(otherProvince))
      .send({ phone: '0900000000' });
    expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
  });

  it('serves product groups as reference data and enforces subgroups and legal forms', async () => {
    const groups = await http().get('/api/v1/product-groups').set(auth(province)).expect(200);
    const food = groups.body.find((group: { code: string }) => group.code === 'food');
    expect(food.subgroups.map((subgroup: { code: string }) => subgroup.code)).toContain('tea');
    expect(groups.body.find((group: { code: string }) => group.code === 'souvenirs_decor_2018')).toEqual(
      expect.objectContaining({ legacy: true, mapsTo: 'handicrafts', mapsToSubgroup: 'household_decor' }),
    );

    const htx = await producer({ taxCode: '2400100020', name: 'HTX Chè Nghĩa Hòa' }).expect(201);
    const association = await producer({
      taxCode: '2400100021',
      name: 'Hiệp hội du lịch Nghĩa Hòa',
      legalForm: 'tourism_association',
    }).expect(201);
    const before = await db.query('SELECT id FROM registration.product');
    const mismatch = await http()
      .post('/api/v1/products')
      .set(auth(province))
      .send({ producerId: htx.body.id, name: 'Chè xanh', group: 'food', subgroup: 'alcoholic' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('PRODUCT_SUBGROUP_NOT_IN_GROUP');
    const wrongForm = await http()
      .post('/api/v1/products')
      .set(auth(province))
      .send({ producerId: association.body.id, name: 'Mật ong', group: 'food' });
    expect(wrongForm.status).toBe(422);
    expect(wrongForm.body.code).toBe('LEGAL_FORM_CANNOT_HOLD_GROUP');
    expect(await db.query('SELECT id FROM registration.product')).toHaveLength(before.length);

    await http()
      .post('/api/v1/products')
      .set(auth(province))
      .send({
        producerId: association.body.id,
        name: 'Du lịch cộng đồng Nghĩa Hòa',
        group: 'tourism',
        subgroup: 'community_tourism',
      })
      .expect(201);
    await http()
      .post('/api/v1/products')
      .set(auth(province))
      .send({
        producerId: htx.body.id,
        name: 'Chè xanh Nghĩa Hòa',
        group: 'food',
        subgroup: 'tea',
        rawMaterialOrigin: 'Đồi chè trong xã',
      })
      .expect(201);
  });

  it('lists with filters, accent-insensitive search, sorting and paging, and exports CSV', async () => {
    const honey = await producer({ taxCode: '2400100030', name: 'HTX Mật ong Nghĩa Hoà' }).expect(201);
    for (const name of ['Mật ong Nghĩa Hoà', 'Mật ong hoa vải', 'Sáp ong']) {
      await http()
        .post('/api/v1/products')
        .set(auth(province))
        .send({ producerId: honey.body.id, name, group: 'food', subgroup: 'processed' })
        .expect(201);
    }
    const search = await http()
      .get('/api/v1/products')
      .query({ q: 'mat ong nghia hoa' })
      .set(auth(province))
      .expect(200);
    expect(search.body.items.map((item: { name: string }) => item.name)).toEqual(['Mật ong Nghĩa Hoà']);
    // A list's item is the product's view, field for field (the list reads plain rows, the product an entity).
    const [found] = search.body.items as { id: string }[];
    const single = await http().get(`/api/v1/products/${found!.id}`).set(auth(province)).expect(200);
    expect(found).toEqual(single.body);

    const sorted = await http()
      .get('/api/v1/products')
      .query({ producerId: honey.body.id, sort: 'name', limit: 2 })
      .set(auth(province))
      .expect(200);
    expect(sorted.body).toEqual(expect.objectContaining({ total: 3, limit: 2, offset: 0 }));
    expect(sorted.body.items.map((item: { name: string }) => item.name)).toEqual([
      'Mật ong hoa vải',
      'Mật ong Nghĩa Hoà',
    ]);

    const byForm = await http()
      .get('/api/v1/products')
      .query({ legalForm: 'tourism_association' })
      .set(auth(province))
      .expect(200);
    expect(byForm.body.items.map((item: { name: string }) => item.name)).toEqual(['Du lịch cộng đồng Nghĩa Hòa']);
    const bySubgroup = await http()
      .get('/api/v1/products')
      .query({ group: 'food', subgroup: 'tea', status: 'idea' })
      .set(auth(province))
      .expect(200);
    expect(bySubgroup.body.total).toBe(1);

    const producers = await http()
      .get('/api/v1/producers')
      .query({ q: 'NGHIA HOA', legalForm: 'cooperative', sort: 'name' })
      .set(auth(commune))
      .expect(200);
    expect(producers.body.items.map((item: { name: string }) => item.name)).toEqual([
      'Hội nuôi ong xã Nghĩa Hòa',
      'HTX Chè Nghĩa Hòa',
      'HTX Mật ong Nghĩa Hoà',
      'HTX Vải thiều Nghĩa Hòa',
    ]);

    // A province is matched on the product's province; the same rows as the unit path gives.
    const inProvince = await http().get('/api/v1/products').query({ unit: '24' }).set(auth(province)).expect(200);
    const [inProvinceRows] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM registration.product WHERE unit_path @> ARRAY['24']`,
    );
    expect(inProvince.body.total).toBe(Number(inProvinceRows?.n));
    // The product keeps a copy of its producer's legal form, changed with the producer's.
    await http()
      .patch(`/api/v1/producers/${honey.body.id}`)
      .set(auth(province))
      .send({ legalForm: 'cooperative_group' })
      .expect(200);
    const regrouped = await http()
      .get('/api/v1/products')
      .query({ legalForm: 'cooperative_group', producerId: honey.body.id })
      .set(auth(province))
      .expect(200);
    expect(regrouped.body.total).toBe(3);
    await http()
      .patch(`/api/v1/producers/${honey.body.id}`)
      .set(auth(province))
      .send({ legalForm: 'cooperative' })
      .expect(200);

    const foreign = await http().get('/api/v1/products').query({ unit: '24' }).set(auth(otherProvince));
    expect(foreign.body.code).toBe('OUT_OF_JURISDICTION');
    const badQuery = await http().get('/api/v1/products').query({ limit: 10_000, sort: 'price' }).set(auth(province));
    expect(badQuery.body.details.map((problem: { field: string }) => problem.field).sort()).toEqual(['limit', 'sort']);

    const csv = await http()
      .get('/api/v1/products/export.csv')
      .query({ producerId: honey.body.id, sort: 'name' })
      .set(auth(province))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Mã sản phẩm,Tên sản phẩm,Nhóm,Phân nhóm,Mã chủ thể,Mã tỉnh,Mã xã,Trạng thái,Năm chu trình,Ngày đăng ký',
    );
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([
      'Mật ong hoa vải',
      'Mật ong Nghĩa Hoà',
      'Sáp ong',
    ]);
    const refusedCsv = await http().get('/api/v1/products/export.csv').query({ unit: '24' }).set(auth(otherProvince));
    expect({ status: refusedCsv.status, code: (refusedCsv.body as { code?: string }).code }).toEqual({
      status: 403,
      code: 'OUT_OF_JURISDICTION',
    });
    const producerCsv = await http().get('/api/v1/producers/export.csv').set(auth(commune)).expect(200);
    expect(producerCsv.text.split('\r\n').length).toBeGreaterThan(3);
  });
  /** Rows where the tally the database keeps differs from counting the products (none when it is exact). */
  const TALLY_MISMATCHES = `
    SELECT coalesce(t.province_code, c.province_code) AS province, coalesce(t.status, c.status) AS status,
           t.products AS tallied, c.n AS counted
      FROM (SELECT * FROM registration.product_tally WHERE products <> 0) t
      FULL JOIN (SELECT province_code, "group", status, cycle_year, producer_legal_form, count(*)::int AS n
                   FROM registration.product GROUP BY 1, 2, 3, 4, 5) c
        USING (province_code, "group", status, cycle_year, producer_legal_form)
     WHERE t.products IS DISTINCT FROM c.n`;

  it('keeps the tally of products exact through every kind of write; national and province totals read it', async () => {
    const tea = await producer({ taxCode: '2400100040', name: 'HTX Chè Tân Dĩnh' }).expect(201);
    for (const [name, group, subgroup] of [
      ['Chè xanh Tân Dĩnh', 'food', 'tea'],
      ['Rượu men lá Tân Dĩnh', 'beverages', 'alcoholic'],
      ['Bánh chưng Tân Dĩnh', 'food', 'processed'],
    ] as const) {
      await http()
        .post('/api/v1/products')
        .set(auth(province))
        .send({ producerId: tea.body.id, name, group, subgroup })
        .expect(201);
    }
    // A producer's new legal form moves all its products in one statement.
    await http().patch(`/api/v1/producers/${tea.body.id}`).set(auth(province)).send({ legalForm: 'farm' }).expect(200);
    expect(await db.query(TALLY_MISMATCHES)).toEqual([]);

    const ministry = await testToken({ roles: ['ministry_officer'], unitCode: 'VN' });
    const filters: Record<string, string>[] = [
      {},
      { unit: '24' },
      { unit: '24', group: 'beverages' },
      { unit: '24', legalForm: 'farm', status: 'idea' },
      { group: 'food', year: String(new Date().getFullYear()) },
      { unit: '12' },
    ];
    for (const filter of filters) {
      // A page of one row is full, so its total is not read off the page but from the tally.
      const listed = await http()
        .get('/api/v1/products')
        .query({ ...filter, limit: 1 })
        .set(auth(ministry))
        .expect(200);
      const conditions = Object.entries(filter).map(([name, value]) => {
        const column = { unit: 'province_code', group: '"group"', legalForm: 'producer_legal_form' }[name] ?? name;
        return name === 'year' ? `cycle_year = ${Number(value)}` : `${column} = '${value}'`;
      });
      const [counted] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM registration.product ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`,
      );
      expect({ filter, total: listed.body.total }).toEqual({ filter, total: counted?.n });
    }
    // A short page shows its total (no count); past the end the total is still counted, not the offset.
    const [all] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registration.product`);
    const whole = await http().get('/api/v1/products').query({ limit: 500 }).set(auth(ministry)).expect(200);
    expect(whole.body).toEqual(expect.objectContaining({ total: all?.n, offset: 0 }));
    expect(whole.body.items).toHaveLength(all!.n);
    const beyond = await http().get('/api/v1/products').query({ offset: 400 }).set(auth(ministry)).expect(200);
    expect(beyond.body).toEqual(expect.objectContaining({ items: [], total: all?.n, offset: 400 }));

    // Whatever writes the rows (here psql-style statements of many rows), in a transaction rolled back at the end.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE registration.product SET status = 'selected' WHERE producer_id = $1`, [tea.body.id]);
      await client.query(`UPDATE registration.product SET cycle_year = cycle_year + 1 WHERE "group" = 'food'`);
      await client.query(`UPDATE registration.product SET workflow_id = 'unchanged-key' WHERE "group" = 'beverages'`);
      await client.query(`DELETE FROM registration.product WHERE name = 'Bánh chưng Tân Dĩnh'`);
      expect((await client.query(TALLY_MISMATCHES)).rows).toEqual([]);
      await client.query('TRUNCATE registration.product CASCADE');
      expect((await client.query('SELECT * FROM registration.product_tally')).rows).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    expect(await db.query(TALLY_MISMATCHES)).toEqual([]);
  });
});

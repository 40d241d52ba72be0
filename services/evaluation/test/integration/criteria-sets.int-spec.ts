import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PRODUCT_GROUPS } from '@ocop/contracts';
import { testToken, type ServiceTestApp, type TestDatabase } from '@ocop/testing';
import type { CriteriaSetDocument } from '../../src/criteria-set/criteria-set.rules';
import { CriteriaSetService } from '../../src/criteria-set/criteria-set.service';
import { startEvaluationTestApp } from './evaluation-test-app';

jest.setTimeout(60_000);

interface SetSummary {
  id: string;
  versionCode: string;
  group: string;
  subgroup: string | null;
  revision: number;
  criteriaCount: number;
  partMaxima: Record<string, number>;
  requiredCriteriaCount: number;
  createdBy: string;
}

async function rows(db: TestDatabase): Promise<number> {
  const [row] = await db.query<{ count: string }>('SELECT count(*) AS count FROM evaluation.criteria_set');
  return Number(row!.count);
}

describe('evaluation API: criteria sets', () => {
  let testApp: ServiceTestApp | undefined;
  let db: TestDatabase;
  let app: INestApplication;
  let ministry: string;
  let communeOfficer: string;
  let councilMember: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    testApp = await startEvaluationTestApp('criteria_sets');
    ({ db, app } = testApp);
    ministry = await testToken({ roles: ['ministry_officer'], unitCode: 'VN', subject: 'ministry-1' });
    communeOfficer = await testToken({ roles: ['commune_officer'], unitCode: '07381' });
    councilMember = await testToken({ roles: ['council_member'], unitCode: '24' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const list = async (query: Record<string, string> = {}, token = communeOfficer): Promise<SetSummary[]> =>
    (await http().get('/api/v1/criteria-sets').query(query).set('authorization', `Bearer ${token}`).expect(200))
      .body as SetSummary[];

  const exported = async (id: string): Promise<request.Response> =>
    http().get(`/api/v1/criteria-sets/${id}/export`).set('authorization', `Bearer ${councilMember}`).expect(200);

  it('lists the shipped sets at start: one per product group for 148/2023, revision 1', async () => {
    const sets = await list({ version: '148/2023' });
    expect(sets.map((set) => set.group).sort()).toEqual([...PRODUCT_GROUPS].sort());
    for (const set of sets) {
      expect(set).toEqual(
        expect.objectContaining({
          versionCode: '148/2023',
          subgroup: null,
          revision: 1,
          partMaxima: { A: 40, B: 25, C: 35 },
          createdBy: 'system',
        }),
      );
      expect(set.criteriaCount).toBeGreaterThanOrEqual(25);
      expect(set.requiredCriteriaCount).toBeGreaterThan(0);
    }
    expect(await list({ version: '148/2023', group: 'tourism' })).toHaveLength(1);
    expect(await list({ version: '1048/2019' })).toEqual([]);
  });

  it('loads the shipped sets idempotently, also from two replicas at once', async () => {
    const service = app.get(CriteriaSetService);
    const before = await rows(db);
    expect(await service.loadShipped()).toBe(0);
    expect(await rows(db)).toBe(before);

    await db.query(`DELETE FROM evaluation.criteria_set WHERE "group" = 'ornamental'`);
    const [first, second] = await Promise.all([service.loadShipped(), service.loadShipped()]);
    expect(first + second).toBe(1);
    expect(await rows(db)).toBe(before);
  });

  it('exports a set as a file that imports back as revision 2 with identical parts', async () => {
    const [food] = await list({ version: '148/2023', group: 'food' });
    const file = await exported(food!.id);
    expect(file.headers['content-type']).toMatch(/^application\/json/);
    expect(file.headers['content-disposition']).toBe('attachment; filename="criteria-set-148-2023-food-r1.json"');
    const document = file.body as CriteriaSetDocument;

    const imported = await http()
      .post('/api/v1/criteria-sets')
      .set('authorization', `Bearer ${ministry}`)
      .send(document)
      .expect(201);
    expect(imported.body).toEqual(
      expect.objectContaining({ group: 'food', subgroup: null, revision: 2, createdBy: 'ministry-1' }),
    );
    expect(imported.body.id).not.toBe(food!.id);
    expect(imported.body.document).toEqual(document);
    const again = await exported(imported.body.id as string);
    expect(again.headers['content-disposition']).toBe('attachment; filename="criteria-set-148-2023-food-r2.json"');
    expect((again.body as CriteriaSetDocument).parts).toEqual(document.parts);

    // The latest revision is listed; revision 1 stays readable, and listed with allRevisions.
    expect((await list({ version: '148/2023', group: 'food' })).map((set) => set.revision)).toEqual([2]);
    expect((await list({ version: '148/2023', allRevisions: 'true' })).length).toBe(PRODUCT_GROUPS.length + 1);
    await http()
      .get(`/api/v1/criteria-sets/${food!.id}`)
      .set('authorization', `Bearer ${councilMember}`)
      .expect(200)
      .expect((response) => expect(response.body.revision).toBe(1));
  });

  it("gives a round the subgroup's own set, else the group's latest, else CRITERIA_SET_MISSING", async () => {
    const service = app.get(CriteriaSetService);
    const [food] = await list({ version: '148/2023', group: 'food' });
    expect((await service.latestFor('148/2023', 'food', 'tea')).id).toBe(food!.id);

    const foodFile = (await exported(food!.id)).body as CriteriaSetDocument;
    const tea = await http()
      .post('/api/v1/criteria-sets')
      .set('authorization', `Bearer ${ministry}`)
      .send({ ...foodFile, subgroup: 'tea', title: 'Bộ tiêu chí nhóm Chè (theo Quyết định 148/QĐ-TTg)' })
      .expect(201);
    expect(tea.body).toEqual(expect.objectContaining({ subgroup: 'tea', revision: 1 }));
    expect((await service.latestFor('148/2023', 'food', 'tea')).id).toBe(tea.body.id);
    expect((await service.latestFor('148/2023', 'food', 'coffee')).id).toBe(food!.id);
    expect((await service.latestFor('148/2023', 'food', null)).id).toBe(food!.id);
    expect((await exported(tea.body.id as string)).headers['content-disposition']).toBe(
      'attachment; filename="criteria-set-148-2023-food-tea-r1.json"',
    );
    await expect(service.latestFor('1048/2019', 'food', null)).rejects.toMatchObject({ code: 'CRITERIA_SET_MISSING' });
    expect(await service.document(tea.body.id as string)).toEqual(tea.body.document);
  });

  describe('refuses a bad import with a stable code, and writes nothing', () => {
    let valid: CriteriaSetDocument;

    beforeAll(async () => {
      const [herbal] = await list({ version: '148/2023', group: 'herbal' });
      valid = (await exported(herbal!.id)).body as CriteriaSetDocument;
    });

    const notAddingUp = (): CriteriaSetDocument => {
      const document = structuredClone(valid);
      document.parts[0]!.criteria[0]!.options.at(-1)!.points -= 1;
      return document;
    };
    const duplicateCode = (): CriteriaSetDocument => {
      const document = structuredClone(valid);
      document.parts[2]!.criteria[1]!.code = document.parts[2]!.criteria[0]!.code;
      return document;
    };

    const malformedOption = (): unknown => ({
      ...valid,
      parts: [
        {
          ...valid.parts[0]!,
          criteria: [{ ...valid.parts[0]!.criteria[0]!, options: [{ code: 'a', text: 'Có', points: 'nhiều' }] }],
        },
      ],
    });

    const cases: Array<[string, () => unknown, () => string, number, string]> = [
      ['parts not adding up', notAddingUp, () => ministry, 400, 'CRITERIA_SET_INVALID'],
      ['a duplicate criterion code', duplicateCode, () => ministry, 400, 'CRITERIA_SET_INVALID'],
      [
        'an unknown regulation version',
        () => ({ ...valid, versionCode: '999/2030' }),
        () => ministry,
        400,
        'REGULATION_VERSION_UNKNOWN',
      ],
      ['a malformed option', malformedOption, () => ministry, 400, 'VALIDATION_FAILED'],
      ['an unknown field', () => ({ ...valid, stars: 5 }), () => ministry, 400, 'VALIDATION_FAILED'],
      ['a role that may not import', () => valid, () => councilMember, 403, 'FORBIDDEN_ROLE'],
    ];

    it.each(cases)('%s', async (_label, body, token, status, code) => {
      const before = await rows(db);
      const response = await http()
        .post('/api/v1/criteria-sets')
        .set('authorization', `Bearer ${token()}`)
        .send(body() as object);
      expect(response.status).toBe(status);
      expect(response.body).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
      expect(await rows(db)).toBe(before);
    });

    it('lists every problem in details, and says them in English on request', async () => {
      const response = await http()
        .post('/api/v1/criteria-sets')
        .set('authorization', `Bearer ${ministry}`)
        .set('accept-language', 'en')
        .send(notAddingUp())
        .expect(400);
      expect(response.body).toEqual({
        code: 'CRITERIA_SET_INVALID',
        message: "The criteria set is not valid: part A: the criteria's best options add up to 39, not 40",
        details: { problems: ["part A: the criteria's best options add up to 39, not 40"] },
      });
      const duplicate = await http()
        .post('/api/v1/criteria-sets')
        .set('authorization', `Bearer ${ministry}`)
        .send(duplicateCode())
        .expect(400);
      expect(duplicate.body.message).toMatch(/^Bộ tiêu chí chưa hợp lệ: /);
      expect(duplicate.body.details.problems).toContain(
        `criterion code ${valid.parts[2]!.criteria[0]!.code} is used twice`,
      );
    });
  });

  it('lets only officers, council members and secretaries, and auditors read', async () => {
    const producer = await testToken({ roles: ['producer'], unitCode: '24' });
    const promotion = await testToken({ roles: ['promotion_officer'], unitCode: '24' });
    for (const token of [producer, promotion]) {
      const response = await http().get('/api/v1/criteria-sets').set('authorization', `Bearer ${token}`);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_ROLE');
    }
    for (const roles of [['auditor'], ['council_secretary'], ['district_officer']] as const) {
      const token = await testToken({ roles: [...roles], unitCode: '24' });
      await http().get('/api/v1/criteria-sets').set('authorization', `Bearer ${token}`).expect(200);
    }
    await http()
      .get('/api/v1/criteria-sets/7d3c1a9e-0000-4000-8000-000000000000')
      .set('authorization', `Bearer ${councilMember}`)
      .expect(404)
      .expect((response) => expect(response.body.code).toBe('CRITERIA_SET_NOT_FOUND'));
  });
});

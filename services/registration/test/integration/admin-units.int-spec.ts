import request from 'supertest';
import { testToken } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(60_000);

describe('registration: administrative units of both eras', () => {
  let testApp: RegistrationTestApp | undefined;
  let token: string;
  const get = (path: string, query: Record<string, string | number> = {}) =>
    request(testApp!.app.getHttpServer())
      .get(`/api/v1/admin-units${path}`)
      .query(query)
      .set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('admin_units');
    token = await testToken({ roles: ['auditor'], unitCode: 'VN' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('lists provinces and communes of 2025, by parent and by name without diacritics', async () => {
    const provinces = await get('', { level: 'province', limit: 100 }).expect(200);
    expect(provinces.body.total).toBe(34);
    const communes = await get('', { parent: '24', limit: 1 }).expect(200);
    expect(communes.body.total).toBeGreaterThan(90);
    const search = await get('', { q: 'tien luc' }).expect(200);
    expect(search.body.items.map((unit: { code: string; name: string }) => `${unit.code} ${unit.name}`)).toEqual([
      '07381 Xã Tiên Lục',
    ]);
  });

  it('lists the legacy era too, with its districts', async () => {
    const districts = await get('', { era: 'legacy', parent: '24', level: 'district' }).expect(200);
    expect(districts.body.items.map((unit: { name: string }) => unit.name)).toContain('Huyện Lạng Giang');
  });

  it('gives a unit’s subtree, and resolves a legacy code to the unit containing it now', async () => {
    const subtree = await get('/24/subtree').expect(200);
    expect(subtree.body[0]).toEqual(expect.objectContaining({ code: '24', name: 'Tỉnh Bắc Ninh', level: 'province' }));
    expect(subtree.body.slice(1).every((unit: { parentCode: string }) => unit.parentCode === '24')).toBe(true);
    const resolved = await get('/legacy/07375/current').expect(200);
    expect(resolved.body.legacy.name).toBe('Thị trấn Vôi');
    expect(resolved.body.current.map((unit: { name: string }) => unit.name)).toEqual(['Xã Lạng Giang']);
    const unknown = await get('/99999/subtree');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_UNIT');
  });
});

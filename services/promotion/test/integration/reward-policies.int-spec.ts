import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startServiceTestApp, testToken, type ServiceTestApp } from '@ocop/testing';
import { promotionDataSource } from '../../src/database/data-source';

jest.setTimeout(60_000);

describe('promotion: reward policies over HTTP', () => {
  let testApp: ServiceTestApp | undefined;
  let app: INestApplication;
  let auth: { authorization: string };

  beforeAll(async () => {
    testApp = await startServiceTestApp({
      label: 'rewards',
      schema: 'promotion',
      dataSource: promotionDataSource,
      loadModule: async () => (await import('../../src/app.module')).PromotionApiModule,
    });
    app = testApp.app;
    auth = { authorization: `Bearer ${await testToken({ roles: ['promotion_officer'], unitCode: '38' })}` };
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('lists the Thanh Hóa 2021 policy and quotes rewards by its rules', async () => {
    const list = await request(app.getHttpServer()).get('/api/v1/reward-policies').set(auth).expect(200);
    expect(list.body[0]).toEqual(
      expect.objectContaining({
        code: 'thanh-hoa-2021',
        amountsVnd: { '3': 10_000_000, '4': 20_000_000, '5': 100_000_000 },
      }),
    );
    const upgrade = await request(app.getHttpServer())
      .get('/api/v1/reward-policies/thanh-hoa-2021/quote')
      .query({ stars: 4, issuedOn: '2021-10-01', previousStars: 3 })
      .set(auth)
      .expect(200);
    expect(upgrade.body).toEqual({ amountVnd: 10_000_000, reason: 'upgrade' });
    const bad = await request(app.getHttpServer())
      .get('/api/v1/reward-policies/thanh-hoa-2021/quote')
      .query({ stars: 6, issuedOn: 'x' })
      .set(auth);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['issuedOn', 'stars']);
    const unknown = await request(app.getHttpServer())
      .get('/api/v1/reward-policies/nowhere/quote')
      .query({ stars: 3, issuedOn: '2021-01-01' })
      .set(auth);
    expect(unknown.body.code).toBe('REWARD_POLICY_NOT_FOUND');
  });
});

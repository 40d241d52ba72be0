import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startServiceTestApp, testToken, type ServiceTestApp } from '@ocop/testing';
import { reportingDataSource } from '../../src/database/data-source';

jest.setTimeout(60_000);

describe('reporting: obligations and their calendars over HTTP', () => {
  let testApp: ServiceTestApp | undefined;
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    testApp = await startServiceTestApp({
      label: 'obligations',
      schema: 'reporting',
      dataSource: reportingDataSource,
      loadModule: async () => (await import('../../src/app.module')).ReportingApiModule,
    });
    app = testApp.app;
    token = await testToken({ roles: ['district_officer'], unitCode: '24' });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('lists the pre-loaded obligations and gives a year’s deadlines', async () => {
    const list = await request(app.getHttpServer())
      .get('/api/v1/reporting-obligations')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(list.body.map((o: { code: string }) => o.code)).toEqual([
      'ngoc-hoi-month',
      'ngoc-hoi-quarter',
      'ngoc-hoi-year',
      'thanh-hoa-half-year',
      'thanh-hoa-year',
      'commune-month',
      'province-month',
    ]);
    const calendar = await request(app.getHttpServer())
      .get('/api/v1/reporting-obligations/ngoc-hoi-quarter/calendar')
      .query({ year: 2024 })
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(calendar.body.map((p: { dueBefore: string }) => p.dueBefore)).toEqual([
      '2024-03-20',
      '2024-06-20',
      '2024-09-20',
      '2024-12-20',
    ]);
  });

  it('answers a period that does not exist or an unknown obligation with a stable code', async () => {
    const badYear = await request(app.getHttpServer())
      .get('/api/v1/reporting-obligations/ngoc-hoi-month/calendar')
      .query({ year: 1999 })
      .set('authorization', `Bearer ${token}`);
    expect(badYear.body.code).toBe('VALIDATION_FAILED');
    const unknown = await request(app.getHttpServer())
      .get('/api/v1/reporting-obligations/nowhere/calendar')
      .set('authorization', `Bearer ${token}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('OBLIGATION_NOT_FOUND');
  });
});

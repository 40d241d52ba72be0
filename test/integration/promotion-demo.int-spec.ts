import { addDays, dateInVietnam, EvaluationEvents } from '@ocop/contracts';
import { seedPromotion } from '../../services/promotion/src/demo/seed-promotion';
import { issued, PromotionTestKit, token } from '../../services/promotion/test/integration/promotion-test-kit';
import { registrationDataSource } from '../../services/registration/src/database/data-source';

jest.setTimeout(120_000);

const REGISTRATION = {
  dataSource: registrationDataSource,
  loadModule: async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
};

/**
 * The demo's promotion step (tools/demo runs services/promotion/dist/demo/seed-promotion.js): Bắc Giang's
 * 2024 fair and sales point with the certified products promotion recorded from evaluation's events;
 * a second run changes nothing.
 */
describe('promotion: demo data', () => {
  let kit: PromotionTestKit;
  const today = dateInVietnam(new Date());
  const june = ['Gạo Nếp thơm Đại Lâm', 'Nem ông Tề', 'Nấm rơm sơ chế Tân Thanh'].map((productName) =>
    issued(today, { productName, issuedOn: '2024-06-14', validUntil: addDays(today, 900) }),
  );
  const october = ['Cơm cháy Chà bông', 'Bánh dầy Thanh Lương'].map((productName) =>
    issued(today, { productName, issuedOn: '2024-10-11', validUntil: addDays(today, 1000) }),
  );

  beforeAll(async () => {
    kit = await PromotionTestKit.start('promotion_demo', REGISTRATION);
    for (const certificate of [...june, ...october])
      await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, certificate)).envelope.id);
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('creates the fair and the sales point and puts every certified product in both, once', async () => {
    const lines: string[] = [];
    const options = {
      promotionUrl: kit.promotionUrl,
      evaluationUrl: 'http://127.0.0.1:9/api/v1',
      waitMs: 5_000,
      log: (line: string) => lines.push(line),
    };
    const first = await seedPromotion(options);
    expect(first).toEqual(expect.objectContaining({ products: 5, enrolledNow: 5, consignedNow: 5 }));
    const second = await seedPromotion(options);
    expect(second).toEqual({ ...first, enrolledNow: 0, consignedNow: 0 });

    const officer = await token(['promotion_officer'], '24');
    const fair = await kit.http().get(`/api/v1/promotion-events/${first.fairId}`).set(officer).expect(200);
    expect(fair.body).toEqual(
      expect.objectContaining({ name: 'Hội chợ OCOP tỉnh Bắc Giang 2024', provinceCode: '24', enrolled: 5 }),
    );
    const consignments = await kit
      .http()
      .get(`/api/v1/sales-points/${first.salesPointId}/consignments`)
      .set(officer)
      .expect(200);
    expect(consignments.body.map((row: { productName: string }) => row.productName).sort()).toEqual(
      [...june, ...october].map((certificate) => certificate.productName).sort(),
    );
    expect(await kit.count('promotion_event')).toBe(1);
    expect(await kit.count('sales_point')).toBe(1);
  });
});

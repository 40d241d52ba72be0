import { randomUUID } from 'node:crypto';
import { addDays, dateInVietnam, EvaluationEvents, PromotionEvents } from '@ocop/contracts';
import { eventually } from '@ocop/testing';
import {
  binary,
  expectError,
  issued,
  sheetText,
  PromotionTestKit,
  token,
  type Token,
} from '../../services/promotion/test/integration/promotion-test-kit';
import { registrationDataSource } from '../../services/registration/src/database/data-source';

jest.setTimeout(120_000);

const REGISTRATION = {
  dataSource: registrationDataSource,
  loadModule: async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
};

/**
 * Promotion follows evaluation's certificates (OCOP.md §6): its read model, fed by certificate.issued,
 * superseded, revoked and expired through the real consumer; enrolment in events, consignment at sales
 * points and e-commerce listings on the strength of a certificate in force; the certificate's end
 * suspends them all at once (notices to each organiser and operator), a new certificate restores them.
 * Every refused request writes nothing.
 */
describe('promotion: certified products in events, sales points and listings', () => {
  let kit: PromotionTestKit;
  let officer: Token;
  let thanhHoaOfficer: Token;
  let auditor: Token;
  const today = dateInVietnam(new Date());
  const http = () => kit.http();

  // Bắc Giang's certificates, as evaluation would issue them.
  const rice = issued(today, { productName: 'Gạo Nếp thơm Đại Lâm', producerName: 'HTX Nông nghiệp Đại Lâm' });
  const honey = issued(today, {
    productName: 'Mật ong Tân Hưng',
    producerName: 'HTX Nông nghiệp Tân Hưng',
    stars: 4,
  });
  const twoStars = issued(today, { productName: 'Sản phẩm 2 sao', stars: 2 });
  const lapsed = issued(today, { productName: 'Nấm rơm đã hết hạn', issuedOn: addDays(today, -1200) });
  const lapsing = issued(today, {
    productName: 'Bánh dầy sắp hết hạn',
    issuedOn: addDays(today, -1080),
    validUntil: addDays(today, 32),
  });
  const uncertified = randomUUID();

  const fair = {
    name: 'Hội chợ OCOP tỉnh Bắc Giang',
    kind: 'fair',
    level: 'province',
    unitCode: '24',
    provinceCode: '24',
    organiserName: 'Sở Công Thương tỉnh Bắc Giang',
    place: 'Quảng trường 3/2, thành phố Bắc Giang',
    startsOn: addDays(today, 30),
    endsOn: addDays(today, 34),
    capacity: 3,
  };
  let fairId: string;
  let pointId: string;
  let riceListingId: string;

  beforeAll(async () => {
    kit = await PromotionTestKit.start('promotion_participation', REGISTRATION);
    officer = await token(['promotion_officer'], '24');
    thanhHoaOfficer = await token(['promotion_officer'], '38');
    auditor = await token(['auditor'], '24');
    for (const certificate of [rice, honey, twoStars, lapsed, lapsing]) {
      const { envelope } = await kit.publish(EvaluationEvents.certificateIssued, certificate);
      await kit.handled(envelope.id);
    }
    const { envelope } = await kit.publish(EvaluationEvents.certificateExpired, {
      certificateId: lapsed.certificateId,
      number: lapsed.number,
      productId: lapsed.productId,
      provinceCode: '24',
      expiredOn: addDays(lapsed.issuedOn, 1096),
    });
    await kit.handled(envelope.id);
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('keeps one row per certificate in its read model, from evaluation’s events', async () => {
    const page = await http().get('/api/v1/certificates').query({ province: '24', limit: 10 }).set(officer).expect(200);
    expect(page.body.total).toBe(5);
    const byNumber = new Map(
      (page.body.items as { number: string; status: string; stars: number }[]).map((c) => [c.number, c]),
    );
    expect(byNumber.get(rice.number)).toEqual(expect.objectContaining({ status: 'valid', stars: 3 }));
    expect(byNumber.get(lapsed.number)).toEqual(expect.objectContaining({ status: 'expired' }));
    // The same certificate again under another envelope id changes nothing.
    const again = await kit.publish(EvaluationEvents.certificateIssued, { ...rice, stars: 5 });
    await kit.handled(again.envelope.id);
    expect(await kit.count('certificate', 'product_id = $1', [rice.productId])).toBe(1);
    expect(
      (
        await kit.db.query<{ stars: number }>('SELECT stars FROM promotion.certificate WHERE id = $1', [
          rice.certificateId,
        ])
      )[0]!.stars,
    ).toBe(3);
    await expectError(
      http().get('/api/v1/certificates').query({ province: '24' }).set(thanhHoaOfficer),
      403,
      'OUT_OF_JURISDICTION',
    );
  });

  it('plans a provincial fair and enrols certified products valid over its dates', async () => {
    await expectError(
      http()
        .post('/api/v1/promotion-events')
        .set(officer)
        .send({ ...fair, endsOn: addDays(today, 20) }),
      400,
      'PROMOTION_DATES_INVALID',
    );
    await expectError(
      http()
        .post('/api/v1/promotion-events')
        .set(officer)
        .send({ ...fair, unitCode: '38' }),
      400,
      'PROMOTION_UNIT_PROVINCE_MISMATCH',
    );
    await expectError(
      http().post('/api/v1/promotion-events').set(thanhHoaOfficer).send(fair),
      403,
      'OUT_OF_JURISDICTION',
    );
    await expectError(http().post('/api/v1/promotion-events').set(auditor).send(fair), 403, 'FORBIDDEN_ROLE');
    const created = await http().post('/api/v1/promotion-events').set(officer).send(fair).expect(201);
    fairId = created.body.id;
    expect(created.body).toEqual(expect.objectContaining({ status: 'planned', capacity: 3, minStars: 3, enrolled: 0 }));
    expect(await kit.outbox(PromotionEvents.eventPlanned.subject)).toHaveLength(1);

    const enrolled = await http()
      .post(`/api/v1/promotion-events/${fairId}/enrolments`)
      .set(officer)
      .send({ productId: rice.productId, booth: 'A-01' })
      .expect(201);
    expect(enrolled.body).toEqual(
      expect.objectContaining({
        status: 'active',
        certificateNumber: rice.number,
        stars: 3,
        productName: rice.productName,
      }),
    );
    await http()
      .post(`/api/v1/promotion-events/${fairId}/enrolments`)
      .set(officer)
      .send({ productId: honey.productId })
      .expect(201);
  });

  it('refuses an uncertified, 2★, expired or lapsing product, a second enrolment and a full event, writing nothing', async () => {
    const before = await kit.footprint();
    const enrol = (productId: string) =>
      http().post(`/api/v1/promotion-events/${fairId}/enrolments`).set(officer).send({ productId });
    await expectError(enrol(uncertified), 409, 'PROMOTION_PRODUCT_NOT_CERTIFIED');
    const low = await expectError(enrol(twoStars.productId), 409, 'PROMOTION_STARS_BELOW_MINIMUM');
    expect(low['message']).toContain('2');
    await expectError(enrol(lapsed.productId), 409, 'PROMOTION_CERTIFICATE_NOT_IN_FORCE');
    await expectError(enrol(lapsing.productId), 409, 'PROMOTION_CERTIFICATE_NOT_VALID_ON_DATES');
    await expectError(enrol(rice.productId), 409, 'PROMOTION_ALREADY_ENROLLED');
    await expectError(
      http()
        .post(`/api/v1/promotion-events/${fairId}/enrolments`)
        .set(thanhHoaOfficer)
        .send({ productId: rice.productId }),
      403,
      'OUT_OF_JURISDICTION',
    );
    expect(await kit.footprint()).toEqual(before);

    // The third booth goes to a new certificate; the fourth product finds the fair full.
    const third = issued(today, { productName: 'Giò Lụa' });
    const fourth = issued(today, { productName: 'Ruốc lợn sạch' });
    for (const certificate of [third, fourth])
      await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, certificate)).envelope.id);
    await enrol(third.productId).expect(201);
    const full = await kit.footprint();
    await expectError(enrol(fourth.productId), 409, 'PROMOTION_EVENT_FULL');
    await expectError(
      http().patch(`/api/v1/promotion-events/${fairId}`).set(officer).send({ capacity: 2 }),
      409,
      'PROMOTION_EVENT_CAPACITY_BELOW_ENROLLED',
    );
    await expectError(
      http()
        .patch(`/api/v1/promotion-events/${fairId}`)
        .set(officer)
        .send({ endsOn: addDays(today, 2000) }),
      409,
      'PROMOTION_EVENT_DATES_EXCLUDE_ENROLLED',
    );
    expect(await kit.footprint()).toEqual(full);
    // Withdrawing frees the booth.
    await http()
      .post(`/api/v1/promotion-events/${fairId}/enrolments/${third.productId}/withdrawal`)
      .set(officer)
      .send({ reason: 'Chủ thể không bố trí được hàng' })
      .expect(200);
    const event = await http().get(`/api/v1/promotion-events/${fairId}`).set(officer).expect(200);
    expect(event.body.enrolled).toBe(2);
  });

  it('consigns products at a sales point and lists them online, on a certificate in force today', async () => {
    const point = await http()
      .post('/api/v1/sales-points')
      .set(officer)
      .send({
        name: 'Điểm giới thiệu và bán sản phẩm OCOP tỉnh Bắc Giang',
        kind: 'showroom',
        operatorName: 'Trung tâm Xúc tiến Thương mại tỉnh Bắc Giang',
        unitCode: '24',
        provinceCode: '24',
        address: 'Số 2 đường Hùng Vương, thành phố Bắc Giang',
        openedOn: addDays(today, -30),
      })
      .expect(201);
    pointId = point.body.id;
    await http()
      .post(`/api/v1/sales-points/${pointId}/consignments`)
      .set(officer)
      .send({ productId: rice.productId })
      .expect(201);
    await http()
      .post(`/api/v1/sales-points/${pointId}/consignments`)
      .set(officer)
      .send({ productId: honey.productId })
      .expect(201);
    const before = await kit.footprint();
    await expectError(
      http().post(`/api/v1/sales-points/${pointId}/consignments`).set(officer).send({ productId: lapsed.productId }),
      409,
      'PROMOTION_CERTIFICATE_NOT_IN_FORCE',
    );
    await expectError(
      http().post(`/api/v1/sales-points/${pointId}/consignments`).set(officer).send({ productId: rice.productId }),
      409,
      'CONSIGNMENT_EXISTS',
    );

    const listing = await http()
      .post('/api/v1/listings')
      .set(officer)
      .send({ productId: rice.productId, platform: 'shopee', url: 'https://shopee.vn/gao-nep-thom-dai-lam-i.1.2' })
      .expect(201);
    riceListingId = listing.body.id;
    expect(listing.body).toEqual(expect.objectContaining({ status: 'active', operatorName: rice.producerName }));
    await expectError(
      http()
        .post('/api/v1/listings')
        .set(officer)
        .send({ productId: uncertified, platform: 'tiki', url: 'https://tiki.vn/x-p1' }),
      409,
      'PROMOTION_PRODUCT_NOT_CERTIFIED',
    );
    expect(await kit.footprint()).toEqual({
      ...before,
      listing: before['listing']! + 1,
      outbox_event: before['outbox_event']! + 1,
      change_record: before['change_record']! + 1,
    });
    await expectError(
      http()
        .post('/api/v1/listings')
        .set(officer)
        .send({ productId: rice.productId, platform: 'shopee', url: 'https://shopee.vn/gao-nep-thom-dai-lam-i.1.2' }),
      409,
      'LISTING_EXISTS',
    );
    await http()
      .post('/api/v1/listings')
      .set(officer)
      .send({
        productId: honey.productId,
        platform: 'tiktok_shop',
        url: 'https://www.tiktok.com/@ocopbacgiang/mat-ong',
        operatorName: 'Sàn TMĐT tỉnh Bắc Giang',
      })
      .expect(201);
  });

  it('suspends every enrolment, consignment and listing of a product whose certificate expires, and tells each organiser and operator', async () => {
    const { envelope } = await kit.publish(EvaluationEvents.certificateExpired, {
      certificateId: rice.certificateId,
      number: rice.number,
      productId: rice.productId,
      provinceCode: '24',
      expiredOn: today,
    });
    await kit.handled(envelope.id);
    const statuses = async (productId: string) =>
      kit.db.query<{ kind: string; status: string; suspended_reason: string | null }>(
        `SELECT 'enrolment' AS kind, status, suspended_reason FROM promotion.enrolment WHERE product_id = $1
         UNION ALL SELECT 'consignment', status, suspended_reason FROM promotion.consignment WHERE product_id = $1
         UNION ALL SELECT 'listing', status, suspended_reason FROM promotion.listing WHERE product_id = $1 ORDER BY 1`,
        [productId],
      );
    expect(await statuses(rice.productId)).toEqual([
      { kind: 'consignment', status: 'suspended', suspended_reason: 'certificate_expired' },
      { kind: 'enrolment', status: 'suspended', suspended_reason: 'certificate_expired' },
      { kind: 'listing', status: 'suspended', suspended_reason: 'certificate_expired' },
    ]);
    // Honey's certificate is untouched.
    expect((await statuses(honey.productId)).every((row) => row.status === 'active')).toBe(true);
    const notices = await kit.outbox(PromotionEvents.suspensionNotice.subject);
    expect(notices.map((notice) => notice['addressee'] as { role: string; name: string })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'event_organiser', name: 'Sở Công Thương tỉnh Bắc Giang' }),
        expect.objectContaining({ role: 'sales_point_operator', name: 'Trung tâm Xúc tiến Thương mại tỉnh Bắc Giang' }),
        expect.objectContaining({ role: 'listing_operator', name: rice.producerName }),
      ]),
    );
    expect(notices).toHaveLength(3);
    expect(notices[0]).toEqual(
      expect.objectContaining({
        reason: 'certificate_expired',
        productId: rice.productId,
        certificateNumber: rice.number,
      }),
    );
    // Each change is in the append-only log.
    expect(await kit.count('change_record', "action = 'suspended' AND changed_by = 'system:promotion'")).toBe(3);
    // …in the province's audit log (the log's province filter reads province_code).
    expect(await kit.count('change_record', "action = 'suspended' AND province_code IS NOT NULL")).toBe(3);
    await expect(kit.db.query('DELETE FROM promotion.change_record')).rejects.toThrow(/append-only/);
    // The notices reach the bus through the outbox relay.
    await eventually(async () => {
      expect(await kit.count('outbox_event', 'published_at IS NULL')).toBe(0);
    });
    // The expired product cannot come back by hand.
    await expectError(
      http().post(`/api/v1/listings/${riceListingId}/relisting`).set(officer),
      409,
      'LISTING_STATUS_CONFLICT',
    );
  });

  it('restores them when the product is certified again', async () => {
    const renewed = issued(today, {
      productId: rice.productId,
      producerId: rice.producerId,
      productName: rice.productName,
      producerName: rice.producerName,
      kind: 're_evaluation',
      issuedOn: today,
      validUntil: addDays(today, 1095),
    });
    await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, renewed)).envelope.id);
    const overview = await http().get(`/api/v1/products/${rice.productId}/promotion`).set(officer).expect(200);
    expect(overview.body.enrolments[0]).toEqual(
      expect.objectContaining({ status: 'active', certificateNumber: renewed.number, eventName: fair.name }),
    );
    expect(overview.body.consignments[0]).toEqual(expect.objectContaining({ status: 'active', suspendedReason: null }));
    expect(overview.body.listings[0]).toEqual(
      expect.objectContaining({ status: 'active', certificateNumber: renewed.number }),
    );
    expect(overview.body.certificates.map((c: { status: string }) => c.status)).toEqual(['valid', 'expired']);
    const lifted = await kit.outbox(PromotionEvents.suspensionLifted.subject);
    expect(lifted).toHaveLength(3);
    expect(lifted[0]).toEqual(
      expect.objectContaining({ certificateNumber: renewed.number, productId: rice.productId }),
    );
  });

  it('suspends at once on a revocation, and a superseded certificate leaves the product in', async () => {
    const upgrade = issued(today, {
      productId: honey.productId,
      producerId: honey.producerId,
      productName: honey.productName,
      producerName: honey.producerName,
      stars: 5,
      kind: 'upgrade',
      issuedOn: today,
      supersedes: honey.certificateId,
    });
    await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, upgrade)).envelope.id);
    await kit.handled(
      (
        await kit.publish(EvaluationEvents.certificateSuperseded, {
          certificateId: honey.certificateId,
          number: honey.number,
          productId: honey.productId,
          supersededBy: upgrade.certificateId,
          supersededOn: today,
        })
      ).envelope.id,
    );
    expect(await kit.count('enrolment', "product_id = $1 AND status = 'active'", [honey.productId])).toBe(1);
    expect(await kit.count('certificate', "id = $1 AND status = 'superseded'", [honey.certificateId])).toBe(1);

    await kit.handled(
      (
        await kit.publish(EvaluationEvents.certificateRevoked, {
          certificateId: upgrade.certificateId,
          number: upgrade.number,
          productId: honey.productId,
          provinceCode: '24',
          reason: 'food_safety_violation',
          decisionId: randomUUID(),
          revokedOn: today,
        })
      ).envelope.id,
    );
    const rows = await kit.db.query<{ status: string; suspended_reason: string }>(
      `SELECT status, suspended_reason FROM promotion.enrolment WHERE product_id = $1
       UNION ALL SELECT status, suspended_reason FROM promotion.consignment WHERE product_id = $1
       UNION ALL SELECT status, suspended_reason FROM promotion.listing WHERE product_id = $1`,
      [honey.productId],
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.status === 'suspended' && row.suspended_reason === 'certificate_revoked')).toBe(
      true,
    );
    const notices = await kit.outbox(PromotionEvents.suspensionNotice.subject);
    const honeyNotices = notices.filter((notice) => notice['productId'] === honey.productId);
    expect(honeyNotices.map((notice) => (notice['addressee'] as { name: string }).name).sort()).toEqual(
      [
        'Sàn TMĐT tỉnh Bắc Giang',
        'Sở Công Thương tỉnh Bắc Giang',
        'Trung tâm Xúc tiến Thương mại tỉnh Bắc Giang',
      ].sort(),
    );
  });

  it('exports the enrolments as an administrative workbook; lists are scoped to the user’s province', async () => {
    const response = await http()
      .get(`/api/v1/promotion-events/${fairId}/enrolments.xlsx`)
      .set(auditor)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const text = await sheetText(response.body as Buffer);
    expect(text).toEqual(
      expect.arrayContaining([rice.productName, honey.productName, 'Tạm dừng (giấy chứng nhận hết hiệu lực)']),
    );

    const mine = await http().get('/api/v1/promotion-events').set(officer).expect(200);
    expect(mine.body.items.map((event: { id: string }) => event.id)).toContain(fairId);
    const theirs = await http().get('/api/v1/promotion-events').set(thanhHoaOfficer).expect(200);
    expect(theirs.body.total).toBe(0);
    await expectError(
      http().get(`/api/v1/promotion-events/${fairId}`).set(thanhHoaOfficer),
      403,
      'OUT_OF_JURISDICTION',
    );
    await expectError(http().get(`/api/v1/sales-points/${pointId}`).set(thanhHoaOfficer), 403, 'OUT_OF_JURISDICTION');
  });

  it('lets a producer read its own product and nobody else’s', async () => {
    const producer = await token(['producer'], '07432', { producerId: rice.producerId, subject: 'producer-rice' });
    const own = await http().get(`/api/v1/products/${rice.productId}/promotion`).set(producer).expect(200);
    expect(own.body.enrolments).toHaveLength(1);
    await expectError(
      http().get(`/api/v1/products/${honey.productId}/promotion`).set(producer),
      403,
      'PROMOTION_NOT_YOUR_PRODUCT',
    );
    const listings = await http().get('/api/v1/listings').set(producer).expect(200);
    expect(listings.body.items.map((row: { productId: string }) => row.productId)).toEqual([rice.productId]);
    await expectError(
      http().post(`/api/v1/promotion-events/${fairId}/enrolments`).set(producer).send({ productId: rice.productId }),
      403,
      'FORBIDDEN_ROLE',
    );
  });
  it('records results once an event has begun; cancelled and completed events, closed points take no one', async () => {
    await expectError(
      http()
        .put(`/api/v1/promotion-events/${fairId}/results`)
        .set(officer)
        .send({ visitors: 1, salesVnd: 1, contractsSigned: 0 }),
      409,
      'PROMOTION_EVENT_NOT_STARTED',
    );
    const livestream = await http()
      .post('/api/v1/promotion-events')
      .set(officer)
      .send({
        ...fair,
        name: 'Livestream bán hàng OCOP Bắc Giang',
        kind: 'livestream',
        startsOn: addDays(today, -3),
        endsOn: addDays(today, -1),
      })
      .expect(201);
    const recorded = await http()
      .put(`/api/v1/promotion-events/${livestream.body.id}/results`)
      .set(officer)
      .send({ visitors: 12_000, salesVnd: 150_000_000, contractsSigned: 3, contractsValueVnd: 900_000_000 })
      .expect(200);
    expect(recorded.body).toEqual(
      expect.objectContaining({
        status: 'completed',
        results: expect.objectContaining({ visitors: 12_000, salesVnd: 150_000_000, contractsSigned: 3 }),
      }),
    );
    expect(await kit.outbox(PromotionEvents.eventResultsRecorded.subject)).toEqual([
      expect.objectContaining({ eventId: livestream.body.id, salesVnd: 150_000_000, kind: 'livestream' }),
    ]);
    const before = await kit.footprint();
    await expectError(
      http()
        .post(`/api/v1/promotion-events/${livestream.body.id}/enrolments`)
        .set(officer)
        .send({ productId: rice.productId }),
      409,
      'PROMOTION_EVENT_NOT_OPEN',
    );
    expect(await kit.footprint()).toEqual(before);

    const cancelled = await http()
      .post('/api/v1/promotion-events')
      .set(officer)
      .send({ ...fair, name: 'Triển lãm bị hủy', kind: 'exhibition' })
      .expect(201);
    await http()
      .post(`/api/v1/promotion-events/${cancelled.body.id}/cancellation`)
      .set(officer)
      .send({ reason: 'Thời tiết xấu' })
      .expect(200);
    await expectError(
      http()
        .post(`/api/v1/promotion-events/${cancelled.body.id}/enrolments`)
        .set(officer)
        .send({ productId: rice.productId }),
      409,
      'PROMOTION_EVENT_NOT_OPEN',
    );

    await http()
      .post(`/api/v1/sales-points/${pointId}/closure`)
      .set(officer)
      .send({ closedOn: today, reason: 'Hết hợp đồng thuê mặt bằng' })
      .expect(200);
    const consignments = await http().get(`/api/v1/sales-points/${pointId}/consignments`).set(officer).expect(200);
    expect(consignments.body.every((row: { status: string }) => row.status === 'withdrawn')).toBe(true);
    await expectError(
      http().post(`/api/v1/sales-points/${pointId}/consignments`).set(officer).send({ productId: rice.productId }),
      409,
      'SALES_POINT_CLOSED',
    );
  });
});

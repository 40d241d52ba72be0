import { randomUUID } from 'node:crypto';
import { dateInVietnam, EvaluationEvents, PromotionEvents } from '@ocop/contracts';
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
 * Rewards per star level (Thanh Hóa 2021: 10, 20 and 100 million VND for 3, 4 and 5★) created by the
 * certificate.issued handler, once per certificate and never again for the same stars, approved within the
 * year's budget and paid; producer support from request to delivery within a programme's budget. Refused
 * requests write nothing.
 */
describe('promotion: rewards and producer support', () => {
  let kit: PromotionTestKit;
  let approver: Token;
  let promotionOfficer: Token;
  const today = dateInVietnam(new Date());
  const http = () => kit.http();
  const thanhHoa = { provinceCode: '38', issuingUnitCode: '38', level: 'province' as const, communeCode: '16279' };

  const nemChua = issued(today, {
    ...thanhHoa,
    productName: 'Nem chua Thanh Hóa',
    producerName: 'HTX Nem chua Hạc Thành',
    stars: 4,
    issuedOn: '2021-06-20',
  });
  const mamTep = issued(today, { ...thanhHoa, productName: 'Mắm tép Hà Yên', stars: 3, issuedOn: '2021-07-01' });
  const reEvaluated = issued(today, {
    ...thanhHoa,
    productId: mamTep.productId,
    producerId: mamTep.producerId,
    productName: mamTep.productName,
    producerName: mamTep.producerName,
    stars: 3,
    kind: 're_evaluation',
    issuedOn: '2021-11-01',
    supersedes: mamTep.certificateId,
  });
  const upgraded = issued(today, {
    ...thanhHoa,
    productId: nemChua.productId,
    producerId: nemChua.producerId,
    productName: nemChua.productName,
    producerName: nemChua.producerName,
    stars: 5,
    kind: 'upgrade',
    issuedOn: '2021-10-01',
    supersedes: nemChua.certificateId,
  });
  const outOfPeriod = issued(today, { ...thanhHoa, productName: 'Chè lam Phủ Quảng', issuedOn: '2022-03-01' });
  const bacGiang = issued(today, { productName: 'Gạo Nếp thơm Đại Lâm', issuedOn: '2021-06-20' });

  const rewardOf = async (certificateId: string) =>
    kit.db.query<{ id: string; amount_vnd: string; reason: string; previous_stars: number | null; status: string }>(
      'SELECT id, amount_vnd, reason, previous_stars, status FROM promotion.reward WHERE certificate_id = $1',
      [certificateId],
    );

  beforeAll(async () => {
    kit = await PromotionTestKit.start('promotion_rewards', REGISTRATION);
    approver = await token(['province_officer'], '38');
    promotionOfficer = await token(['promotion_officer'], '38');
  });

  afterAll(async () => {
    await kit?.close();
  });

  it('rewards a certificate once when it is issued under a policy covering its province and date', async () => {
    const first = await kit.publish(EvaluationEvents.certificateIssued, nemChua);
    await kit.handled(first.envelope.id);
    // Redelivered with the same id: JetStream drops it; with another id, the handler finds the certificate recorded.
    const duplicate = await kit.publish(EvaluationEvents.certificateIssued, nemChua, first.envelope.id);
    expect(duplicate.ack.duplicate).toBe(true);
    const again = await kit.publish(EvaluationEvents.certificateIssued, nemChua);
    await kit.handled(again.envelope.id);
    const rewards = await rewardOf(nemChua.certificateId);
    expect(rewards).toEqual([
      expect.objectContaining({ amount_vnd: '20000000', reason: 'new_certificate', status: 'pending' }),
    ]);
    expect(await kit.outbox(PromotionEvents.rewardCreated.subject)).toEqual([
      expect.objectContaining({
        certificateId: nemChua.certificateId,
        amountVnd: 20_000_000,
        budgetYear: 2021,
        policyCode: 'thanh-hoa-2021',
      }),
    ]);

    for (const certificate of [mamTep, outOfPeriod, bacGiang])
      await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, certificate)).envelope.id);
    expect(await rewardOf(mamTep.certificateId)).toEqual([expect.objectContaining({ amount_vnd: '10000000' })]);
    expect(await rewardOf(outOfPeriod.certificateId)).toEqual([]);
    expect(await rewardOf(bacGiang.certificateId)).toEqual([]);
  });

  it('pays an upgrade the difference and a re-evaluation at the same stars nothing', async () => {
    await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, upgraded)).envelope.id);
    await kit.handled((await kit.publish(EvaluationEvents.certificateIssued, reEvaluated)).envelope.id);
    expect(await rewardOf(upgraded.certificateId)).toEqual([
      expect.objectContaining({ amount_vnd: '80000000', reason: 'upgrade', previous_stars: 4 }),
    ]);
    expect(await rewardOf(reEvaluated.certificateId)).toEqual([]);
    expect(await kit.count('certificate', "id = $1 AND status = 'superseded'", [mamTep.certificateId])).toBe(1);
  });

  it('refuses to reward a certificate twice, one not due, or one no policy covers, writing nothing', async () => {
    const before = await kit.footprint();
    const grant = (certificateId: string) =>
      http().post('/api/v1/rewards').set(promotionOfficer).send({ certificateId });
    const twice = await expectError(grant(nemChua.certificateId), 409, 'REWARD_ALREADY_GRANTED');
    expect(twice['message']).toContain(nemChua.number);
    await expectError(grant(reEvaluated.certificateId), 409, 'REWARD_NOT_DUE');
    await expectError(grant(outOfPeriod.certificateId), 409, 'REWARD_NO_POLICY');
    await expectError(grant(randomUUID()), 404, 'REWARD_CERTIFICATE_UNKNOWN');
    await expectError(
      http()
        .post('/api/v1/rewards')
        .set(promotionOfficer)
        .send({ certificateId: nemChua.certificateId, policyCode: 'nowhere' }),
      404,
      'REWARD_POLICY_NOT_FOUND',
    );
    expect(await kit.footprint()).toEqual(before);
  });

  it('approves within the year’s budget, refuses beyond it, pays and rejects with a reason', async () => {
    const [nemReward] = await rewardOf(nemChua.certificateId);
    const [mamReward] = await rewardOf(mamTep.certificateId);
    const [upgradeReward] = await rewardOf(upgraded.certificateId);
    const approve = (id: string) => http().post(`/api/v1/rewards/${id}/approval`).set(approver);

    await expectError(approve(nemReward!.id), 409, 'REWARD_BUDGET_NOT_SET');
    await expectError(approve(nemReward!.id).set(promotionOfficer), 403, 'FORBIDDEN_ROLE');
    await expectError(
      http()
        .put('/api/v1/reward-budgets/38/2021')
        .set(await token(['province_officer'], '24'))
        .send({ amountVnd: 1 }),
      403,
      'OUT_OF_JURISDICTION',
    );
    const budget = await http()
      .put('/api/v1/reward-budgets/38/2021')
      .set(approver)
      .send({ amountVnd: 25_000_000 })
      .expect(200);
    expect(budget.body).toEqual(
      expect.objectContaining({
        amountVnd: 25_000_000,
        committedVnd: 0,
        pendingVnd: 110_000_000,
        remainingVnd: 25_000_000,
      }),
    );

    const approved = await approve(nemReward!.id).expect(200);
    expect(approved.body).toEqual(expect.objectContaining({ status: 'approved', amountVnd: 20_000_000 }));
    const before = await kit.footprint();
    const over = await expectError(approve(mamReward!.id), 409, 'REWARD_BUDGET_EXCEEDED');
    expect(over['details']).toEqual({ budgetVnd: 25_000_000, committedVnd: 20_000_000, remainingVnd: 5_000_000 });
    await expectError(approve(upgradeReward!.id), 409, 'REWARD_BUDGET_EXCEEDED');
    await expectError(approve(nemReward!.id), 409, 'REWARD_STATUS_CONFLICT');
    await expectError(
      http().put('/api/v1/reward-budgets/38/2021').set(approver).send({ amountVnd: 10_000_000 }),
      409,
      'REWARD_BUDGET_BELOW_COMMITTED',
    );
    expect(await kit.footprint()).toEqual(before);
    expect((await rewardOf(mamTep.certificateId))[0]!.status).toBe('pending');

    await http()
      .post(`/api/v1/rewards/${nemReward!.id}/payment`)
      .set(approver)
      .send({ paidOn: '2021-12-20', paymentRef: 'UNC 125/KBNN-TH' })
      .expect(200);
    await expectError(
      http()
        .post(`/api/v1/rewards/${mamReward!.id}/payment`)
        .set(approver)
        .send({ paidOn: '2021-12-20', paymentRef: 'x' }),
      409,
      'REWARD_STATUS_CONFLICT',
    );
    const rejected = await http()
      .post(`/api/v1/rewards/${upgradeReward!.id}/rejection`)
      .set(approver)
      .send({ reason: 'Chưa có quyết định phân bổ kinh phí bổ sung' })
      .expect(200);
    expect(rejected.body).toEqual(
      expect.objectContaining({ status: 'rejected', rejectionReason: 'Chưa có quyết định phân bổ kinh phí bổ sung' }),
    );
    // A budget raised later lets the 3★ reward through.
    await http().put('/api/v1/reward-budgets/38/2021').set(approver).send({ amountVnd: 30_000_000 }).expect(200);
    await approve(mamReward!.id).expect(200);
    const summary = await http().get('/api/v1/reward-budgets/38/2021').set(promotionOfficer).expect(200);
    expect(summary.body).toEqual(expect.objectContaining({ committedVnd: 30_000_000, remainingVnd: 0, pendingVnd: 0 }));
    expect((await kit.outbox(PromotionEvents.rewardStatusChanged.subject)).map((event) => event['to'])).toEqual([
      'approved',
      'paid',
      'rejected',
      'approved',
    ]);

    const payouts = await http()
      .get('/api/v1/rewards/payouts.xlsx')
      .query({ unit: '38', year: 2021 })
      .set(promotionOfficer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = await sheetText(payouts.body as Buffer);
    expect(text).toEqual(
      expect.arrayContaining(['ỦY BAN NHÂN DÂN TỈNH THANH HÓA', nemChua.productName, 'Đã chi trả', '30000000']),
    );
    expect(text).not.toContain('Không duyệt');

    const producer = await token(['producer'], '16279', { producerId: nemChua.producerId, subject: 'producer-nem' });
    const own = await http().get('/api/v1/rewards').set(producer).expect(200);
    expect(own.body.items.map((reward: { certificateId: string }) => reward.certificateId).sort()).toEqual(
      [nemChua.certificateId, upgraded.certificateId].sort(),
    );
    await expectError(http().get(`/api/v1/rewards/${mamReward!.id}`).set(producer), 403, 'PROMOTION_NOT_YOUR_PRODUCT');
  });

  it('takes support from request through approval within the budget to delivery', async () => {
    const bacGiangOfficer = await token(['promotion_officer'], '24');
    const bacGiangApprover = await token(['province_officer'], '24');
    const programme = await http()
      .post('/api/v1/support-programmes')
      .set(bacGiangOfficer)
      .send({
        name: 'Hỗ trợ quản lý nhãn hiệu, bao bì, tem truy xuất sản phẩm năm 2024',
        unitCode: '213',
        provinceCode: '24',
        organiserName: 'Ủy ban nhân dân huyện Lạng Giang',
        year: 2024,
        kinds: ['trademark', 'packaging', 'labels', 'traceability_stamps'],
        budgetVnd: 20_000_000,
      })
      .expect(201);
    const programmeId = programme.body.id as string;
    const producer = await token(['producer'], '07432', { producerId: bacGiang.producerId, subject: 'producer-rice' });
    const ask = (who: Token, body: Record<string, unknown>) =>
      http().post(`/api/v1/support-programmes/${programmeId}/requests`).set(who).send(body);
    const packaging = await ask(producer, {
      producerName: bacGiang.producerName,
      producerAddress: 'Thôn Trạng, xã Đại Lâm',
      productId: bacGiang.productId,
      kind: 'packaging',
      description: 'Thiết kế và in 5.000 bao bì',
      requestedAmountVnd: 15_000_000,
    }).expect(201);
    expect(packaging.body).toEqual(
      expect.objectContaining({
        status: 'requested',
        producerId: bacGiang.producerId,
        productName: bacGiang.productName,
      }),
    );
    const trademark = await ask(bacGiangOfficer, {
      producerId: randomUUID(),
      producerName: 'Hộ kinh doanh Lê Văn Tề',
      productName: 'Nem Ông Tề',
      kind: 'trademark',
      description: 'Đăng ký nhãn hiệu',
      requestedAmountVnd: 10_000_000,
    }).expect(201);

    const before = await kit.footprint();
    await expectError(
      ask(producer, {
        producerName: 'HTX Khác',
        kind: 'machinery',
        description: 'Máy đóng gói',
        requestedAmountVnd: 1,
      }),
      400,
      'SUPPORT_KIND_NOT_IN_PROGRAMME',
    );
    await expectError(
      ask(producer, {
        producerName: 'HTX Khác',
        productId: nemChua.productId,
        kind: 'labels',
        description: 'Tem',
        requestedAmountVnd: 1,
      }),
      403,
      'PROMOTION_NOT_YOUR_PRODUCT',
    );
    await expectError(
      ask(producer, {
        producerId: randomUUID(),
        producerName: 'HTX Khác',
        kind: 'labels',
        description: 'Tem',
        requestedAmountVnd: 1,
      }),
      403,
      'PROMOTION_NOT_YOUR_PRODUCT',
    );
    await expectError(
      ask(approver, {
        producerId: randomUUID(),
        producerName: 'HTX Khác',
        kind: 'labels',
        description: 'Tem',
        requestedAmountVnd: 1,
      }),
      403,
      'OUT_OF_JURISDICTION',
    );
    expect(await kit.footprint()).toEqual(before);

    const approve = (id: string, body: Record<string, unknown> = {}) =>
      http().post(`/api/v1/support-requests/${id}/approval`).set(bacGiangApprover).send(body);
    await expectError(approve(packaging.body.id).set(bacGiangOfficer), 403, 'FORBIDDEN_ROLE');
    await approve(packaging.body.id).expect(200);
    const afterFirst = await kit.footprint();
    await expectError(approve(trademark.body.id), 409, 'SUPPORT_BUDGET_EXCEEDED');
    await expectError(
      approve(trademark.body.id, { approvedAmountVnd: 11_000_000 }),
      400,
      'SUPPORT_AMOUNT_OVER_REQUESTED',
    );
    expect(await kit.footprint()).toEqual(afterFirst);
    const partial = await approve(trademark.body.id, { approvedAmountVnd: 5_000_000, note: 'Hỗ trợ một phần' }).expect(
      200,
    );
    expect(partial.body).toEqual(expect.objectContaining({ status: 'approved', approvedAmountVnd: 5_000_000 }));
    const delivered = await http()
      .post(`/api/v1/support-requests/${packaging.body.id}/delivery`)
      .set(bacGiangOfficer)
      .send({ deliveredOn: '2024-08-15', note: 'Bàn giao theo biên bản số 12/BB' })
      .expect(200);
    expect(delivered.body.status).toBe('delivered');
    await expectError(
      http()
        .post(`/api/v1/support-requests/${packaging.body.id}/rejection`)
        .set(bacGiangApprover)
        .send({ reason: 'Sai' }),
      409,
      'SUPPORT_STATUS_CONFLICT',
    );
    const summary = await http().get(`/api/v1/support-programmes/${programmeId}`).set(bacGiangOfficer).expect(200);
    expect(summary.body).toEqual(expect.objectContaining({ committedVnd: 20_000_000, remainingVnd: 0 }));

    const mine = await http().get('/api/v1/support-requests').set(producer).expect(200);
    expect(mine.body.items.map((row: { id: string }) => row.id)).toEqual([packaging.body.id]);
    const workbook = await http()
      .get(`/api/v1/support-programmes/${programmeId}/requests.xlsx`)
      .set(bacGiangOfficer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(await sheetText(workbook.body as Buffer)).toEqual(
      expect.arrayContaining([
        'ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG',
        'Bao bì',
        'Quản lý nhãn hiệu',
        'Đã bàn giao',
        '20000000',
      ]),
    );
    expect(await kit.outbox(PromotionEvents.supportRequestStatusChanged.subject)).toHaveLength(3);
  });
});

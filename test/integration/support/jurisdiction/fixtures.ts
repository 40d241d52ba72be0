import { randomUUID } from 'node:crypto';
import { connect, JSONCodec } from 'nats';
import request from 'supertest';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  addDays,
  dateInVietnam,
  EvaluationEvents,
  productWorkflowId,
  type EventContract,
  type EventEnvelope,
  type Role,
} from '@ocop/contracts';
import { eventually, testToken } from '@ocop/testing';
import type { CriteriaSetDocument } from '../../../../services/evaluation/src/criteria-set/criteria-set.rules';
import { choicesForTarget } from '../../../../services/evaluation/src/criteria-set/criteria-set.sampling';
import type { PlatformStack, Service } from './stack';

/** The units of the fixtures: commune C in province P, a sibling commune of P, and another province. */
export const UNITS = {
  /** Bắc Ninh (2025 code 24). */
  province: '24',
  /** Xã Tân Dĩnh, in Bắc Ninh. */
  commune: '07432',
  /** Xã Lạng Giang, in Bắc Ninh: the sibling commune. */
  siblingCommune: '07375',
  /** Thanh Hóa (38): the sibling province. */
  siblingProvince: '38',
} as const;

/** Council members' accounts (token subjects). */
export const MEMBERS = {
  chair: 'user-chair',
  m1: 'user-m1',
  m2: 'user-m2',
  secretary: 'user-secretary',
  /** An account no council lists. */
  outsider: 'user-outsider',
} as const;

export const pdf = (text: string): Buffer => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
export const jpeg = (fill = 1): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, fill)]);

/** Ids of what the fixtures created, by service. */
export interface Fixtures {
  today: string;
  year: number;
  registration: {
    /** Producer A (commune C) and its product X, which goes through the whole cycle to a certificate. */
    producerId: string;
    producerTaxCode: string;
    productId: string;
    /** Producer B in the sibling commune: "another producer" for producer tokens. */
    otherProducerId: string;
    /** Product W of producer A, still an idea: what the write routes act on. */
    workProductId: string;
    photoId: string;
    workPhotoId: string;
    documentId: string;
    applicationId: string;
    applicationDocumentId: string;
    /** The commune's cycle of next year (the province has one too). */
    cycleYear: number;
    cycleSteps: unknown[];
  };
  evaluation: {
    councilId: string;
    /** The decided round with product X and its certificate. */
    roundId: string;
    /** A round still open (no product): what the round write routes act on. */
    openRoundId: string;
    memberIds: Record<'chair' | 'm1' | 'm2' | 'secretary', string>;
    criteriaSetId: string;
    criteriaSet: CriteriaSetDocument;
    certificateId: string;
    certificateNumber: string;
  };
  promotion: {
    certificateId: string;
    eventId: string;
    salesPointId: string;
    listingId: string;
    programmeId: string;
    supportRequestId: string;
    /** A Thanh Hóa 2021 certificate (the one reward policy there is), rewarded on issue. */
    rewardId: string;
    rewardProducerId: string;
    rewardCertificateId: string;
  };
  reporting: {
    /** Bắc Ninh's submitted monthly report to the ministry. */
    reportId: string;
    periodKey: string;
    otherPeriodKey: string;
    /** Commune C's notification (certificate expiry) and producer A's copy. */
    notificationId: string;
    producerNotificationId: string;
    /** Bắc Ninh's plan: target `trained-labour` (manual) and `to-remove`, budget lines I.1 and I.2 (to remove). */
    planCode: string;
  };
}

type Auth = { authorization: string };

/** A plan of Bắc Ninh for the year: a measured and a manual target, one to remove, a budget of two lines. */
export function planOf(code: string, year: number): Record<string, unknown> {
  const target = (fields: Record<string, unknown>) => ({
    unit: 'products',
    from: `${year}-01-01`,
    deadline: `${year}-12-31`,
    quote: 'Theo kế hoạch',
    ...fields,
  });
  return {
    code,
    title: `Kế hoạch thực hiện Chương trình OCOP tỉnh Bắc Ninh năm ${year}`,
    issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
    scope: { provinceCode: UNITS.province, communeCodes: [UNITS.commune, UNITS.siblingCommune] },
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    source: { document: `Kế hoạch số 5/KH-UBND năm ${year} của UBND tỉnh Bắc Ninh` },
    targets: [
      target({
        code: 'products-3-stars',
        labelVi: 'Sản phẩm OCOP đạt 3 sao trở lên',
        indicator: 'certified_products',
        params: { minStars: 3 },
        value: 2,
      }),
      target({
        code: 'trained-labour',
        labelVi: 'Lao động được đào tạo',
        indicator: 'manual',
        value: 50,
        unit: 'people',
      }),
      target({ code: 'to-remove', labelVi: 'Chỉ tiêu sẽ bỏ', indicator: 'manual', value: 1, unit: 'people' }),
    ],
    budget: {
      unitAmount: 1_000_000,
      unitLabel: 'triệu đồng',
      years: [year],
      sections: [
        {
          code: 'I',
          title: 'Tuyên truyền, tập huấn',
          lines: [
            {
              code: 'I.1',
              item: 'Hội nghị triển khai',
              lead: ['Sở Nông nghiệp và Môi trường'],
              partners: [],
              amounts: { [year]: 50 },
            },
            {
              code: 'I.2',
              item: 'Tập huấn chủ thể',
              lead: ['Sở Nông nghiệp và Môi trường'],
              partners: [],
              amounts: { [year]: 100 },
            },
          ],
        },
      ],
    },
  };
}

export async function auth(
  roles: Role[],
  unitCode: string,
  extra: { subject?: string; producerId?: string } = {},
): Promise<Auth> {
  return { authorization: `Bearer ${await testToken({ roles, unitCode, ...extra })}` };
}

/** Builds the fixture set through the four APIs (and two events as evaluation's worker would publish them). */
export async function buildFixtures(stack: PlatformStack): Promise<Fixtures> {
  const http = (service: Service) => request(stack.apps[service].getHttpServer());
  const ok = async (call: request.Test, status: number): Promise<request.Response> => {
    const response = await call;
    if (response.status !== status)
      throw new Error(`${call.url}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
  const today = dateInVietnam(new Date());
  const year = Number(today.slice(0, 4));
  const commune = await auth(['commune_officer'], UNITS.commune, { subject: 'fixture-commune' });
  const siblingCommune = await auth(['commune_officer'], UNITS.siblingCommune, { subject: 'fixture-sibling' });
  const province = await auth(['province_officer'], UNITS.province, { subject: 'fixture-province' });
  const promotionOfficer = await auth(['promotion_officer'], UNITS.province, { subject: 'fixture-promotion' });

  // registration: producers A and B, product X through the cycle, product W an idea.
  const registration = (method: 'post' | 'put' | 'get', path: string, who: Auth) =>
    http('registration')[method](`/api/v1${path}`).set(who);
  const producerTaxCode = '2400500001';
  const producer = await ok(
    registration('post', '/producers', commune).send({
      taxCode: producerTaxCode,
      name: 'HTX Nông nghiệp Tân Dĩnh',
      legalForm: 'cooperative',
      communeCode: UNITS.commune,
    }),
    201,
  );
  const producerId = producer.body.id as string;
  const other = await ok(
    registration('post', '/producers', siblingCommune).send({
      taxCode: '2400500002',
      name: 'HTX Mật ong Lạng Giang',
      legalForm: 'cooperative',
      communeCode: UNITS.siblingCommune,
    }),
    201,
  );
  const otherProducerId = other.body.id as string;
  const producerUser = await auth(['producer'], UNITS.commune, { subject: 'fixture-producer', producerId });
  const product = async (name: string) =>
    (
      await ok(
        registration('post', '/products', commune).send({ producerId, name, group: 'food', subgroup: 'processed' }),
        201,
      )
    ).body.id as string;
  const productId = await product('Vải thiều sấy Tân Dĩnh');
  const workProductId = await product('Mỳ gạo Tân Dĩnh');
  const photo = async (id: string) =>
    (
      await ok(
        http('registration')
          .post(`/api/v1/products/${id}/photos`)
          .set(producerUser)
          .field('caption', 'Ảnh sản phẩm')
          .attach('file', jpeg(), { filename: 'anh.jpg', contentType: 'image/jpeg' }),
        201,
      )
    ).body.id as string;
  const photoId = await photo(productId);
  const workPhotoId = await photo(workProductId);
  await photo(workProductId);

  await ok(registration('post', `/products/${productId}/selection`, commune).send({ decision: 'accepted' }), 200);
  await ok(
    registration('post', `/products/${productId}/business-plan`, producerUser).send({
      summary: 'Sấy lạnh 20 tấn vải mỗi năm, đóng túi 500 g, bán qua điểm OCOP và sàn thương mại điện tử',
    }),
    200,
  );
  const dossier = await ok(registration('post', `/products/${productId}/dossier`, producerUser), 200);
  let documentId = '';
  for (const item of dossier.body.checklist as { code: string; kind: string }[]) {
    if (item.kind !== 'document') continue;
    const uploaded = await ok(
      http('registration')
        .post(`/api/v1/products/${productId}/dossier/documents`)
        .set(producerUser)
        .field('item', item.code)
        .attach('file', pdf(item.code), { filename: `${item.code}.pdf`, contentType: 'application/pdf' }),
      201,
    );
    documentId ||= uploaded.body.id as string;
  }
  await ok(registration('post', `/products/${productId}/dossier/samples-received`, commune), 200);
  const met = (findings: string) => ({ met: true, findings });
  await ok(
    registration('post', `/products/${productId}/pre-assessment`, commune).send({
      criteria: {
        localOrigin: met('Vải thiều của các hộ trong xã'),
        localLabour: met('Mười lao động là người trong xã'),
        ideaOrigin: met('Ý tưởng của hợp tác xã'),
        localIdentity: met('Gắn với vùng vải thiều Lục Ngạn'),
      },
      officerName: 'Nguyễn Thị Bình',
      assessedOn: today,
    }),
    201,
  );
  const cycleYear = year + 1;
  const cycle = await ok(
    registration('post', '/cycles', commune).send({ unitCode: UNITS.commune, year: cycleYear }),
    201,
  );
  await ok(registration('post', '/cycles', province).send({ unitCode: UNITS.province, year: cycleYear }), 201);

  // evaluation: product X reaches it through registration's events; a council, a round decided on it.
  await eventually(
    async () => {
      const rows = await stack.db.query<{ stage: string }>(
        'SELECT stage FROM evaluation.product_intake WHERE product_id = $1',
        [productId],
      );
      if (rows[0]?.stage !== 'pre_assessed') throw new Error(`product X in evaluation: ${rows[0]?.stage ?? 'absent'}`);
    },
    { timeoutMs: 30_000, description: 'product X pre-assessed in evaluation' },
  );
  const evaluation = (method: 'post' | 'put' | 'get', path: string, who: Auth) =>
    http('evaluation')[method](`/api/v1${path}`).set(who);
  const council = await ok(
    evaluation('post', '/councils', province).send({
      name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Bắc Ninh',
      level: 'province',
      unitCode: UNITS.province,
      provinceCode: UNITS.province,
      termStart: `${year}-01-01`,
      members: [
        { fullName: 'Lê Văn Chủ', organisation: 'UBND tỉnh', role: 'chair', userId: MEMBERS.chair },
        { fullName: 'Nguyễn Văn Một', organisation: 'Sở Công Thương', role: 'member', userId: MEMBERS.m1 },
        { fullName: 'Phạm Thị Hai', organisation: 'Sở Y tế', role: 'member', userId: MEMBERS.m2 },
        {
          fullName: 'Vũ Văn Thư',
          organisation: 'Văn phòng Điều phối NTM',
          role: 'secretary',
          userId: MEMBERS.secretary,
        },
      ],
    }),
    201,
  );
  const councilId = council.body.id as string;
  const memberIds = Object.fromEntries(
    (council.body.members as { id: string; userId: string }[]).map((member) => [
      member.userId.replace('user-', ''),
      member.id,
    ]),
  ) as Fixtures['evaluation']['memberIds'];
  const round = await ok(
    evaluation('post', '/rounds', province).send({
      name: `Đợt 1 năm ${year}`,
      councilId,
      dossierDeadline: addDays(today, -14),
      meetingDate: addDays(today, -10),
    }),
    201,
  );
  const roundId = round.body.id as string;
  await ok(evaluation('post', `/rounds/${roundId}/phase`, province).send({ to: 'open' }), 200);
  const entry = await ok(
    evaluation('post', `/rounds/${roundId}/products`, province).send({
      productId,
      kind: 'new',
      lateEntryReason: 'Nhập kết quả đợt đánh giá từ hồ sơ giấy',
    }),
    201,
  );
  const criteriaSetId = entry.body.criteriaSetId as string;
  const criteriaSet = (await ok(evaluation('get', `/criteria-sets/${criteriaSetId}/export`, province), 200))
    .body as CriteriaSetDocument;
  await ok(evaluation('post', `/rounds/${roundId}/phase`, province).send({ to: 'scoring' }), 200);
  await ok(
    evaluation('put', `/rounds/${roundId}/attendance`, province).send({ presentMemberIds: Object.values(memberIds) }),
    200,
  );
  for (const member of [MEMBERS.chair, MEMBERS.m1, MEMBERS.m2])
    await ok(
      evaluation(
        'post',
        `/rounds/${roundId}/products/${productId}/scorecard/submit`,
        await auth(['council_member'], UNITS.province, { subject: member }),
      ).send({ choices: choicesForTarget(criteriaSet, 80) }),
      201,
    );
  await ok(evaluation('post', `/rounds/${roundId}/phase`, province).send({ to: 'deliberation' }), 200);
  const decided = await ok(
    evaluation('post', `/rounds/${roundId}/decision`, province).send({
      number: `101/QĐ-UBND-${year}`,
      decisionDate: addDays(today, -9),
      signerName: 'Lê Văn Chủ',
      signerTitle: 'CHỦ TỊCH',
      issuerName: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      minutesRef: `BB-HĐ-OCOP-${year}-01`,
    }),
    201,
  );
  const [certificate] = decided.body.certificates as { id: string; number: string }[];
  if (!certificate) throw new Error(`the round issued no certificate: ${JSON.stringify(decided.body)}`);
  const openRound = await ok(
    evaluation('post', '/rounds', province).send({
      name: `Đợt 2 năm ${year}`,
      councilId,
      dossierDeadline: addDays(today, 20),
      meetingDate: addDays(today, 25),
    }),
    201,
  );
  await ok(evaluation('post', `/rounds/${openRound.body.id as string}/phase`, province).send({ to: 'open' }), 200);

  // registration follows the certificate: producer A applies for an upgrade of X.
  await eventually(
    async () => {
      const rows = await stack.db.query('SELECT 1 FROM registration.product_certificate WHERE product_id = $1', [
        productId,
      ]);
      if (rows.length === 0) throw new Error('no certificate in registration yet');
    },
    { timeoutMs: 30_000, description: 'registration knows the certificate' },
  );
  const application = await ok(
    registration('post', `/products/${productId}/applications`, producerUser).send({ kind: 'upgrade', targetStars: 5 }),
    201,
  );
  const applicationId = application.body.id as string;
  const applicationDocument = await ok(
    http('registration')
      .post(`/api/v1/applications/${applicationId}/documents`)
      .set(producerUser)
      .field('item', 'self_assessment_report')
      .attach('file', pdf('self assessment'), { filename: 'tu-danh-gia.pdf', contentType: 'application/pdf' }),
    201,
  );

  // promotion: the certificate reaches its read model; a fair, a sales point, a listing, support.
  await eventually(
    async () => {
      const rows = await stack.db.query('SELECT 1 FROM promotion.certificate WHERE id = $1', [certificate.id]);
      if (rows.length === 0) throw new Error('no certificate in promotion yet');
    },
    { timeoutMs: 30_000, description: 'promotion knows the certificate' },
  );
  const promotion = (method: 'post' | 'put' | 'get', path: string, who: Auth) =>
    http('promotion')[method](`/api/v1${path}`).set(who);
  const event = await ok(
    promotion('post', '/promotion-events', promotionOfficer).send({
      name: 'Hội chợ OCOP tỉnh Bắc Ninh',
      kind: 'fair',
      level: 'province',
      unitCode: UNITS.province,
      provinceCode: UNITS.province,
      organiserName: 'Sở Công Thương tỉnh Bắc Ninh',
      place: 'Quảng trường Kinh Bắc',
      startsOn: addDays(today, 30),
      endsOn: addDays(today, 34),
      capacity: 20,
    }),
    201,
  );
  const eventId = event.body.id as string;
  await ok(promotion('post', `/promotion-events/${eventId}/enrolments`, promotionOfficer).send({ productId }), 201);
  const point = await ok(
    promotion('post', '/sales-points', promotionOfficer).send({
      name: 'Điểm giới thiệu và bán sản phẩm OCOP tỉnh Bắc Ninh',
      kind: 'showroom',
      operatorName: 'Trung tâm Xúc tiến Thương mại tỉnh Bắc Ninh',
      unitCode: UNITS.province,
      provinceCode: UNITS.province,
      address: 'Số 2 đường Lý Thái Tổ, Bắc Ninh',
      openedOn: addDays(today, -30),
    }),
    201,
  );
  const salesPointId = point.body.id as string;
  await ok(promotion('post', `/sales-points/${salesPointId}/consignments`, promotionOfficer).send({ productId }), 201);
  const listing = await ok(
    promotion('post', '/listings', promotionOfficer).send({
      productId,
      platform: 'shopee',
      url: 'https://shopee.vn/vai-thieu-say-tan-dinh-i.1.2',
    }),
    201,
  );
  const programme = await ok(
    promotion('post', '/support-programmes', promotionOfficer).send({
      name: `Hỗ trợ bao bì, tem truy xuất sản phẩm OCOP năm ${year}`,
      unitCode: UNITS.province,
      provinceCode: UNITS.province,
      organiserName: 'Sở Nông nghiệp và Môi trường tỉnh Bắc Ninh',
      year,
      kinds: ['packaging', 'labels'],
      budgetVnd: 500_000_000,
    }),
    201,
  );
  const programmeId = programme.body.id as string;
  const supportRequest = await ok(
    promotion('post', `/support-programmes/${programmeId}/requests`, producerUser).send({
      producerName: 'HTX Nông nghiệp Tân Dĩnh',
      productId,
      kind: 'packaging',
      description: 'Thiết kế và in 5.000 túi',
      requestedAmountVnd: 15_000_000,
    }),
    201,
  );

  // Events as evaluation's worker would publish them: a Thanh Hóa 2021 certificate (rewarded on issue by the
  // province's policy) and the expiry reminder of X (reporting's inbox for commune C and producer A).
  const bus = await connect({ servers: stack.nats.url });
  const codec = JSONCodec<EventEnvelope>();
  const publish = async <T>(contract: EventContract<T>, data: T): Promise<void> => {
    const id = randomUUID();
    const envelope: EventEnvelope<T> = {
      id,
      subject: contract.subject,
      version: contract.version,
      source: 'evaluation',
      occurredAt: new Date().toISOString(),
      data,
    };
    await bus.jetstream().publish(contract.subject, codec.encode(envelope), { msgID: id });
  };
  const rewardCertificateId = randomUUID();
  const rewardProducerId = randomUUID();
  try {
    await publish(EvaluationEvents.certificateIssued, {
      certificateId: rewardCertificateId,
      number: 'OCOP-38-2021-0042',
      productId: randomUUID(),
      producerId: rewardProducerId,
      productName: 'Nem chua Thanh Hóa',
      producerName: 'Cơ sở Nem chua Hà Tâm',
      group: 'food',
      stars: 3,
      level: 'province',
      kind: 'new',
      issuingUnitCode: UNITS.siblingProvince,
      provinceCode: UNITS.siblingProvince,
      communeCode: '16279',
      decisionId: randomUUID(),
      issuedOn: '2021-11-15',
      validUntil: '2024-11-14',
      supersedes: null,
    });
    await publish(EvaluationEvents.certificateExpiryNotice, {
      certificateId: certificate.id,
      number: certificate.number,
      productId,
      productName: 'Vải thiều sấy Tân Dĩnh',
      producerId,
      producerName: 'HTX Nông nghiệp Tân Dĩnh',
      provinceCode: UNITS.province,
      communeCode: UNITS.commune,
      validUntil: addDays(today, 60),
      kind: 'reminder',
      daysBefore: 60,
    });
  } finally {
    await bus.close();
  }
  const reward = await eventually(
    async () => {
      const rows = await stack.db.query<{ id: string }>('SELECT id FROM promotion.reward WHERE certificate_id = $1', [
        rewardCertificateId,
      ]);
      if (!rows[0]) throw new Error('no reward yet');
      return rows[0].id;
    },
    { timeoutMs: 30_000, description: 'the Thanh Hóa certificate rewarded' },
  );
  const notifications = await eventually(
    async () => {
      const rows = await stack.db.query<{ id: string; producer_id: string | null }>(
        "SELECT id, producer_id FROM reporting.notification WHERE data->>'certificateId' = $1",
        [certificate.id],
      );
      if (rows.length < 2) throw new Error('notifications not there yet');
      return rows;
    },
    { timeoutMs: 30_000, description: 'the expiry reminder in reporting' },
  );

  // reporting: Bắc Ninh's monthly report to the ministry, submitted; a plan of Bắc Ninh with a target the
  // records cannot measure and a budget.
  const monthKey = (date: string) => `${date.slice(0, 4)}-M${date.slice(5, 7)}`;
  const periodKey = monthKey(addDays(`${today.slice(0, 7)}-01`, -1));
  const otherPeriodKey = monthKey(addDays(`${today.slice(0, 7)}-01`, -40));
  const reporting = (method: 'post' | 'put' | 'get', path: string, who: Auth) =>
    http('reporting')[method](`/api/v1${path}`).set(who);
  const report = await ok(
    reporting('post', '/reports', province).send({ obligationCode: 'province-month', periodKey }),
    201,
  );
  const reportId = report.body.id as string;
  await ok(reporting('post', `/reports/${reportId}/submit`, province).send({}), 200);
  const planCode = `bac-ninh-ocop-${year}`;
  await ok(reporting('post', '/plans', province).send(planOf(planCode, year)), 201);
  // Product X's workflow: no worker runs in this test, so a query (GET /products/{id}/lifecycle) would wait
  // for one. Deleted, the query answers at once that the product is not in evaluation.
  await stack.temporal.client.workflowService.deleteWorkflowExecution({
    namespace: stack.temporal.namespace,
    workflowExecution: { workflowId: productWorkflowId(productId) },
  });
  await eventually(
    async () => {
      const found = await stack.temporal.client.workflow
        .getHandle(productWorkflowId(productId))
        .describe()
        .then(() => true)
        .catch((error: unknown) => {
          if (error instanceof WorkflowNotFoundError) return false;
          throw error;
        });
      if (found) throw new Error('still there');
    },
    { timeoutMs: 30_000, description: 'product X’s workflow deleted' },
  );

  return {
    today,
    year,
    registration: {
      producerId,
      producerTaxCode,
      productId,
      otherProducerId,
      workProductId,
      photoId,
      workPhotoId,
      documentId,
      applicationId,
      applicationDocumentId: applicationDocument.body.id as string,
      cycleYear,
      cycleSteps: cycle.body.steps as unknown[],
    },
    evaluation: {
      councilId,
      roundId,
      openRoundId: openRound.body.id as string,
      memberIds,
      criteriaSetId,
      criteriaSet,
      certificateId: certificate.id,
      certificateNumber: certificate.number,
    },
    promotion: {
      certificateId: certificate.id,
      eventId,
      salesPointId,
      listingId: listing.body.id as string,
      programmeId,
      supportRequestId: supportRequest.body.id as string,
      rewardId: reward,
      rewardProducerId,
      rewardCertificateId,
    },
    reporting: {
      reportId,
      periodKey,
      otherPeriodKey,
      notificationId: notifications.find((row) => row.producer_id === null)!.id,
      producerNotificationId: notifications.find((row) => row.producer_id !== null)!.id,
      planCode,
    },
  };
}

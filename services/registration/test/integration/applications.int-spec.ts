import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { connect, type NatsConnection } from 'nats';
import request from 'supertest';
import {
  addDays,
  dateInVietnam,
  EvaluationEvents,
  type CertificateIssuedV1,
  type EventContract,
  type EventEnvelope,
} from '@ocop/contracts';
import { eventually, testToken, type TestDatabase } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(90_000);

const COMMUNE = '07432';
const today = dateInVietnam(new Date());
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');

interface ApplicationBody {
  id: string;
  kind: string;
  status: string;
  roundId: string | null;
  closedReason: string | null;
  resultCertificateId: string | null;
  checklist?: { code: string; provided: boolean; document: { id: string } | null }[];
  complete?: boolean;
}

describe('registration: certificate read model and applications for re-evaluation or upgrade', () => {
  let testApp: RegistrationTestApp | undefined;
  let app: INestApplication;
  let db: TestDatabase;
  let nats: NatsConnection;
  let officer: string;
  let producerId: string;
  let producerUser: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const http = () => request(app.getHttpServer());

  /** Publishes one of evaluation's events the way its outbox relay does (envelope, Nats-Msg-Id). */
  async function publish<T>(contract: EventContract<T>, data: T, id: string = randomUUID()): Promise<void> {
    const envelope: EventEnvelope<T> = {
      id,
      subject: contract.subject,
      version: contract.version,
      source: 'evaluation',
      occurredAt: new Date().toISOString(),
      data,
    };
    await nats.jetstream().publish(contract.subject, JSON.stringify(envelope), { msgID: id });
  }

  const handled = async (eventId: string) =>
    eventually(
      async () => {
        const rows = await db.query('SELECT 1 FROM registration.inbox_event WHERE event_id = $1', [eventId]);
        if (rows.length !== 1) throw new Error(`event ${eventId} not handled yet`);
      },
      { description: `event ${eventId} handled` },
    );

  /** Publishes and waits until registration has handled it. */
  async function deliver<T>(contract: EventContract<T>, data: T): Promise<string> {
    const id = randomUUID();
    await publish(contract, data, id);
    await handled(id);
    return id;
  }

  const status = async (productId: string) =>
    (await http().get(`/api/v1/products/${productId}`).set(auth(officer)).expect(200)).body.status as string;

  async function product(name: string): Promise<string> {
    const created = await http()
      .post('/api/v1/products')
      .set(auth(officer))
      .send({ producerId, name, group: 'food', subgroup: 'processed' })
      .expect(201);
    return created.body.id as string;
  }

  const issued = (productId: string, facts: Partial<CertificateIssuedV1> = {}): CertificateIssuedV1 => ({
    certificateId: randomUUID(),
    number: `OCOP-217-2024-${Math.floor(Math.random() * 9000 + 1000)}`,
    productId,
    producerId,
    productName: 'x',
    producerName: 'HTX Nông nghiệp Tân Dĩnh',
    group: 'food',
    stars: 3,
    level: 'district',
    kind: 'new',
    issuingUnitCode: '217',
    provinceCode: '24',
    communeCode: COMMUNE,
    decisionId: randomUUID(),
    issuedOn: addDays(today, -900),
    validUntil: addDays(today, 60),
    supersedes: null,
    ...facts,
  });

  /** A product certified through evaluation's event (it must be in a round for its stage to follow). */
  async function certified(name: string, facts: Partial<CertificateIssuedV1> = {}) {
    const id = await product(name);
    await db.query(`UPDATE registration.product SET status = 'in_evaluation' WHERE id = $1`, [id]);
    const certificate = issued(id, facts);
    await deliver(EvaluationEvents.certificateIssued, certificate);
    return { id, certificate };
  }

  const apply = (productId: string, body: Record<string, unknown>, token = producerUser) =>
    http().post(`/api/v1/products/${productId}/applications`).set(auth(token)).send(body);
  const application = async (id: string) =>
    (await http().get(`/api/v1/applications/${id}`).set(auth(officer)).expect(200)).body as ApplicationBody;
  const applicationEvents = async () =>
    (
      await db.query<{ subject: string }>(
        `SELECT subject FROM registration.outbox_event WHERE subject LIKE '%application%' ORDER BY sequence`,
      )
    ).map((row) => row.subject.replace('ocop.registration.product.', ''));

  beforeAll(async () => {
    testApp = await startRegistrationTestApp('applications', { RE_EVALUATION_WINDOW_MONTHS: '6' });
    ({ app, db } = testApp);
    nats = await connect({ servers: testApp.nats.url });
    officer = await testToken({ roles: ['commune_officer'], unitCode: COMMUNE, subject: 'xa-tan-dinh' });
    const producer = await http()
      .post('/api/v1/producers')
      .set(auth(officer))
      .send({ taxCode: '2400200021', name: 'HTX Nông nghiệp Tân Dĩnh', legalForm: 'cooperative', communeCode: COMMUNE })
      .expect(201);
    producerId = producer.body.id;
    producerUser = await testToken({ roles: ['producer'], unitCode: COMMUNE, producerId, subject: 'htx-tan-dinh' });
  });

  afterAll(async () => {
    await nats?.drain();
    await testApp?.close();
  });

  it("keeps the product's certificates from evaluation's events, once per event, beside the stage follower", async () => {
    const { id, certificate } = await certified('Vải thiều sấy Tân Dĩnh');
    expect(await status(id)).toBe('certified');
    // The same facts again under a new event id (a replay, which the inbox cannot catch): nothing changes.
    const replayId = randomUUID();
    await publish(EvaluationEvents.certificateIssued, certificate, replayId);
    await handled(replayId);
    const certificates = await http().get(`/api/v1/products/${id}/certificates`).set(auth(producerUser)).expect(200);
    expect(certificates.body).toEqual([
      expect.objectContaining({
        certificateId: certificate.certificateId,
        number: certificate.number,
        stars: 3,
        status: 'valid',
        validUntil: certificate.validUntil,
        noticeKind: null,
        reEvaluationOpensOn: expect.any(String),
      }),
    ]);
    const moves = await db.query(
      `SELECT 1 FROM registration.outbox_event WHERE subject LIKE '%stage-changed%' AND envelope->'data'->>'productId' = $1
         AND envelope->'data'->>'to' = 'certified'`,
      [id],
    );
    expect(moves).toHaveLength(1);
  });

  it('files a re-evaluation in the window with its own dossier, refuses a second one, and lets it be withdrawn', async () => {
    const { id, certificate } = await certified('Mật ong Tân Dĩnh');
    const filed = await apply(id, { kind: 're_evaluation', note: 'Xin đánh giá lại trước khi hết hạn' }).expect(201);
    expect(filed.body).toEqual(
      expect.objectContaining({
        kind: 're_evaluation',
        status: 'open',
        certificateNumber: certificate.number,
        currentStars: 3,
        targetStars: null,
        filedBy: 'htx-tan-dinh',
        complete: false,
        completeness: 0,
      }),
    );
    expect(filed.body.checklist.map((entry: { code: string }) => entry.code)).toEqual([
      'registration_form',
      'self_assessment_report',
    ]);

    const before = (await db.query('SELECT id FROM registration.product_application')).length;
    const twice = await apply(id, { kind: 'upgrade', targetStars: 4 });
    expect({ status: twice.status, code: twice.body.code, existing: twice.body.details.applicationId }).toEqual({
      status: 409,
      code: 'APPLICATION_ALREADY_OPEN',
      existing: filed.body.id,
    });
    expect(await db.query('SELECT id FROM registration.product_application')).toHaveLength(before);

    const uploadTo = (item: string, content: Buffer, contentType = 'application/pdf') =>
      http()
        .post(`/api/v1/applications/${filed.body.id}/documents`)
        .set(auth(producerUser))
        .field('item', item)
        .attach('file', content, { filename: `${item}.pdf`, contentType });
    await uploadTo('registration_form', pdf('phiếu đăng ký đánh giá lại')).expect(201);
    const report = await uploadTo('self_assessment_report', pdf('báo cáo 3 năm 2024-2026')).expect(201);
    const unknown = await uploadTo('business_plan', pdf('x'));
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({
      status: 400,
      code: 'APPLICATION_ITEM_UNKNOWN',
    });
    const notPdf = await uploadTo('registration_form', Buffer.from('MZ not a pdf'));
    expect(notPdf.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    const detail = await application(filed.body.id);
    expect({ complete: detail.complete, provided: detail.checklist!.map((entry) => entry.provided) }).toEqual({
      complete: true,
      provided: [true, true],
    });
    const downloaded = await http()
      .get(`/api/v1/applications/${filed.body.id}/documents/${report.body.id}`)
      .set(auth(officer))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((downloaded.body as Buffer).toString('utf8')).toContain('báo cáo 3 năm');
    expect(await testApp!.storedKeys(`applications/${filed.body.id}/`)).toHaveLength(2);

    const withdrawn = await http()
      .post(`/api/v1/applications/${filed.body.id}/withdrawal`)
      .set(auth(producerUser))
      .send({ reason: 'Chủ thể xin đánh giá lại vào đợt sau' })
      .expect(200);
    expect(withdrawn.body).toEqual(expect.objectContaining({ status: 'withdrawn', closedBy: 'htx-tan-dinh' }));
    const again = await http()
      .post(`/api/v1/applications/${filed.body.id}/withdrawal`)
      .set(auth(producerUser))
      .send({ reason: 'Rút lần nữa' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'APPLICATION_NOT_OPEN' });
    const late = await uploadTo('registration_form', pdf('muộn'));
    expect(late.body.code).toBe('APPLICATION_NOT_OPEN');
    // Withdrawn, the product may apply again.
    await apply(id, { kind: 're_evaluation' }, officer).expect(201);
    expect(await applicationEvents()).toEqual([
      'application-filed.v1',
      'application-withdrawn.v1',
      'application-filed.v1',
    ]);
  });

  it('refuses what the rules do not allow with a stable code, and writes nothing', async () => {
    const idea = await product('Gạo nếp cái hoa vàng');
    const { id: threeStars } = await certified('Mỳ gạo Tân Dĩnh', { validUntil: addDays(today, 900) });
    const { id: fiveStars } = await certified('Rượu làng Vân', { stars: 5, validUntil: addDays(today, 900) });
    const rowsBefore = (await db.query('SELECT id FROM registration.product_application')).length;
    const eventsBefore = await applicationEvents();
    const otherProducer = await testToken({
      roles: ['producer'],
      unitCode: COMMUNE,
      producerId: '00000000-0000-4000-8000-000000000000',
    });
    const cases: Array<[string, Record<string, unknown>, number, string, string?]> = [
      [idea, { kind: 're_evaluation' }, 409, 'PRODUCT_NOT_CERTIFIED'],
      [idea, { kind: 'upgrade', targetStars: 4 }, 409, 'PRODUCT_NOT_CERTIFIED'],
      [threeStars, { kind: 're_evaluation' }, 409, 'RE_EVALUATION_WINDOW_NOT_OPEN'],
      [threeStars, { kind: 'upgrade', targetStars: 3 }, 400, 'UPGRADE_TARGET_INVALID'],
      [threeStars, { kind: 'upgrade', targetStars: 2 }, 400, 'UPGRADE_TARGET_INVALID'],
      [fiveStars, { kind: 'upgrade', targetStars: 5 }, 409, 'UPGRADE_ALREADY_FIVE_STARS'],
      [threeStars, { kind: 'renewal' }, 400, 'VALIDATION_FAILED', 'kind'],
      [threeStars, { kind: 'upgrade' }, 400, 'VALIDATION_FAILED', 'targetStars'],
      [threeStars, { kind: 'upgrade', targetStars: 6 }, 400, 'VALIDATION_FAILED', 'targetStars'],
      [threeStars, { kind: 're_evaluation', targetStars: 4 }, 400, 'VALIDATION_FAILED', 'targetStars'],
    ];
    for (const [productId, body, statusCode, code, field] of cases) {
      const response = await apply(productId, body);
      expect({ body, status: response.status, code: response.body.code }).toEqual({ body, status: statusCode, code });
      if (field) expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    const window = await apply(threeStars, { kind: 're_evaluation' });
    expect(window.body.message).toMatch(/từ \d{4}-\d{2}-\d{2}/);
    const notTheirs = await apply(threeStars, { kind: 'upgrade', targetStars: 4 }, otherProducer);
    expect(notTheirs.body.code).toBe('NOT_YOUR_PRODUCT');
    const outsider = await testToken({ roles: ['commune_officer'], unitCode: '07375' });
    expect((await apply(threeStars, { kind: 'upgrade', targetStars: 4 }, outsider)).body.code).toBe(
      'OUT_OF_JURISDICTION',
    );
    expect(await db.query('SELECT id FROM registration.product_application')).toHaveLength(rowsBefore);
    expect(await applicationEvents()).toEqual(eventsBefore);
  });

  it("follows evaluation's round, notice, supersession, expiry and revocation events", async () => {
    const { id, certificate } = await certified('Chè Tân Dĩnh', { validUntil: addDays(today, 900) });

    // An upgrade: evaluation enters it in a round, where it can no longer be withdrawn; it does not pass.
    const upgrade = await apply(id, { kind: 'upgrade', targetStars: 4 }).expect(201);
    const roundId = randomUUID();
    await deliver(EvaluationEvents.productEnteredRound, {
      roundId,
      productId: id,
      kind: 'upgrade',
      level: 'province',
      provinceCode: '24',
      communeCode: COMMUNE,
      enteredAt: new Date().toISOString(),
    });
    expect(await application(upgrade.body.id)).toEqual(expect.objectContaining({ status: 'in_round', roundId }));
    expect(await status(id)).toBe('in_evaluation');
    const inRound = await http()
      .post(`/api/v1/applications/${upgrade.body.id}/withdrawal`)
      .set(auth(producerUser))
      .send({ reason: 'Muốn rút khỏi đợt' });
    expect(inRound.body).toEqual(expect.objectContaining({ code: 'APPLICATION_NOT_OPEN' }));
    await deliver(EvaluationEvents.productNotPassed, {
      roundId,
      productId: id,
      level: 'province',
      score: 66.5,
      stars: 3,
      reason: 'below the level',
      feedback: 'Chưa đủ điểm 4 sao',
      hasValidCertificate: true,
    });
    expect(await application(upgrade.body.id)).toEqual(
      expect.objectContaining({ status: 'not_passed', closedReason: expect.stringContaining('Chưa đủ điểm 4 sao') }),
    );
    expect(await status(id)).toBe('certified');

    // Evaluation's expiry reminder opens re-evaluation before the window.
    expect((await apply(id, { kind: 're_evaluation' })).body.code).toBe('RE_EVALUATION_WINDOW_NOT_OPEN');
    await deliver(EvaluationEvents.certificateExpiryNotice, {
      certificateId: certificate.certificateId,
      number: certificate.number,
      productId: id,
      productName: 'Chè Tân Dĩnh',
      producerId,
      producerName: 'HTX Nông nghiệp Tân Dĩnh',
      provinceCode: '24',
      communeCode: COMMUNE,
      validUntil: certificate.validUntil,
      kind: 'reminder',
      daysBefore: 90,
    });
    const reEvaluation = await apply(id, { kind: 're_evaluation' }).expect(201);

    // Re-evaluated: a new certificate supersedes the old one and completes the application.
    const round2 = randomUUID();
    await deliver(EvaluationEvents.productEnteredRound, {
      roundId: round2,
      productId: id,
      kind: 're_evaluation',
      level: 'district',
      provinceCode: '24',
      communeCode: COMMUNE,
      enteredAt: new Date().toISOString(),
    });
    const renewed = issued(id, {
      kind: 're_evaluation',
      issuedOn: today,
      validUntil: addDays(today, 1095),
      supersedes: certificate.certificateId,
    });
    await deliver(EvaluationEvents.certificateIssued, renewed);
    await deliver(EvaluationEvents.certificateSuperseded, {
      certificateId: certificate.certificateId,
      number: certificate.number,
      productId: id,
      supersededBy: renewed.certificateId,
      supersededOn: today,
    });
    expect(await application(reEvaluation.body.id)).toEqual(
      expect.objectContaining({ status: 'completed', resultCertificateId: renewed.certificateId }),
    );
    const certificates = await http().get(`/api/v1/products/${id}/certificates`).set(auth(officer)).expect(200);
    expect(certificates.body.map((c: { number: string; status: string }) => [c.number, c.status])).toEqual([
      [renewed.number, 'valid'],
      [certificate.number, 'superseded'],
    ]);

    // Expiry: an open upgrade lapses, re-evaluation is still possible; revocation ends everything.
    const { id: expiring, certificate: old } = await certified('Bánh đa Kế', {
      stars: 4,
      validUntil: addDays(today, 20),
    });
    const lapsing = await apply(expiring, { kind: 'upgrade', targetStars: 5 }).expect(201);
    await deliver(EvaluationEvents.certificateExpired, {
      certificateId: old.certificateId,
      number: old.number,
      productId: expiring,
      provinceCode: '24',
      expiredOn: today,
    });
    expect(await application(lapsing.body.id)).toEqual(expect.objectContaining({ status: 'lapsed' }));
    expect(await status(expiring)).toBe('expired');
    expect((await apply(expiring, { kind: 'upgrade', targetStars: 5 })).body.code).toBe(
      'UPGRADE_NEEDS_VALID_CERTIFICATE',
    );
    const afterExpiry = await apply(expiring, { kind: 're_evaluation' }).expect(201);
    await deliver(EvaluationEvents.certificateRevoked, {
      certificateId: old.certificateId,
      number: old.number,
      productId: expiring,
      provinceCode: '24',
      reason: 'not_re_evaluated',
      decisionId: randomUUID(),
      revokedOn: today,
    });
    expect(await application(afterExpiry.body.id)).toEqual(
      expect.objectContaining({ status: 'lapsed', closedReason: expect.stringContaining('revoked') }),
    );
    expect((await apply(expiring, { kind: 're_evaluation' })).body.code).toBe('PRODUCT_NOT_CERTIFIED');
  });

  it('lists the applications of a unit with filters; a producer sees its own', async () => {
    const all = await http().get('/api/v1/applications').set(auth(officer)).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(6);
    const kinds = (query: Record<string, string>, token = officer) =>
      http()
        .get('/api/v1/applications')
        .query(query)
        .set(auth(token))
        .expect(200)
        .then((response) => response.body.items as ApplicationBody[]);
    expect((await kinds({ kind: 'upgrade' })).every((item) => item.kind === 'upgrade')).toBe(true);
    expect((await kinds({ status: 'lapsed' })).map((item) => item.status)).toEqual(['lapsed', 'lapsed']);
    const active = await kinds({ active: 'true' });
    expect(active.every((item) => ['open', 'in_round'].includes(item.status))).toBe(true);
    expect(active.length).toBeGreaterThan(0);
    expect((await kinds({ q: 'che tan dinh' })).length).toBe(2);
    expect((await kinds({ unit: '24' }, await testToken({ roles: ['province_officer'], unitCode: '24' }))).length).toBe(
      all.body.items.length,
    );
    expect(await kinds({ unit: '07375' }, await testToken({ roles: ['commune_officer'], unitCode: '07375' }))).toEqual(
      [],
    );
    const outside = await http().get('/api/v1/applications').query({ unit: '24' }).set(auth(officer));
    expect(outside.body.code).toBe('OUT_OF_JURISDICTION');
    const other = await testToken({
      roles: ['producer'],
      unitCode: COMMUNE,
      producerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(await kinds({}, other)).toEqual([]);
    expect((await kinds({}, producerUser)).length).toBe(all.body.items.length);
  });
});

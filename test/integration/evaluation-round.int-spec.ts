import { randomUUID } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { addDays, dateInVietnam, roundStatusQuery, roundWorkflowId } from '@ocop/contracts';
import {
  createTestNamespace,
  eventually,
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import type { CriteriaSetDocument } from '../../services/evaluation/src/criteria-set/criteria-set.rules';
import { choicesForTarget } from '../../services/evaluation/src/criteria-set/criteria-set.sampling';
import { evaluationDataSource } from '../../services/evaluation/src/database/data-source';
import { registrationDataSource } from '../../services/registration/src/database/data-source';

jest.setTimeout(120_000);

type Token = { authorization: string };

/**
 * A province round under 1489/2025 from planning to decision, over HTTP: entry, attendance and quorum,
 * recusal, scorecards (draft, submit, re-score after a spread), ranking with star caps, the decision with
 * its certificates, forwarding and feedback, the chair's view, exports, public verification, revocation
 * and an upgrade that supersedes a certificate. Each rule's bad input is refused with nothing written.
 * Registration runs beside evaluation (jurisdiction over NATS); products are placed in evaluation's
 * intake as registration's events would (the e2e suite drives that path). Evaluation's worker runs on the
 * dev server in a namespace of its own: each round's workflow follows it and ends scoring by itself once
 * every scorecard is in.
 */
describe('evaluation: a round from entry to certificates', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let registration: INestApplication;
  let evaluation: INestApplication;
  let worker: INestApplicationContext;
  let temporal: Awaited<ReturnType<typeof createTestNamespace>>;
  let officer: Token;
  const members: Record<string, Token> = {};
  const memberIds: Record<string, string> = {};
  const products: Record<string, string> = {};
  const http = () => request(evaluation.getHttpServer());
  const today = dateInVietnam(new Date());
  const year = Number(today.slice(0, 4));

  beforeAll(async () => {
    db = await TestDatabase.create('rounds');
    await migrateDatabase(registrationDataSource, 'registration', db.url);
    await migrateDatabase(evaluationDataSource, 'evaluation', db.url);
    nats = await TestNatsServer.start();
    temporal = await createTestNamespace('rounds');
    const env = {
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: temporal.namespace,
      PUBLIC_BASE_URL: 'https://ocop.example.vn',
      PUBLIC_VERIFY_RATE_PER_MINUTE: '6',
    };
    ({ app: registration } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      env,
    ));
    ({ app: evaluation } = await startHttpApp(
      async () => (await import('../../services/evaluation/src/app.module')).EvaluationApiModule,
      env,
    ));
    worker = await NestFactory.createApplicationContext(
      (await import('../../services/evaluation/src/worker.module')).EvaluationWorkerModule,
      { logger: false },
    );
    officer = { authorization: `Bearer ${await testToken({ roles: ['province_officer'], unitCode: '24' })}` };
    for (const key of ['chair', 'vice', 'm1', 'm2', 'm3', 'm4', 'secretary']) {
      const roles = key === 'secretary' ? (['council_secretary'] as const) : (['council_member'] as const);
      members[key] = {
        authorization: `Bearer ${await testToken({ roles: [...roles], unitCode: '24', subject: `user-${key}` })}`,
      };
    }
    for (const key of ['A', 'B', 'C', 'D', 'E']) products[key] = await intake(`Sản phẩm ${key}`, 'pre_assessed');
    products['idea'] = await intake('Ý tưởng chưa chọn', 'idea');
  });

  afterAll(async () => {
    await worker?.close();
    await evaluation?.close();
    await registration?.close();
    await temporal?.close();
    await nats?.stop();
    await db?.drop();
  });

  /** A product as evaluation holds it once registration's events are handled. */
  async function intake(name: string, stage: string): Promise<string> {
    const productId = randomUUID();
    await db.query(
      `INSERT INTO evaluation.product_intake (product_id, name, producer_id, producer_name, "group", province_code,
         commune_code, cycle_year, workflow_id, source_event_id, stage)
       VALUES ($1, $2, $3, $4, 'food', '24', '07432', $5, $6, $7, $8)`,
      [productId, name, randomUUID(), `HTX ${name}`, year, `product-${productId}`, randomUUID(), stage],
    );
    return productId;
  }

  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM evaluation.${table}`))[0]!.n);
  const outbox = async (subject: string) =>
    db.query<{ data: Record<string, unknown> }>(
      `SELECT envelope->'data' AS data FROM evaluation.outbox_event WHERE subject = $1 ORDER BY sequence`,
      [subject],
    );

  async function expectError(response: request.Test, status: number, code: string): Promise<Record<string, unknown>> {
    const result = await response;
    expect({ status: result.status, code: result.body.code }).toEqual({ status, code });
    return result.body as Record<string, unknown>;
  }

  let councilId: string;
  let roundId: string;
  let criteria: CriteriaSetDocument;

  const roundWorkflow = (id: string) => temporal.client.workflow.getHandle(roundWorkflowId(id));
  const phaseOf = async (id: string) =>
    (await http().get(`/api/v1/rounds/${id}`).set(officer).expect(200)).body.phase as string;

  const score = (member: string, product: string, choices: Record<string, string>) =>
    http()
      .post(`/api/v1/rounds/${roundId}/products/${products[product]}/scorecard/submit`)
      .set(members[member]!)
      .send({ choices });

  it('plans a round with a council, the version in force and the dates', async () => {
    const council = await http()
      .post('/api/v1/councils')
      .set(officer)
      .send({
        name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Bắc Giang',
        level: 'province',
        unitCode: '24',
        provinceCode: '24',
        termStart: `${year}-01-01`,
        members: [
          { fullName: 'Lê Văn Chủ', organisation: 'UBND tỉnh', role: 'chair', userId: 'user-chair' },
          {
            fullName: 'Trần Thị Phó',
            organisation: 'Sở Nông nghiệp và Môi trường',
            role: 'vice_chair',
            userId: 'user-vice',
          },
          { fullName: 'Nguyễn Văn Một', organisation: 'Sở Công Thương', role: 'member', userId: 'user-m1' },
          { fullName: 'Phạm Thị Hai', organisation: 'Sở Y tế', role: 'member', userId: 'user-m2' },
          { fullName: 'Hoàng Văn Ba', organisation: 'Sở Khoa học và Công nghệ', role: 'expert', userId: 'user-m3' },
          {
            fullName: 'Đỗ Thị Bốn',
            organisation: 'Sở Văn hóa, Thể thao và Du lịch',
            role: 'member',
            userId: 'user-m4',
          },
          {
            fullName: 'Vũ Văn Thư',
            organisation: 'Văn phòng Điều phối NTM',
            role: 'secretary',
            userId: 'user-secretary',
          },
        ],
      })
      .expect(201);
    councilId = council.body.id;
    for (const member of council.body.members as { id: string; userId: string }[])
      memberIds[member.userId.replace('user-', '')] = member.id;

    await expectError(
      http()
        .post('/api/v1/rounds')
        .set(officer)
        .send({
          name: 'Đợt thử ngày sai',
          councilId,
          dossierDeadline: addDays(today, 9),
          meetingDate: addDays(today, 10),
        }),
      400,
      'ROUND_DATES_INVALID',
    );
    const round = await http()
      .post('/api/v1/rounds')
      .set(officer)
      .send({
        name: `Đợt 1 năm ${year}`,
        councilId,
        dossierDeadline: addDays(today, 5),
        meetingDate: addDays(today, 10),
      })
      .expect(201);
    roundId = round.body.id;
    expect(round.body).toEqual(
      expect.objectContaining({
        level: 'province',
        versionCode: '1489/2025',
        phase: 'draft',
        scoringDeadline: addDays(today, 17),
        workflowId: `round-${roundId}`,
      }),
    );
    const other = await expectError(
      http()
        .get(`/api/v1/rounds/${roundId}`)
        .set({ authorization: `Bearer ${await testToken({ roles: ['province_officer'], unitCode: '01' })}` }),
      403,
      'OUT_OF_JURISDICTION',
    );
    expect(other).toBeDefined();
  });

  it('takes pre-assessed products while open, and refuses the others', async () => {
    await http().post(`/api/v1/rounds/${roundId}/phase`).set(officer).send({ to: 'open' }).expect(200);
    for (const key of ['A', 'B', 'C', 'D', 'E']) {
      await http()
        .post(`/api/v1/rounds/${roundId}/products`)
        .set(officer)
        .send({ productId: products[key], kind: 'new' })
        .expect(201);
    }
    await expectError(
      http().post(`/api/v1/rounds/${roundId}/products`).set(officer).send({ productId: products['idea'] }),
      409,
      'PRODUCT_NOT_READY_FOR_ROUND',
    );
    await expectError(
      http().post(`/api/v1/rounds/${roundId}/products`).set(officer).send({ productId: products['A'] }),
      409,
      'PRODUCT_ALREADY_IN_ROUND',
    );
    await expectError(
      http()
        .post(`/api/v1/rounds/${roundId}/products`)
        .set(officer)
        .send({ productId: products['A'], kind: 'upgrade' }),
      409,
      'PRODUCT_ALREADY_IN_ROUND',
    );
    const entries = await http().get(`/api/v1/rounds/${roundId}/products`).set(officer).expect(200);
    expect(entries.body).toHaveLength(5);
    const exported = await http()
      .get(`/api/v1/criteria-sets/${entries.body[0].criteriaSetId}/export`)
      .set(officer)
      .expect(200);
    criteria = JSON.parse(exported.text) as CriteriaSetDocument;
    expect(criteria.versionCode).toBe('148/2023');
    expect((await outbox('ocop.evaluation.round.product-entered.v1')).length).toBe(5);
    expect((await outbox('ocop.evaluation.round.opened.v1')).length).toBe(1);
    // The opening started the round's workflow on the dev server.
    await eventually(async () => expect((await roundWorkflow(roundId).query(roundStatusQuery)).phase).toBe('open'));
  });

  it('refuses scoring outside the scoring phase, by absent or recused members, and invalid choices', async () => {
    const full = choicesForTarget(criteria, 78);
    await expectError(score('chair', 'A', full), 409, 'ROUND_PHASE_FORBIDS');
    await http().post(`/api/v1/rounds/${roundId}/phase`).set(officer).send({ to: 'scoring' }).expect(200);
    // Everyone but m4 is present: 5 of 6 scoring members with the chair.
    const quorum = await http()
      .put(`/api/v1/rounds/${roundId}/attendance`)
      .set(members['secretary']!)
      .send({ presentMemberIds: ['chair', 'vice', 'm1', 'm2', 'm3', 'secretary'].map((key) => memberIds[key]) })
      .expect(200);
    expect(quorum.body).toEqual(
      expect.objectContaining({ met: true, present: 5, scoringMembers: 6, required: 5, chairPresent: true }),
    );
    await http()
      .post(`/api/v1/rounds/${roundId}/products/${products['A']}/interests`)
      .set(members['m1']!)
      .send({ reason: 'Người thân là thành viên hợp tác xã' })
      .expect(201);

    const before = { cards: await count('scorecard'), changes: await count('change_record') };
    await expectError(score('m1', 'A', full), 409, 'MEMBER_RECUSED');
    await expectError(score('m4', 'A', full), 409, 'MEMBER_NOT_PRESENT');
    await expectError(score('secretary', 'A', full), 403, 'FORBIDDEN_ROLE');
    const invalid = await expectError(
      score('chair', 'A', { ...full, 'A1.1': 'zz', 'Z9.9': 'a' }),
      400,
      'SCORECARD_INVALID_CHOICE',
    );
    expect((invalid['details'] as { problems: string[] }).problems).toEqual(
      expect.arrayContaining(['unknown criterion Z9.9', 'no option zz in A1.1']),
    );
    const [firstCode] = Object.keys(full);
    const partial = { ...full };
    delete partial[firstCode!];
    const incomplete = await expectError(score('chair', 'A', partial), 400, 'SCORECARD_INCOMPLETE');
    expect((incomplete['details'] as { missingCriteria: string[] }).missingCriteria).toEqual([firstCode]);
    expect({ cards: await count('scorecard'), changes: await count('change_record') }).toEqual(before);
  });

  it('saves drafts, takes submissions once, and scores each product when its last member submits', async () => {
    const partial = Object.fromEntries(Object.entries(choicesForTarget(criteria, 78)).slice(0, 5));
    const draft = await http()
      .put(`/api/v1/rounds/${roundId}/products/${products['A']}/scorecard`)
      .set(members['chair']!)
      .send({ choices: partial })
      .expect(200);
    expect(draft.body).toEqual(expect.objectContaining({ status: 'draft', attempt: 1 }));
    await http()
      .put(`/api/v1/rounds/${roundId}/products/${products['A']}/scorecard`)
      .set(members['chair']!)
      .send({ choices: choicesForTarget(criteria, 78) })
      .expect(200);
    // Submitting the saved draft.
    const submitted = await http()
      .post(`/api/v1/rounds/${roundId}/products/${products['A']}/scorecard/submit`)
      .set(members['chair']!)
      .send({})
      .expect(201);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.total).toBeGreaterThanOrEqual(78);
    await expectError(score('chair', 'A', choicesForTarget(criteria, 90)), 409, 'SCORECARD_ALREADY_SUBMITTED');

    const requiredFor3 = criteria.parts
      .flatMap((part) => part.criteria)
      .find((criterion) => criterion.requiredForStars === 3)!.code;
    const plan: Record<string, Record<string, number>> = {
      A: { vice: 76, m2: 80, m3: 77 }, // m1 recused
      B: { chair: 93, vice: 92, m1: 94, m2: 91, m3: 93 },
      C: { chair: 40, vice: 42, m1: 38, m2: 45, m3: 41 },
      D: { chair: 58, vice: 70, m1: 71, m2: 69, m3: 72 },
      E: { chair: 82, vice: 80, m1: 81, m2: 83, m3: 80 },
    };
    for (const [product, targets] of Object.entries(plan)) {
      for (const [member, target] of Object.entries(targets)) {
        const miss = product === 'E' && member !== 'm3' ? [requiredFor3] : [];
        await score(member, product, choicesForTarget(criteria, target, miss)).expect(201);
      }
    }
    const mine = await http().get(`/api/v1/rounds/${roundId}/scorecards/mine`).set(members['m1']!).expect(200);
    expect(mine.body.pendingProductIds).toEqual([]);
    expect(mine.body.scorecards).toHaveLength(4);

    const entries = await entriesByName();
    expect(entries['A']).toEqual(
      expect.objectContaining({
        stars: 4,
        flagged: false,
        outcome: { kind: 'recognised', level: 'province', stars: 4 },
      }),
    );
    expect(entries['B']!.outcome).toEqual({ kind: 'forwarded', from: 'province', to: 'national', stars: 5 });
    expect(entries['C']!.outcome).toEqual(
      expect.objectContaining({ kind: 'not_passed', reason: 'below_certified_stars', stars: 2 }),
    );
    expect(entries['D']!.flagged).toBe(true);
    expect(entries['E']).toEqual(expect.objectContaining({ starCap: 2, missedRequirements: [requiredFor3] }));
    expect(entries['E']!.outcome).toEqual(
      expect.objectContaining({ kind: 'not_passed', reason: 'mandatory_criterion_missed' }),
    );
    expect((await outbox('ocop.evaluation.scorecard.submitted.v1')).length).toBe(24);
  });

  async function entriesByName(): Promise<Record<string, Record<string, unknown>>> {
    const entries = await http().get(`/api/v1/rounds/${roundId}/products`).set(officer).expect(200);
    return Object.fromEntries(
      (entries.body as { productName: string }[]).map((entry) => [entry.productName.replace('Sản phẩm ', ''), entry]),
    );
  }

  it('sends a spread over 10 points back to those members, keeping the history', async () => {
    const progress = await http().get(`/api/v1/rounds/${roundId}/progress`).set(members['chair']!).expect(200);
    const d = (progress.body.products as { productId: string; toRescore: string[] }[]).find(
      (product) => product.productId === products['D'],
    )!;
    expect(d.toRescore.sort()).toEqual(['chair', 'vice', 'm1', 'm2', 'm3'].map((key) => memberIds[key]).sort());
    await expectError(http().get(`/api/v1/rounds/${roundId}/progress`).set(members['m2']!), 403, 'NOT_THE_CHAIR');
    await expectError(
      http().post(`/api/v1/rounds/${roundId}/products/${products['A']}/rescore`).set(officer).send({ reason: 'Thử' }),
      409,
      'RESCORE_NOT_NEEDED',
    );
    const rescore = await http()
      .post(`/api/v1/rounds/${roundId}/products/${products['D']}/rescore`)
      .set(members['chair']!)
      .send({ reason: 'Chênh lệch 14 điểm giữa Chủ tịch và các thành viên' })
      .expect(200);
    expect(rescore.body.memberIds).toHaveLength(5);
    for (const [member, target] of Object.entries({ chair: 64, vice: 66, m1: 67, m2: 65, m3: 66 })) {
      await score(member, 'D', choicesForTarget(criteria, target)).expect(201);
    }
    const entries = await entriesByName();
    expect(entries['D']).toEqual(
      expect.objectContaining({ flagged: false, outcome: { kind: 'recognised', level: 'province', stars: 3 } }),
    );
    const history = await db.query<{ action: string }>(
      `SELECT c.action FROM evaluation.change_record c JOIN evaluation.scorecard s ON s.id::text = c.entity_id
        WHERE s.product_id = $1 AND s.member_id = $2 ORDER BY c.id`,
      [products['D'], memberIds['chair']],
    );
    expect(history.map((row) => row.action)).toEqual(['submitted', 'reopened', 'submitted']);
  });

  it('decides only with quorum, then issues certificates, forwards and gives feedback', async () => {
    const decision = {
      number: `101/QĐ-UBND-${year}`,
      decisionDate: addDays(today, 12),
      signerName: 'Lê Văn Chủ',
      signerTitle: 'CHỦ TỊCH',
      issuerName: 'Ủy ban nhân dân tỉnh Bắc Giang',
      minutesRef: `BB-HĐ-OCOP-${year}-01`,
    };
    // Every scorecard is in: the round's workflow ended scoring by itself (deliberation ranks the products).
    await eventually(async () => expect(await phaseOf(roundId)).toBe('deliberation'), { timeoutMs: 30_000 });
    await eventually(async () =>
      expect((await roundWorkflow(roundId).query(roundStatusQuery)).phase).toBe('deliberation'),
    );
    // The chair leaves the session: no quorum, nothing decided.
    await http()
      .put(`/api/v1/rounds/${roundId}/attendance`)
      .set(officer)
      .send({ presentMemberIds: ['vice', 'm1', 'm2', 'm3'].map((key) => memberIds[key]) })
      .expect(200);
    const noQuorum = await expectError(
      http().post(`/api/v1/rounds/${roundId}/decision`).set(officer).send(decision),
      409,
      'ROUND_QUORUM_NOT_MET',
    );
    expect(noQuorum['details']).toEqual(expect.objectContaining({ chairPresent: false, required: 5 }));
    expect(await count('decision')).toBe(0);
    expect(await count('certificate')).toBe(0);
    await http()
      .put(`/api/v1/rounds/${roundId}/attendance`)
      .set(officer)
      .send({ presentMemberIds: ['chair', 'vice', 'm1', 'm2', 'm3'].map((key) => memberIds[key]) })
      .expect(200);

    const decided = await http().post(`/api/v1/rounds/${roundId}/decision`).set(officer).send(decision).expect(201);
    expect(decided.body.certificates.map((c: { number: string; stars: number }) => [c.number, c.stars])).toEqual([
      [`OCOP-24-${decision.decisionDate.slice(0, 4)}-0001`, 4],
      [`OCOP-24-${decision.decisionDate.slice(0, 4)}-0002`, 3],
    ]);
    expect(decided.body.certificates[0]).toEqual(
      expect.objectContaining({
        productId: products['A'],
        validUntil: addMonths(decision.decisionDate, 36),
        status: 'valid',
        verifyUrl: `https://ocop.example.vn/api/v1/public/certificates/${decided.body.certificates[0].number}`,
      }),
    );
    expect(decided.body.forwarded).toEqual([products['B']]);
    expect(decided.body.notPassed.sort()).toEqual([products['C'], products['E']].sort());
    const forwarded = await outbox('ocop.evaluation.product.forwarded.v1');
    expect(forwarded[0]!.data).toEqual(
      expect.objectContaining({
        productId: products['B'],
        to: 'national',
        minutesRef: decision.minutesRef,
        dossierRef: `registration:dossier/${products['B']}`,
      }),
    );
    expect(forwarded[0]!.data['memberTotals']).toHaveLength(5);
    const notPassed = await outbox('ocop.evaluation.product.not-passed.v1');
    expect(notPassed.map((row) => row.data['reason']).sort()).toEqual([
      'below_certified_stars',
      'mandatory_criterion_missed',
    ]);
    expect((await outbox('ocop.evaluation.certificate.issued.v1')).length).toBe(2);
    expect((await outbox('ocop.evaluation.round.decided.v1'))[0]!.data).toEqual(
      expect.objectContaining({ recognised: 2, forwarded: 1, notPassed: 2 }),
    );
    await expectError(
      http().post(`/api/v1/rounds/${roundId}/decision`).set(officer).send(decision),
      409,
      'ROUND_PHASE_FORBIDS',
    );
    await eventually(async () => expect((await roundWorkflow(roundId).query(roundStatusQuery)).phase).toBe('decided'));
  });

  it('exports the scores and prints the certificate', async () => {
    const xlsx = await http()
      .get(`/api/v1/rounds/${roundId}/scores.xlsx`)
      .set(members['chair']!)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const text = workbook.worksheets
      .flatMap((sheet) => sheet.getSheetValues())
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .map((cell) => (typeof cell === 'string' || typeof cell === 'number' ? String(cell) : ''))
      .join('|');
    expect(text).toContain('Sản phẩm A');
    expect(text).toContain('Lê Văn Chủ');

    const [certificate] = (await http().get('/api/v1/certificates').set(officer).expect(200)).body.items;
    const pdf = await http()
      .get(`/api/v1/certificates/${certificate.id}/pdf`)
      .set(officer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets anyone verify a certificate, without personal data, rate-limited', async () => {
    const number = `OCOP-24-${addDays(today, 12).slice(0, 4)}-0001`;
    const verified = await request(evaluation.getHttpServer()).get(`/api/v1/public/certificates/${number}`).expect(200);
    // Security headers on the public route.
    expect(verified.headers['x-content-type-options']).toBe('nosniff');
    expect(verified.headers['content-security-policy']).toContain("default-src 'self'");
    expect(verified.headers['strict-transport-security']).toBeDefined();
    expect(verified.body).toEqual({
      number,
      productName: 'Sản phẩm A',
      producerName: 'HTX Sản phẩm A',
      stars: 4,
      issuerName: 'Ủy ban nhân dân tỉnh Bắc Giang',
      issuedOn: addDays(today, 12),
      validUntil: addMonths(addDays(today, 12), 36),
      status: 'valid',
      statusText: 'Còn hiệu lực',
    });
    await expectError(
      request(evaluation.getHttpServer()).get('/api/v1/public/certificates/OCOP-24-1999-0001'),
      404,
      'CERTIFICATE_NOT_FOUND',
    );
    let limited: request.Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const response = await request(evaluation.getHttpServer()).get(`/api/v1/public/certificates/${number}`);
      if (response.status === 429) limited = response;
    }
    expect(limited?.body.code).toBe('RATE_LIMITED');
  });

  it('lists certificates in the user’s own unit by default: a commune officer sees the commune’s', async () => {
    const commune = { authorization: `Bearer ${await testToken({ roles: ['commune_officer'], unitCode: '07432' })}` };
    const own = await http().get('/api/v1/certificates').set(commune).expect(200);
    expect(own.body.total).toBe(2);
    const other = { authorization: `Bearer ${await testToken({ roles: ['commune_officer'], unitCode: '07375' })}` };
    expect((await http().get('/api/v1/certificates').set(other).expect(200)).body.total).toBe(0);
    await expectError(
      http().get('/api/v1/certificates').query({ province: '24' }).set(commune),
      403,
      'OUT_OF_JURISDICTION',
    );
  });

  it('revokes by decision with a reason, once', async () => {
    const certificates = (await http().get('/api/v1/certificates').query({ productId: products['A'] }).set(officer))
      .body.items;
    const revocation = {
      number: `55/QĐ-UBND-${year}`,
      decisionDate: addDays(today, 40),
      signerName: 'Lê Văn Chủ',
      signerTitle: 'CHỦ TỊCH',
      issuerName: 'Ủy ban nhân dân tỉnh Bắc Giang',
      reason: 'food_safety_violation',
      note: 'Kết quả kiểm tra của Đoàn kiểm tra liên ngành',
    };
    await expectError(
      http()
        .post(`/api/v1/certificates/${certificates[0].id}/revocation`)
        .set(officer)
        .send({ ...revocation, reason: 'dislike' }),
      400,
      'VALIDATION_FAILED',
    );
    const revoked = await http()
      .post(`/api/v1/certificates/${certificates[0].id}/revocation`)
      .set(officer)
      .send(revocation)
      .expect(200);
    expect(revoked.body).toEqual(
      expect.objectContaining({ status: 'revoked', revocationReason: 'food_safety_violation' }),
    );
    await expectError(
      http()
        .post(`/api/v1/certificates/${certificates[0].id}/revocation`)
        .set(officer)
        .send({ ...revocation, number: 'X/2' }),
      409,
      'CERTIFICATE_NOT_VALID',
    );
    expect((await outbox('ocop.evaluation.certificate.revoked.v1')).length).toBe(1);
  });

  it('upgrades a certified product in a later round: the new certificate supersedes the old', async () => {
    await http().post(`/api/v1/rounds/${roundId}/phase`).set(officer).send({ to: 'closed' }).expect(200);
    await expect(roundWorkflow(roundId).result()).resolves.toBe('closed');
    const round = await http()
      .post('/api/v1/rounds')
      .set(officer)
      .send({
        name: `Đợt 2 năm ${year}`,
        councilId,
        dossierDeadline: addDays(today, 20),
        meetingDate: addDays(today, 25),
      })
      .expect(201);
    roundId = round.body.id;
    await http().post(`/api/v1/rounds/${roundId}/phase`).set(officer).send({ to: 'open' }).expect(200);
    await expectError(
      http()
        .post(`/api/v1/rounds/${roundId}/products`)
        .set(officer)
        .send({ productId: products['C'], kind: 'upgrade' }),
      409,
      'NO_CERTIFICATE_TO_RENEW',
    );
    // An upgrade needs its certificate still valid on the meeting day (here: ending the day before).
    const [held] = await db.query<{ id: string; valid_until: string }>(
      `SELECT id, valid_until::text FROM evaluation.certificate WHERE product_id = $1 AND status = 'valid'`,
      [products['D']],
    );
    await db.query('UPDATE evaluation.certificate SET valid_until = $2 WHERE id = $1', [held!.id, addDays(today, 24)]);
    await expectError(
      http()
        .post(`/api/v1/rounds/${roundId}/products`)
        .set(officer)
        .send({ productId: products['D'], kind: 'upgrade' }),
      409,
      'NO_CERTIFICATE_TO_RENEW',
    );
    await db.query('UPDATE evaluation.certificate SET valid_until = $2 WHERE id = $1', [held!.id, held!.valid_until]);
    const entry = await http()
      .post(`/api/v1/rounds/${roundId}/products`)
      .set(officer)
      .send({ productId: products['D'], kind: 'upgrade' })
      .expect(201);
    expect(entry.body.previousCertificateId).toEqual(expect.any(String));
    await http().post(`/api/v1/rounds/${roundId}/phase`).set(officer).send({ to: 'scoring' }).expect(200);
    await http()
      .put(`/api/v1/rounds/${roundId}/attendance`)
      .set(officer)
      .send({ presentMemberIds: ['chair', 'vice', 'm1', 'm2', 'm3', 'm4'].map((key) => memberIds[key]) })
      .expect(200);
    const decision = {
      number: `180/QĐ-UBND-${year}`,
      decisionDate: addDays(today, 26),
      signerName: 'Lê Văn Chủ',
      signerTitle: 'CHỦ TỊCH',
      issuerName: 'Ủy ban nhân dân tỉnh Bắc Giang',
      minutesRef: `BB-HĐ-OCOP-${year}-02`,
    };
    await expectError(
      http().post(`/api/v1/rounds/${roundId}/decision`).set(officer).send(decision),
      409,
      'ROUND_PHASE_FORBIDS',
    );
    for (const member of ['chair', 'vice', 'm1', 'm2', 'm3', 'm4'])
      await score(member, 'D', choicesForTarget(criteria, 81)).expect(201);
    await eventually(async () => expect(await phaseOf(roundId)).toBe('deliberation'), { timeoutMs: 30_000 });
    const decided = await http().post(`/api/v1/rounds/${roundId}/decision`).set(officer).send(decision).expect(201);
    const [upgraded] = decided.body.certificates;
    expect(upgraded).toEqual(
      expect.objectContaining({ stars: 4, kind: 'upgrade', supersedes: entry.body.previousCertificateId }),
    );
    const old = await http().get(`/api/v1/certificates/${entry.body.previousCertificateId}`).set(officer).expect(200);
    expect(old.body).toEqual(expect.objectContaining({ status: 'superseded', supersededBy: upgraded.id }));
    expect((await outbox('ocop.evaluation.certificate.superseded.v1')).length).toBe(1);
  });

  it('keeps replaced members for past rounds and refuses replacing them mid-session', async () => {
    const newcomers = [
      { fullName: 'Ngô Văn Mới', organisation: 'UBND tỉnh', role: 'chair', userId: 'user-new-chair' },
      { fullName: 'Lý Thị Mới', organisation: 'Sở Công Thương', role: 'member', userId: 'user-new-1' },
      { fullName: 'Tạ Văn Mới', organisation: 'Sở Y tế', role: 'member', userId: 'user-new-2' },
    ];
    const sitting = await http()
      .post('/api/v1/rounds')
      .set(officer)
      .send({
        name: `Đợt 3 năm ${year}`,
        councilId,
        dossierDeadline: addDays(today, 30),
        meetingDate: addDays(today, 35),
      })
      .expect(201);
    await http().post(`/api/v1/rounds/${sitting.body.id}/phase`).set(officer).send({ to: 'open' }).expect(200);
    await expectError(
      http().put(`/api/v1/councils/${councilId}/members`).set(officer).send({ members: newcomers }),
      409,
      'COUNCIL_IN_SESSION',
    );
    await db.query(`UPDATE evaluation.round SET phase = 'closed' WHERE id = $1`, [sitting.body.id]);
    const replaced = await http()
      .put(`/api/v1/councils/${councilId}/members`)
      .set(officer)
      .send({ members: newcomers });
    expect(replaced.status).toBe(200);
    expect(replaced.body.members.map((member: { fullName: string }) => member.fullName).sort()).toEqual(
      newcomers.map((member) => member.fullName).sort(),
    );
    // The decided round still knows who scored it.
    const xlsx = await http()
      .get(`/api/v1/rounds/${roundId}/scores.xlsx`)
      .set(officer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const names = JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues()));
    expect(names).toContain('Đỗ Thị Bốn');
    expect(names).not.toContain('Ngô Văn Mới');
  });

  it('keeps the change records append-only in the database', async () => {
    await expect(db.query(`UPDATE evaluation.change_record SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM evaluation.change_record`)).rejects.toThrow(/append-only/);
  });
});

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

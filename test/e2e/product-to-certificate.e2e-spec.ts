import { temporal as temporalProto } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import {
  addDays,
  dateInVietnam,
  productCertificateQuery,
  productStageQuery,
  roundStatusQuery,
  roundWorkflowId,
  SearchAttributes,
} from '@ocop/contracts';
import {
  createTestNamespace,
  eventually,
  freePort,
  ServiceProcess,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
  TEST_JWT_SECRET,
} from '@ocop/testing';
import type { CriteriaSetDocument } from '../../services/evaluation/src/criteria-set/criteria-set.rules';
import { choicesForTarget } from '../../services/evaluation/src/criteria-set/criteria-set.sampling';

jest.setTimeout(300_000);

const FOOD_DOCUMENTS = [
  'registration_form',
  'business_plan',
  'organisation_description',
  'business_registration',
  'quality_self_declaration',
  'food_safety_certificate',
  'test_results',
  'self_assessment_report',
];

/**
 * A product's whole way to its certificate, with the built services as processes: the commune's cycle in
 * registration, the round in evaluation (its workflow ends scoring by itself), the decision, the product
 * back in registration as certified, and its workflow holding the certificate's timers. Evaluation's
 * worker is killed (SIGKILL) in the middle of an activity (the round's closeScoring, held by two locks of the
 * test after it has ranked and moved the round, before it commits) and started again: the lost attempt
 * leaves nothing, Temporal retries the activity on the new worker, the step happens once, and the round and
 * the product still finish, with one certificate and one certificate event.
 */
describe('a product from idea to certificate (processes, worker killed mid-activity)', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let temporal: Awaited<ReturnType<typeof createTestNamespace>>;
  const processes: ServiceProcess[] = [];
  const ports = { registration: 0, evaluation: 0 };
  let env: (port: number) => Record<string, string>;

  beforeAll(async () => {
    [db, nats, temporal] = await Promise.all([
      TestDatabase.create('certificate'),
      TestNatsServer.start(),
      createTestNamespace('certificate'),
    ]);
    ports.registration = await freePort();
    ports.evaluation = await freePort();
    env = (port: number) => ({
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: temporal.namespace,
      JWT_SECRET: TEST_JWT_SECRET,
      HTTP_PORT: String(port),
      DOCUMENT_STORAGE_DIR: `${process.env['TMPDIR'] ?? '/tmp'}/ocop-e2e-documents-${port}`,
    });
    for (const service of ['registration', 'evaluation'] as const) {
      expect(await ServiceProcess.spawn(service, 'migrate', env(ports[service])).wait()).toBe(0);
    }
    for (const service of ['registration', 'evaluation'] as const) {
      processes.push(ServiceProcess.spawn(service, 'worker', env(ports[service])));
      processes.push(ServiceProcess.spawn(service, 'main', env(ports[service])));
    }
    await Promise.all(
      processes
        .filter((p) => p.name.endsWith('-main'))
        .map((p) => p.waitHealthy(p.name.startsWith('registration') ? ports.registration : ports.evaluation)),
    );
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await temporal?.close();
    await nats?.stop();
    await db?.drop();
  });

  type Reply = { status: number; body: Record<string, unknown> };
  const call = async (token: string, port: number, method: string, path: string, body?: unknown): Promise<Reply> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const reg = (token: string, method: string, path: string, body?: unknown) =>
    call(token, ports.registration, method, path, body);
  const ev = (token: string, method: string, path: string, body?: unknown) =>
    call(token, ports.evaluation, method, path, body);
  /** The province's OCOP office and the commune of the products (Xã Tân Thịnh, 07375). */
  const staff = async () => ({
    officer: await testToken({ roles: ['province_officer'], unitCode: '24', subject: 'so-nn-bac-giang' }),
    commune: await testToken({ roles: ['commune_officer'], unitCode: '07375', subject: 'xa-tan-thinh' }),
  });
  const expectStatus = (reply: Reply, status: number) => {
    expect({ status: reply.status, body: reply.body }).toEqual({ status, body: expect.anything() as unknown });
    return reply.body;
  };

  it('certifies a product through both services and survives a worker crash', async () => {
    const today = dateInVietnam(new Date());
    const { officer, commune } = await staff();

    // Registration: the commune's cycle up to the pre-assessment.
    const producer = expectStatus(
      await reg(officer, 'POST', '/producers', {
        taxCode: '2400555002',
        name: 'Hợp tác xã Mật ong Tân Thịnh',
        legalForm: 'cooperative',
        communeCode: '07375',
      }),
      201,
    );
    const product = expectStatus(
      await reg(officer, 'POST', '/products', { producerId: producer['id'], name: 'Mật ong Tân Thịnh', group: 'food' }),
      201,
    );
    const productId = String(product['id']);
    const producerToken = await testToken({
      roles: ['producer'],
      unitCode: '07375',
      producerId: String(producer['id']),
    });
    expectStatus(await reg(commune, 'POST', `/products/${productId}/selection`, { decision: 'accepted' }), 200);
    expectStatus(
      await reg(producerToken, 'POST', `/products/${productId}/business-plan`, {
        summary: 'Nâng đàn ong lên 300 đàn, chiết chai 500 ml, bán qua sàn thương mại điện tử',
        investmentVnd: '380000000',
      }),
      200,
    );
    expectStatus(await reg(producerToken, 'POST', `/products/${productId}/dossier`), 200);
    for (const item of FOOD_DOCUMENTS) {
      const form = new FormData();
      form.set('item', item);
      form.set('file', new Blob([`%PDF-1.4\n% ${item}\n%%EOF\n`], { type: 'application/pdf' }), `${item}.pdf`);
      const response = await fetch(
        `http://127.0.0.1:${ports.registration}/api/v1/products/${productId}/dossier/documents`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${producerToken}` },
          body: form,
        },
      );
      expect(response.status).toBe(201);
    }
    expectStatus(await reg(commune, 'POST', `/products/${productId}/dossier/samples-received`), 200);
    const met = (findings: string) => ({ met: true, findings });
    expectStatus(
      await reg(commune, 'POST', `/products/${productId}/pre-assessment`, {
        criteria: {
          localOrigin: met('Mật ong từ các đàn ong nuôi trong xã'),
          localLabour: met('18 lao động là người địa phương'),
          ideaOrigin: met('Ý tưởng của hợp tác xã'),
          localIdentity: met('Gắn với vùng vải thiều Lạng Giang'),
        },
        officerName: 'Nguyễn Thị Bình',
        assessedOn: today,
      }),
      201,
    );

    // Evaluation: a council, a round in 1489/2025 (province level), the product in it.
    const council = expectStatus(
      await ev(officer, 'POST', '/councils', {
        name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Bắc Giang',
        level: 'province',
        unitCode: '24',
        provinceCode: '24',
        termStart: today,
        members: [
          { fullName: 'Lê Văn Chủ', organisation: 'UBND tỉnh', role: 'chair', userId: 'e2e-chair' },
          {
            fullName: 'Trần Thị Phó',
            organisation: 'Sở Nông nghiệp và Môi trường',
            role: 'vice_chair',
            userId: 'e2e-vice',
          },
          { fullName: 'Nguyễn Văn Một', organisation: 'Sở Công Thương', role: 'member', userId: 'e2e-m1' },
          {
            fullName: 'Vũ Văn Thư',
            organisation: 'Văn phòng Điều phối NTM',
            role: 'secretary',
            userId: 'e2e-secretary',
          },
        ],
      }),
      201,
    );
    const members = council['members'] as { id: string; userId: string }[];
    const round = expectStatus(
      await ev(officer, 'POST', '/rounds', {
        name: 'Đợt 1: đánh giá sản phẩm OCOP tỉnh Bắc Giang',
        councilId: council['id'],
        dossierDeadline: addDays(today, 3),
        meetingDate: addDays(today, 6),
      }),
      201,
    );
    const roundId = String(round['id']);
    expectStatus(await ev(officer, 'POST', `/rounds/${roundId}/phase`, { to: 'open' }), 200);
    // Entering waits for evaluation to learn of the pre-assessment (registration's event).
    const entry = await eventually(
      async () => expectStatus(await ev(officer, 'POST', `/rounds/${roundId}/products`, { productId }), 201),
      { timeoutMs: 60_000, description: 'the product entered the round' },
    );
    await eventually(
      async () => expect((await reg(officer, 'GET', `/products/${productId}`)).body['status']).toBe('in_evaluation'),
      {
        timeoutMs: 30_000,
      },
    );
    const roundHandle = temporal.client.workflow.getHandle(roundWorkflowId(roundId));
    await eventually(async () => expect((await roundHandle.query(roundStatusQuery)).phase).toBe('open'), {
      timeoutMs: 60_000,
    });
    expectStatus(await ev(officer, 'POST', `/rounds/${roundId}/phase`, { to: 'scoring' }), 200);
    expectStatus(
      await ev(officer, 'PUT', `/rounds/${roundId}/attendance`, {
        presentMemberIds: members.map((member) => member.id),
      }),
      200,
    );
    const exported = await fetch(
      `http://127.0.0.1:${ports.evaluation}/api/v1/criteria-sets/${String(entry['criteriaSetId'])}/export`,
      { headers: { authorization: `Bearer ${officer}` } },
    );
    const criteria = (await exported.json()) as CriteriaSetDocument;

    // The worker dies in the middle of an activity: closeScoring, which the round's workflow runs once the last
    // scorecard is in (lock the round, rank, move it to deliberation, audit record, event; one transaction).
    // Two locks of the test hold it at a known point: a share lock on the round row (scorecards take the
    // same, the activity's FOR UPDATE waits), then, once it waits there, an exclusive lock on the audit table,
    // so it gets past the round lock, ranks and moves the round, and waits again at its audit record: the
    // worker is killed there, its writes made and not committed.
    const worker = processes.find((p) => p.name === 'evaluation-worker')!;
    const roundLock = new PgClient({ connectionString: db.url });
    const auditLock = new PgClient({ connectionString: db.url });
    await Promise.all([roundLock.connect(), auditLock.connect()]);
    const pendingActivities = async () => (await roundHandle.describe()).raw.pendingActivities ?? [];
    /** Which statements of evaluation's worker wait for a lock, and whose. */
    const workerWaits = async (): Promise<{ query: string; blockedBy: number[] }[]> =>
      db.query<{ query: string; blockedBy: number[] }>(
        `SELECT left(query, 60) AS query, pg_blocking_pids(pid) AS "blockedBy" FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'evaluation-worker' AND wait_event_type = 'Lock'`,
      );
    const pidOf = async (client: PgClient) =>
      (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const [roundLockPid, auditLockPid] = [await pidOf(roundLock), await pidOf(auditLock)];
    let killedAt = 0;
    try {
      await roundLock.query('BEGIN');
      await roundLock.query('SELECT id FROM evaluation.round WHERE id = $1 FOR SHARE', [roundId]);
      for (const [userId, target] of [
        ['e2e-chair', 78],
        ['e2e-vice', 80],
        ['e2e-m1', 76],
      ] as const) {
        const token = await testToken({ roles: ['council_member'], unitCode: '24', subject: userId });
        expectStatus(
          await ev(token, 'POST', `/rounds/${roundId}/products/${productId}/scorecard/submit`, {
            choices: choicesForTarget(criteria, target),
          }),
          201,
        );
      }
      // closeScoring has started (Temporal: attempt 1, started) and waits for the round's row.
      await eventually(
        async () => {
          expect(await workerWaits()).toEqual([
            { query: expect.stringMatching(/^SELECT "RoundEntity"/) as unknown, blockedBy: [roundLockPid] },
          ]);
          const [activity] = await pendingActivities();
          expect({ type: activity?.activityType?.name, attempt: activity?.attempt, state: activity?.state }).toEqual({
            type: 'closeScoring',
            attempt: 1,
            state: temporalProto.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
          });
        },
        { timeoutMs: 60_000, description: 'closeScoring started and waiting for the round row' },
      );
      await auditLock.query('BEGIN');
      await auditLock.query('LOCK TABLE evaluation.change_record IN EXCLUSIVE MODE');
      await roundLock.query('COMMIT');
      await eventually(
        async () =>
          expect(await workerWaits()).toEqual([
            {
              query: expect.stringMatching(/^\s*INSERT INTO "?evaluation"?\."?change_record/) as unknown,
              blockedBy: [auditLockPid],
            },
          ]),
        { timeoutMs: 30_000, description: 'closeScoring ranked the round and waits at its audit record' },
      );
      await worker.kill();
      killedAt = Date.now();
      await auditLock.query('ROLLBACK');
    } finally {
      await Promise.all([roundLock.end(), auditLock.end()]);
    }
    // The killed attempt's transaction is gone and took its writes with it.
    await eventually(
      async () =>
        expect(await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'evaluation-worker'`)).toEqual(
          [],
        ),
      {
        timeoutMs: 30_000,
        description: "the killed worker's connections closed",
      },
    );
    const deliberationMoves = () =>
      db.query(
        `SELECT id FROM evaluation.change_record
          WHERE entity_type = 'round' AND entity_id = $1 AND action = 'phase_changed' AND changes->'phase'->>1 = 'deliberation'`,
        [roundId],
      );
    expect((await ev(officer, 'GET', `/rounds/${roundId}`)).body['phase']).toBe('scoring');
    expect(await deliberationMoves()).toEqual([]);
    // A new worker; Temporal gives the activity to it once the lost attempt's start-to-close timeout (1 minute)
    // has passed, and the round moves on.
    const restarted = ServiceProcess.spawn('evaluation', 'worker', env(ports.evaluation));
    processes.splice(processes.indexOf(worker), 1, restarted);
    await eventually(
      async () => expect((await ev(officer, 'GET', `/rounds/${roundId}`)).body['phase']).toBe('deliberation'),
      {
        timeoutMs: 150_000,
        intervalMs: 500,
        description: 'the round workflow ended scoring once every scorecard was in',
      },
    );
    const movedAt = Date.now();
    // The step completed once: one move to deliberation, one event of it, one closeScoring in the workflow's
    // history, which the second attempt completed.
    expect(await deliberationMoves()).toHaveLength(1);
    expect(
      await db.query(
        `SELECT id FROM evaluation.outbox_event
          WHERE subject = 'ocop.evaluation.round.phase-changed.v1' AND envelope->'data'->>'to' = 'deliberation'`,
      ),
    ).toHaveLength(1);
    const roundEvents = (await roundHandle.fetchHistory()).events ?? [];
    const closeScoring = roundEvents.filter(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'closeScoring',
    );
    expect(closeScoring).toHaveLength(1);
    const scheduledId = closeScoring[0]!.eventId;
    const started = roundEvents.filter(
      (event) => String(event.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduledId),
    );
    expect(started.map((event) => event.activityTaskStartedEventAttributes?.attempt)).toEqual([2]);
    expect(
      roundEvents.filter(
        (event) => String(event.activityTaskCompletedEventAttributes?.scheduledEventId) === String(scheduledId),
      ),
    ).toHaveLength(1);
    console.info(
      `evaluation's worker killed inside closeScoring (attempt 1: round locked, ranked and moved, not committed); ` +
        `nothing of it stayed; attempt 2 on the new worker moved the round ${movedAt - killedAt} ms after the kill ` +
        `(the lost attempt's 1-minute start-to-close timeout, then the retry); one move, one event, one activity`,
    );

    const decided = expectStatus(
      await ev(officer, 'POST', `/rounds/${roundId}/decision`, {
        number: '1234/QĐ-UBND',
        decisionDate: addDays(today, 7),
        signerName: 'Lê Văn Chủ',
        signerTitle: 'PHÓ CHỦ TỊCH',
        issuerName: 'Ủy ban nhân dân tỉnh Bắc Giang',
        minutesRef: 'BB-HĐ-OCOP-E2E-01',
      }),
      201,
    );
    const [certificate] = decided['certificates'] as {
      id: string;
      number: string;
      stars: number;
      validUntil: string;
    }[];
    expect(certificate).toEqual(expect.objectContaining({ stars: 4 }));

    // Registration learns the outcome; the product's workflow takes over the certificate's timers.
    await eventually(
      async () => expect((await reg(officer, 'GET', `/products/${productId}`)).body['status']).toBe('certified'),
      {
        timeoutMs: 60_000,
        description: 'registration shows the product certified',
      },
    );
    const productHandle = temporal.client.workflow.getHandle(`product-${productId}`);
    await eventually(
      async () => {
        expect(await productHandle.query(productStageQuery)).toBe('certified');
        expect(await productHandle.query(productCertificateQuery)).toEqual(
          expect.objectContaining({
            certificateId: certificate!.id,
            validUntil: certificate!.validUntil,
            noticeDays: 30,
          }),
        );
      },
      { timeoutMs: 60_000, description: 'the product workflow holds the certificate' },
    );
    const attributes = (await productHandle.describe()).typedSearchAttributes;
    expect(attributes.get(SearchAttributes.stars)).toBe(4);
    // Expiry: the start (00:00 in Vietnam) of the day after the last valid day.
    expect(attributes.get(SearchAttributes.certificateExpiry)?.toISOString()).toBe(
      `${certificate!.validUntil}T17:00:00.000Z`,
    );
    const expiring = await temporal.client.workflow.count(
      `OcopProvince = '24' AND OcopCertificateExpiry < '${addDays(certificate!.validUntil, 2)}T00:00:00Z' AND ExecutionStatus = 'Running'`,
    );
    expect(expiring.count).toBe(1);
    await eventually(async () => expect((await roundHandle.query(roundStatusQuery)).phase).toBe('decided'));

    // Exactly one certificate and one issued event, whatever was retried while the worker was down.
    expect(await db.query('SELECT id FROM evaluation.certificate WHERE product_id = $1', [productId])).toHaveLength(1);
    const issued = await db.query(
      `SELECT id FROM evaluation.outbox_event WHERE subject = 'ocop.evaluation.certificate.issued.v1'`,
    );
    expect(issued).toHaveLength(1);
    const stages = await db.query<{ to: string }>(
      `SELECT envelope->'data'->>'to' AS "to" FROM registration.outbox_event
        WHERE subject = 'ocop.registration.product.stage-changed.v1' ORDER BY sequence`,
    );
    expect(stages.map((row) => row.to)).toEqual([
      'selected',
      'business_plan',
      'dossier',
      'pre_assessed',
      'in_evaluation',
      'certified',
    ]);
  });

  it("records certificates issued before the platform from the province's register", async () => {
    const today = dateInVietnam(new Date());
    const { officer, commune } = await staff();
    const count = async (table: string) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM evaluation.${table}`))[0]!.n);
    const expectError = (reply: Reply, status: number, code: string) =>
      expect({ status: reply.status, code: reply.body['code'] }).toEqual({ status, code });

    // A producer whose two products the district certified before the platform existed.
    const producer = expectStatus(
      await reg(officer, 'POST', '/producers', {
        taxCode: '2400555003',
        name: 'Hợp tác xã Nông nghiệp Tân Thịnh',
        legalForm: 'cooperative',
        communeCode: '07375',
      }),
      201,
    );
    const register = async (name: string) => {
      const product = expectStatus(
        await reg(officer, 'POST', '/products', { producerId: producer['id'], name, group: 'food' }),
        201,
      );
      const productId = String(product['id']);
      await eventually(
        async () =>
          expect(
            await db.query('SELECT stage FROM evaluation.product_intake WHERE product_id = $1', [productId]),
          ).toEqual([{ stage: 'idea' }]),
        { timeoutMs: 30_000, description: `evaluation knows ${name}` },
      );
      return productId;
    };
    const lapsed = await register('Gạo nếp cái hoa vàng Tân Thịnh');
    const current = await register('Trứng gà đồi Tân Thịnh');
    const decision = (number: string, decisionDate: string) => ({
      number,
      decisionDate,
      signerName: 'Trần Văn Hùng',
      signerTitle: 'CHỦ TỊCH',
      issuerName: 'Ủy ban nhân dân huyện Lạng Giang',
      level: 'district',
      issuingUnitCode: '217',
    });

    // Bad input: nothing is written.
    const before = { certificates: await count('certificate'), decisions: await count('decision') };
    const refused: [string, Record<string, unknown>, number, string][] = [
      [
        officer,
        {
          decision: decision('1/QĐ-UBND', addDays(today, 1)),
          certificates: [{ productId: lapsed, number: 'A-1', stars: 3 }],
        },
        400,
        'DECISION_DATE_IN_FUTURE',
      ],
      [
        officer,
        {
          decision: decision('1/QĐ-UBND', '2021-09-28'),
          certificates: [{ productId: lapsed, number: 'A-1', stars: 3, validUntil: '2021-01-01' }],
        },
        400,
        'VALID_UNTIL_BEFORE_DECISION',
      ],
      [
        officer,
        {
          decision: decision('1/QĐ-UBND', '2021-09-28'),
          certificates: [
            { productId: lapsed, number: 'A-1', stars: 3 },
            { productId: lapsed, number: 'A-2', stars: 3 },
          ],
        },
        400,
        'REGISTER_PRODUCT_REPEATED',
      ],
      [
        officer,
        {
          decision: decision('1/QĐ-UBND', '2021-09-28'),
          certificates: [{ productId: '00000000-0000-4000-8000-000000000001', number: 'A-1', stars: 3 }],
        },
        404,
        'REGISTER_PRODUCT_UNKNOWN',
      ],
      [
        officer,
        {
          decision: decision('1/QĐ-UBND', '2021-09-28'),
          certificates: [{ productId: lapsed, number: 'A-1', stars: 2 }],
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        commune,
        {
          decision: decision('1/QĐ-UBND', '2021-09-28'),
          certificates: [{ productId: lapsed, number: 'A-1', stars: 3 }],
        },
        403,
        'FORBIDDEN_ROLE',
      ],
    ];
    for (const [token, body, status, code] of refused)
      expectError(await ev(token, 'POST', '/certificates/register', body), status, code);
    expect({ certificates: await count('certificate'), decisions: await count('decision') }).toEqual(before);

    // 2021: three stars, valid 36 months, so expired since September 2024.
    const recorded = expectStatus(
      await ev(officer, 'POST', '/certificates/register', {
        decision: decision('1520/QĐ-UBND', '2021-09-28'),
        certificates: [{ productId: lapsed, number: '15/GCN-UBND', stars: 3, kind: 'new' }],
      }),
      201,
    );
    const [old] = recorded['certificates'] as Record<string, unknown>[];
    expect(old).toEqual(
      expect.objectContaining({
        number: '15/GCN-UBND',
        source: 'register',
        stars: 3,
        issuedOn: '2021-09-28',
        validUntil: '2024-09-28',
        status: 'expired',
      }),
    );
    expect(recorded['decision']).toEqual(expect.objectContaining({ number: '1520/QĐ-UBND', roundId: null }));
    // Registration shows it certified, then its workflow's timer expires it at once: the ordinary expiry path.
    await eventually(
      async () => expect((await reg(officer, 'GET', `/products/${lapsed}`)).body['status']).toBe('expired'),
      { timeoutMs: 60_000, description: 'the product from the register expires' },
    );
    const stages = await db.query<{ to: string }>(
      `SELECT envelope->'data'->>'to' AS "to" FROM registration.outbox_event
        WHERE subject = 'ocop.registration.product.stage-changed.v1' AND envelope->'data'->>'productId' = $1
        ORDER BY sequence`,
      [lapsed],
    );
    expect(stages.map((row) => row.to)).toEqual(['certified', 'expired']);
    expect(
      await db.query('SELECT status, ended_on::text FROM evaluation.certificate WHERE product_id = $1', [lapsed]),
    ).toEqual([{ status: 'expired', ended_on: '2024-09-29' }]);
    const lapsedHandle = temporal.client.workflow.getHandle(`product-${lapsed}`);
    await eventually(async () => expect(await lapsedHandle.query(productStageQuery)).toBe('expired'));
    expect((await lapsedHandle.describe()).status.name).toBe('RUNNING');
    // It may be re-evaluated, not upgraded.
    expectStatus(await reg(officer, 'POST', `/products/${lapsed}/applications`, { kind: 're_evaluation' }), 201);

    // A recent one: certified, its workflow holds the certificate's timers, and it may be upgraded.
    const decidedOn = addDays(today, -200);
    const recent = expectStatus(
      await ev(officer, 'POST', '/certificates/register', {
        decision: decision('2210/QĐ-UBND', decidedOn),
        certificates: [{ productId: current, number: '22/GCN-UBND', stars: 3 }],
      }),
      201,
    );
    const [held] = recent['certificates'] as { id: string; validUntil: string; status: string }[];
    expect(held!.status).toBe('valid');
    await eventually(
      async () => expect((await reg(officer, 'GET', `/products/${current}`)).body['status']).toBe('certified'),
      { timeoutMs: 60_000, description: 'the product from the register is certified' },
    );
    await eventually(async () =>
      expect(await temporal.client.workflow.getHandle(`product-${current}`).query(productCertificateQuery)).toEqual(
        expect.objectContaining({ certificateId: held!.id, validUntil: held!.validUntil }),
      ),
    );
    expectStatus(
      await reg(officer, 'POST', `/products/${current}/applications`, { kind: 'upgrade', targetStars: 4 }),
      201,
    );
    // A product already in the cycle (here: expired) gets no certificate from the register.
    expectError(
      await ev(officer, 'POST', '/certificates/register', {
        decision: decision('3/QĐ-UBND', decidedOn),
        certificates: [{ productId: lapsed, number: '22/GCN-UBND', stars: 3 }],
      }),
      409,
      'REGISTER_PRODUCT_IN_CYCLE',
    );
    const public_ = await fetch(
      `http://127.0.0.1:${ports.evaluation}/api/v1/public/certificates/${encodeURIComponent('15/GCN-UBND')}`,
    );
    expect(await public_.json()).toEqual(expect.objectContaining({ number: '15/GCN-UBND', status: 'expired' }));
  });
});

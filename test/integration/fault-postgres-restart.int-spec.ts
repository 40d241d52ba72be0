import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import {
  eventually,
  migrateDatabase,
  startHttpApp,
  TEMPORAL_ADDRESS,
  TestNatsServer,
  TestPostgresServer,
  testToken,
  type PostgresStopMode,
} from '@ocop/testing';
import { registrationDataSource } from '../../services/registration/src/database/data-source';

jest.setTimeout(240_000);

/** Requests in flight at once during each fault. */
const CONCURRENCY = 4;
/** Registrations answered before the fault is injected, and after it has taken effect. */
const BEFORE_FAULT = 30;
const AFTER_FAULT = 40;
/** A request still unanswered after this long counts as hung (status 0): the API must fail fast instead. */
const HANG_MS = 20_000;

interface Answer {
  phase: string;
  name: string;
  status: number;
  body: Record<string, unknown>;
  retryAfter: string | null;
  sentAt: number;
  ms: number;
}

/**
 * PostgreSQL stopped and crashed under load (a private cluster: `pg_ctl stop -m fast`, then `-m immediate`
 * in the middle of transactions), with registration's API in this process sending product registrations
 * over HTTP: every request is answered at once with either 201 or 503 DEPENDENCY_UNAVAILABLE in the one
 * error shape (never a 500, never a hang), health reports the database down, requests succeed again
 * after the restart, and the database holds exactly what was acknowledged: a product and its outbox event
 * for every 201, nothing for any refused one. A request whose COMMIT was cut off is answered
 * COMMIT_OUTCOME_UNKNOWN (PostgreSQL may have made it durable just before it died): stored whole or not at all.
 */
describe('fault: PostgreSQL stopped and crashed under load', () => {
  let pg: TestPostgresServer | undefined;
  let nats: TestNatsServer | undefined;
  let app: INestApplication | undefined;
  let base = '';
  let databaseUrl = '';
  let token = '';
  let producerId = '';
  const storageDir = mkdtempSync(join(tmpdir(), 'ocop-fault-pg-'));
  const answers: Answer[] = [];

  beforeAll(async () => {
    pg = await TestPostgresServer.start();
    databaseUrl = await pg.createDatabase('ocop');
    await migrateDatabase(registrationDataSource, 'registration', databaseUrl);
    nats = await TestNatsServer.start();
    ({ app, url: base } = await startHttpApp(
      async () => (await import('../../services/registration/src/app.module')).RegistrationApiModule,
      {
        DATABASE_URL: databaseUrl,
        NATS_URL: nats.url,
        TEMPORAL_ADDRESS,
        DOCUMENT_STORAGE_DIR: storageDir,
        // Every 503 would be logged as an error; the answers are checked instead.
        LOG_LEVEL: process.env['FAULT_LOG_LEVEL'] ?? 'fatal',
      },
    ));
    token = await testToken({ roles: ['commune_officer'], unitCode: '07432' });
  });

  afterAll(async () => {
    // Each step runs whatever failed before it, so no server outlives the suite.
    await app?.close().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
    await pg?.destroy();
    rmSync(storageDir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, body?: unknown): Promise<Omit<Answer, 'phase' | 'name'>> {
    const sentAt = Date.now();
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(HANG_MS),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
        retryAfter: response.headers.get('retry-after'),
        sentAt,
        ms: Date.now() - sentAt,
      };
    } catch (error) {
      return { status: 0, body: { error: String(error) }, retryAfter: null, sentAt, ms: Date.now() - sentAt };
    }
  }

  let sequence = 0;
  async function register(phase: string): Promise<Answer> {
    const name = `Sản phẩm ${phase} ${String((sequence += 1)).padStart(4, '0')}`;
    const answer = { phase, name, ...(await call('POST', '/api/v1/products', { producerId, name, group: 'food' })) };
    answers.push(answer);
    return answer;
  }

  const health = async () => {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(HANG_MS) });
    const body = (await response.json()) as { dependencies: Record<string, { status: string }> };
    return { status: response.status, database: body.dependencies['database']?.status };
  };

  const waitFor = (condition: () => boolean) =>
    eventually(() => expect(condition()).toBe(true), { timeoutMs: 60_000, intervalMs: 10 });

  /**
   * Registrations from CONCURRENCY clients without pause; after BEFORE_FAULT answers PostgreSQL is stopped
   * with `mode` (while requests are in flight), and the load goes on for AFTER_FAULT more answers.
   */
  async function underLoad(
    phase: string,
    mode: PostgresStopMode,
  ): Promise<{ answers: Answer[]; stopAt: number; downAt: number }> {
    const mine: Answer[] = [];
    let running = true;
    const clients = Array.from({ length: CONCURRENCY }, async () => {
      while (running) mine.push(await register(phase));
    });
    try {
      await waitFor(() => mine.length >= BEFORE_FAULT);
      const stopAt = Date.now();
      await pg!.halt(mode);
      const downAt = Date.now();
      const mark = mine.length;
      await waitFor(() => mine.length >= mark + AFTER_FAULT);
      return { answers: mine, stopAt, downAt };
    } finally {
      running = false;
      await Promise.all(clients);
    }
  }

  function expectFailFast(phase: string, result: { answers: Answer[]; stopAt: number; downAt: number }): void {
    const byStatus: Record<number, number> = {};
    for (const answer of result.answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    const refused = result.answers.filter((answer) => answer.status === 503);
    const unknown = refused.filter((answer) => answer.body['code'] === 'COMMIT_OUTCOME_UNKNOWN');
    const afterDown = result.answers.filter((answer) => answer.sentAt > result.downAt);
    const inFlight = result.answers.filter(
      (answer) => answer.sentAt <= result.stopAt && answer.sentAt + answer.ms > result.stopAt,
    );
    const slowest = Math.max(...refused.map((answer) => answer.ms));
    console.info(
      `${phase}: ${result.answers.length} registrations, ${JSON.stringify(byStatus)}; ` +
        `${inFlight.length} in flight when the stop began (${inFlight.filter((a) => a.status === 503).length} of them 503, ` +
        `${unknown.length} lost while committing), ` +
        `${afterDown.length} sent once it was down; every 503 answered within ${slowest} ms`,
    );
    // Only 201 or 503: no hang (status 0), no 500.
    expect(Object.keys(byStatus).sort()).toEqual(['201', '503']);
    // Everything sent once the server was down was refused.
    expect(afterDown.length).toBeGreaterThanOrEqual(AFTER_FAULT - CONCURRENCY);
    expect(afterDown.filter((answer) => answer.status !== 503)).toEqual([]);
    for (const answer of refused) {
      if (answer.body['code'] === 'COMMIT_OUTCOME_UNKNOWN') {
        // Only a request already committing when the server went away can have an unknown outcome.
        expect(answer.sentAt).toBeLessThanOrEqual(result.downAt);
        expect(answer.body['message']).toEqual(expect.any(String));
      } else {
        expect(answer.body).toEqual({
          code: 'DEPENDENCY_UNAVAILABLE',
          message: expect.stringContaining('database') as unknown,
        });
      }
      expect(answer.retryAfter).toBe('5');
    }
  }

  async function restart(phase: string): Promise<void> {
    const started = Date.now();
    await pg!.resume();
    await eventually(async () => expect((await health()).database).toBe('up'), { timeoutMs: 60_000 });
    // Requests succeed again, at once and every one.
    const after: Answer[] = [];
    for (let i = 0; i < 10; i += 1) after.push(await register(`${phase}-after`));
    expect(after.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    console.info(
      `${phase}: the database answered again ${Date.now() - started} ms after pg_ctl start; 10/10 registrations 201`,
    );
  }

  it('answers 503 at once while PostgreSQL stops (fast), reports it in health, and recovers', async () => {
    const producer = await call('POST', '/api/v1/producers', {
      taxCode: '2400888001',
      name: 'HTX Nông nghiệp Tân Dĩnh',
      legalForm: 'cooperative',
      communeCode: '07432',
    });
    expect(producer.status).toBe(201);
    producerId = String(producer.body['id']);
    expect(await health()).toEqual(expect.objectContaining({ database: 'up' }));

    const result = await underLoad('fast', 'fast');
    expectFailFast('pg_ctl stop -m fast', result);
    // Health says which dependency is down.
    expect(await health()).toEqual({ status: 503, database: 'down' });
    await restart('fast');
  });

  it('crashes PostgreSQL (immediate) in the middle of transactions: nothing acknowledged is lost, nothing refused is written', async () => {
    const result = await underLoad('immediate', 'immediate');
    expectFailFast('pg_ctl stop -m immediate', result);
    expect(await health()).toEqual({ status: 503, database: 'down' });
    await restart('immediate');

    // What the database holds after crash recovery, against every answer of both tests.
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const products = (
        await client.query<{ id: string; name: string }>(
          'SELECT id, name FROM registration.product WHERE producer_id = $1',
          [producerId],
        )
      ).rows;
      const events = (
        await client.query<{ product_id: string; subject: string }>(
          `SELECT envelope->'data'->>'productId' AS product_id, subject FROM registration.outbox_event
            WHERE subject = 'ocop.registration.product.registered.v1'`,
        )
      ).rows;
      const created = answers.filter((answer) => answer.status === 201);
      // The connection lost during COMMIT: PostgreSQL may have made it durable first, and the client was told so.
      const unknown = answers.filter((answer) => answer.body['code'] === 'COMMIT_OUTCOME_UNKNOWN');
      const refused = answers.filter((answer) => answer.status !== 201 && !unknown.includes(answer));
      const stored = new Map(products.map((row) => [row.name, row.id]));
      const unknownStored = unknown.filter((answer) => stored.has(answer.name));
      // Every 201 is a committed product with the id the client was given …
      for (const answer of created)
        expect({ name: answer.name, id: stored.get(answer.name) }).toEqual({
          name: answer.name,
          id: answer.body['id'],
        });
      // … every refused registration wrote nothing …
      expect(refused.filter((answer) => stored.has(answer.name)).map((answer) => answer.name)).toEqual([]);
      expect(products).toHaveLength(created.length + unknownStored.length);
      // … and no partial write: each product has exactly one registered event, and no event lacks its product.
      expect(events.map((row) => row.product_id).sort()).toEqual(products.map((row) => row.id).sort());
      console.info(
        `after both faults: ${answers.length} registrations sent, ${created.length} answered 201, ` +
          `${unknown.length} COMMIT_OUTCOME_UNKNOWN (${unknownStored.length} of them committed); ` +
          `${products.length} products = ${events.length} outbox events; ${refused.length} refused, 0 of them written`,
      );
    } finally {
      await client.end();
    }
  });
});

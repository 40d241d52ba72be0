import { randomUUID } from 'node:crypto';
import type { INestApplication, Type } from '@nestjs/common';
import { connect, JSONCodec, type JetStreamClient, type NatsConnection, type PubAck } from 'nats';
import request from 'supertest';
import { addDays, type CertificateIssuedV1, type EventContract, type EventEnvelope } from '@ocop/contracts';
import { ensureServiceStream } from '@ocop/messaging';
import {
  eventually,
  migrateDatabase,
  startHttpApp,
  TestDatabase,
  TestNatsServer,
  testToken,
  TEMPORAL_ADDRESS,
} from '@ocop/testing';
import type { DataSource } from 'typeorm';
import { promotionDataSource } from '../../src/database/data-source';

export type Token = { authorization: string };

/** Registration's API, which answers the unit hierarchy (a spec outside the service passes it in). */
export interface RegistrationForTests {
  dataSource: (url?: string) => DataSource;
  loadModule: () => Promise<Type<unknown>>;
}

const codec = JSONCodec<EventEnvelope>();

/**
 * Promotion's API in this process with its consumer, beside registration (jurisdiction asks it for the unit
 * hierarchy over NATS), on a database and a NATS server of their own; evaluation's events are published
 * to the OCOP_EVALUATION stream as evaluation's outbox relay would (Nats-Msg-Id = envelope id).
 */
export class PromotionTestKit {
  private constructor(
    readonly db: TestDatabase,
    readonly nats: TestNatsServer,
    readonly registration: INestApplication,
    readonly promotion: INestApplication,
    /** The promotion API's base URL (…/api/v1). */
    readonly promotionUrl: string,
    private readonly client: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  static async start(label: string, registrationService: RegistrationForTests): Promise<PromotionTestKit> {
    const db = await TestDatabase.create(label);
    await migrateDatabase(registrationService.dataSource, 'registration', db.url);
    await migrateDatabase(promotionDataSource, 'promotion', db.url);
    const nats = await TestNatsServer.start();
    const env = { DATABASE_URL: db.url, NATS_URL: nats.url, TEMPORAL_ADDRESS };
    const { app: registration } = await startHttpApp(registrationService.loadModule, env);
    const { app: promotion, url } = await startHttpApp(
      async () => (await import('../../src/app.module')).PromotionApiModule,
      env,
    );
    const client = await connect({ servers: nats.url });
    await ensureServiceStream(await client.jetstreamManager(), 'evaluation');
    return new PromotionTestKit(db, nats, registration, promotion, `${url}/api/v1`, client, client.jetstream());
  }

  async close(): Promise<void> {
    await this.client?.drain();
    await this.promotion?.close();
    await this.registration?.close();
    await this.nats?.stop();
    await this.db?.drop();
  }

  http() {
    return request(this.promotion.getHttpServer());
  }

  /** Publishes an evaluation event; answers the envelope and JetStream's ack (duplicate: dropped by id). */
  async publish<T>(
    contract: EventContract<T>,
    data: T,
    id: string = randomUUID(),
  ): Promise<{ envelope: EventEnvelope<T>; ack: PubAck }> {
    const envelope: EventEnvelope<T> = {
      id,
      subject: contract.subject,
      version: contract.version,
      source: 'evaluation',
      occurredAt: new Date().toISOString(),
      data,
    };
    const ack = await this.js.publish(contract.subject, codec.encode(envelope), { msgID: id });
    return { envelope, ack };
  }

  /** Waits until promotion's consumer has handled the event (its inbox row). */
  async handled(eventId: string): Promise<void> {
    await eventually(
      async () => {
        const rows = await this.db.query('SELECT 1 FROM promotion.inbox_event WHERE event_id = $1', [eventId]);
        if (rows.length === 0) throw new Error(`event ${eventId} not handled yet`);
      },
      { description: `event ${eventId} handled`, timeoutMs: 20_000 },
    );
  }

  async count(table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
    const rows = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM promotion.${table} WHERE ${where}`,
      params,
    );
    return Number(rows[0]!.n);
  }

  /** Rows of every table a refused request could have written: enrolments, consignments, …, outbox, changes. */
  async footprint(): Promise<Record<string, number>> {
    const tables = [
      'promotion_event',
      'enrolment',
      'sales_point',
      'consignment',
      'listing',
      'reward',
      'reward_budget',
      'support_programme',
      'support_request',
      'outbox_event',
      'change_record',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = await this.count(table);
    return counts;
  }

  async outbox(subject: string): Promise<Record<string, unknown>[]> {
    const rows = await this.db.query<{ data: Record<string, unknown> }>(
      "SELECT envelope->'data' AS data FROM promotion.outbox_event WHERE subject = $1 ORDER BY sequence",
      [subject],
    );
    return rows.map((row) => row.data);
  }
}

export async function token(
  roles: Parameters<typeof testToken>[0]['roles'],
  unitCode: string,
  extra: { producerId?: string; subject?: string } = {},
): Promise<Token> {
  return { authorization: `Bearer ${await testToken({ roles, unitCode, ...extra })}` };
}

/** A certificate.issued payload: a 3★ Bắc Giang certificate issued 100 days ago, valid 36 months. */
export function issued(today: string, overrides: Partial<CertificateIssuedV1> = {}): CertificateIssuedV1 {
  const issuedOn = overrides.issuedOn ?? addDays(today, -100);
  return {
    certificateId: randomUUID(),
    number: `213/${issuedOn.slice(0, 4)}/OCOP-${String(Math.floor(Math.random() * 9000) + 1000)}`,
    productId: randomUUID(),
    producerId: randomUUID(),
    productName: 'Gạo Nếp thơm Đại Lâm',
    producerName: 'Hợp tác xã Nông nghiệp Đại Lâm',
    group: 'food',
    stars: 3,
    level: 'district',
    kind: 'new',
    issuingUnitCode: '213',
    provinceCode: '24',
    communeCode: '07432',
    decisionId: randomUUID(),
    issuedOn,
    validUntil: addDays(issuedOn, 1095),
    supersedes: null,
    ...overrides,
  };
}

/** The text of every cell of the first worksheet of an XLSX file (formulas as their results). */
export async function sheetText(body: Buffer): Promise<string[]> {
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const text: string[] = [];
  workbook.worksheets[0]?.eachRow((row) =>
    row.eachCell((cell) => {
      const value: unknown = cell.value;
      if (typeof value === 'object' && value !== null && 'result' in value) text.push(JSON.stringify(value.result));
      else text.push(typeof value === 'string' ? value : JSON.stringify(value));
    }),
  );
  return text;
}

/** supertest's parser for a binary body. */
export function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export async function expectError(
  response: request.Test,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  const result = await response;
  expect({ status: result.status, code: result.body.code }).toEqual({ status, code });
  return result.body as Record<string, unknown>;
}

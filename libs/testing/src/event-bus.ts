import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import type { EventContract, EventEnvelope } from '@ocop/contracts';
import type { TestDatabase } from './database';
import { eventually } from './tools';

/**
 * Publishes events onto the services' JetStream streams exactly as an outbox relay would (the envelope as
 * JSON, `Nats-Msg-Id` = its id), and keeps what it sent, so a test can wait for a consumer to catch up.
 */
export class TestEventBus {
  readonly published: EventEnvelope[] = [];

  private constructor(readonly connection: NatsConnection) {}

  static async connect(url: string): Promise<TestEventBus> {
    return new TestEventBus(await connect({ servers: url }));
  }

  /** Publishes an event of `contract` from the service its subject names (ocop.<service>.…), now or at `occurredAt`. */
  async publish<T>(
    contract: EventContract<T>,
    data: T,
    occurredAt = new Date().toISOString(),
  ): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      subject: contract.subject,
      version: contract.version,
      source: contract.subject.split('.')[1]!,
      occurredAt,
      data,
    };
    await this.send(envelope, envelope.id);
    this.published.push(envelope);
    return envelope;
  }

  /** Sends an envelope as it is (a redelivery, or one the test built itself) under a de-duplication id. */
  async send(envelope: EventEnvelope, msgId: string): Promise<void> {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', msgId);
    await this.connection
      .jetstream()
      .publish(envelope.subject, new TextEncoder().encode(JSON.stringify(envelope)), { msgID: msgId, headers: h });
  }

  /** Waits until `schema`'s inbox holds every event published so far (of `consumer` when given). */
  async caughtUp(
    db: TestDatabase,
    schema: string,
    options: { consumer?: string; timeoutMs?: number } = {},
  ): Promise<void> {
    const where = options.consumer ? ' WHERE consumer = $1' : '';
    await eventually(
      async () => {
        const rows = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${schema}.inbox_event${where}`,
          options.consumer ? [options.consumer] : [],
        );
        const handled = Number(rows[0]!.n);
        const expected = this.published.length;
        if (handled !== expected) throw new Error(`${schema}'s inbox holds ${handled} events, expected ${expected}`);
      },
      { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 250 },
    );
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

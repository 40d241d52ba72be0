import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope, ServiceName } from '@ocop/contracts';

/** Postgres channel the relay listens on; one per schema so services sharing a database wake only themselves. */
export const outboxChannel = (schema: string): string => `ocop_outbox_${schema}`;

/**
 * Appends events to the outbox inside the caller's transaction. The event exists exactly when the
 * business change it describes was committed.
 */
export class OutboxWriter {
  constructor(
    private readonly source: ServiceName,
    private readonly schema: string,
  ) {}

  async append<TData>(
    manager: EntityManager,
    contract: EventContract<TData>,
    data: TData,
    options: { id?: string } = {},
  ): Promise<EventEnvelope<TData>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.append must run inside the transaction of the business change');
    }
    const envelope: EventEnvelope<TData> = {
      id: options.id ?? randomUUID(),
      subject: contract.subject,
      version: contract.version,
      source: this.source,
      occurredAt: new Date().toISOString(),
      data,
    };
    // pg_notify is delivered at commit only, so the relay never wakes for a rolled-back event. A given
    // id (an idempotency key) that is already in the outbox is not written twice.
    await manager.query(
      `WITH inserted AS (INSERT INTO "${this.schema}"."outbox_event" (id, subject, envelope) VALUES ($1, $2, $3)
                         ON CONFLICT (id) DO NOTHING RETURNING id)
       SELECT pg_notify($4, id::text) FROM inserted`,
      [envelope.id, envelope.subject, JSON.stringify(envelope), outboxChannel(this.schema)],
    );
    return envelope;
  }

  /**
   * Appends many events of one contract in as few statements as possible (one per 1,000): what a batch
   * operation (ranking a round, deciding it) uses instead of one insert per event.
   */
  async appendMany<TData>(
    manager: EntityManager,
    contract: EventContract<TData>,
    items: { data: TData; id?: string }[],
  ): Promise<EventEnvelope<TData>[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.appendMany must run inside the transaction of the business change');
    }
    const occurredAt = new Date().toISOString();
    const envelopes = items.map(
      (item): EventEnvelope<TData> => ({
        id: item.id ?? randomUUID(),
        subject: contract.subject,
        version: contract.version,
        source: this.source,
        occurredAt,
        data: item.data,
      }),
    );
    for (let start = 0; start < envelopes.length; start += 1_000) {
      const chunk = envelopes.slice(start, start + 1_000);
      await manager.query(
        `WITH inserted AS (
           INSERT INTO "${this.schema}"."outbox_event" (id, subject, envelope)
           SELECT id, $2, envelope FROM unnest($1::uuid[], $3::jsonb[]) AS batch(id, envelope)
           ON CONFLICT (id) DO NOTHING RETURNING id)
         SELECT pg_notify($4, id::text) FROM inserted LIMIT 1`,
        [
          chunk.map((envelope) => envelope.id),
          contract.subject,
          chunk.map((envelope) => JSON.stringify(envelope)),
          outboxChannel(this.schema),
        ],
      );
    }
    return envelopes;
  }
}

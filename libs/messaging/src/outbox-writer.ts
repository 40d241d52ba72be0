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
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Transactional outbox: a row is written in the same transaction as the business change it announces,
 * and the relay publishes it to JetStream afterwards. Rows are kept after publishing for audit and replay.
 */
@Entity({ name: 'outbox_event' })
@Index('ix_outbox_event_unpublished', ['sequence'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  /** Event id, also the JetStream `Nats-Msg-Id`. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Monotonic order of writes; the relay publishes in this order. */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  sequence!: string;

  @Column('text')
  subject!: string;

  /** The whole EventEnvelope, as published. */
  @Column('jsonb')
  envelope!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Idempotent-consumer inbox: one row per (consumer, event) handled; a redelivery finds it and is skipped. */
@Entity({ name: 'inbox_event' })
export class InboxEventEntity {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn('uuid')
  eventId!: string;

  @Column('text')
  subject!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  handledAt!: Date;
}

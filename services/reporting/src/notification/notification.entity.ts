import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { JsonValue } from '@ocop/persistence';

export type DeliveryState = 'none' | 'pending' | 'sent' | 'failed';

/**
 * A notification in a unit's (or a user's, or a producer's) inbox: reporting's reminders and escalations,
 * and the other services' reminder events. Kept; sent on to the webhook and by e-mail when configured.
 */
@Entity({ name: 'notification' })
@Unique('uq_notification_source', ['sourceKey'])
@Index('ix_notification_unit', ['unitCode', 'createdAt'])
@Index('ix_notification_user', ['userId', 'createdAt'])
@Index('ix_notification_producer', ['producerId', 'createdAt'])
@Index('ix_notification_delivery', ['nextDeliveryAt'], {
  where: `webhook_state = 'pending' OR email_state = 'pending'`,
})
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** What it is about, once: `report:<obligation>:<period>:<step>:<unit>`, `event:<event id>:<addressee>`. */
  @Column('text')
  sourceKey!: string;

  /** report_opened, report_reminder, report_overdue, reports_overdue, report_returned, … */
  @Column('text')
  kind!: string;

  /** The unit whose officers see it (2025 code, or VN). */
  @Column({ type: 'text', nullable: true })
  unitCode!: string | null;

  /** A user it is addressed to (token sub), e.g. a council member. */
  @Column({ type: 'text', nullable: true })
  userId!: string | null;

  /** A producer it is addressed to (its users see it). */
  @Column({ type: 'uuid', nullable: true })
  producerId!: string | null;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  /** Machine-readable details (obligation, period, certificate, …). */
  @Column('jsonb', { default: () => "'{}'" })
  data!: { [key: string]: JsonValue };

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column('text', { default: 'none' })
  webhookState!: DeliveryState;

  @Column('text', { default: 'none' })
  emailState!: DeliveryState;

  @Column('int', { default: 0 })
  deliveryAttempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextDeliveryAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastDeliveryError!: string | null;
}

/** Where a unit's notifications are e-mailed (its OCOP officers' addresses). */
@Entity({ name: 'unit_contact' })
export class UnitContactEntity {
  @PrimaryColumn('text')
  unitCode!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  emails!: string[];

  @Column('text')
  updatedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

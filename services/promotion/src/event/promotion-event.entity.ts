import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { PromotionEventKind, PromotionEventLevel } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';
import { VND } from '../common/columns';
import { ProductParticipation, type ParticipationStatus } from '../common/participation';

export type PromotionEventStatus = 'planned' | 'cancelled' | 'completed';

/** A promotion event (OCOP.md §6): a fair, exhibition, livestream, e-commerce campaign or trade mission. */
@Entity({ name: 'promotion_event' })
@Index('ix_promotion_event_province_start', ['provinceCode', 'startsOn'])
export class PromotionEventEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: PromotionEventKind;

  @Column('text')
  level!: PromotionEventLevel;

  /** The organising unit (VN, a province, a district or a commune). */
  @Column('text')
  unitCode!: string;

  /** Jurisdiction: the province of the organising unit, or VN. */
  @Column('text')
  provinceCode!: string;

  /** Who organises, e.g. "Sở Công Thương tỉnh Bắc Giang": told when a product must leave. */
  @Column('text')
  organiserName!: string;

  @Column('text')
  place!: string;

  @Column('date')
  startsOn!: string;

  @Column('date')
  endsOn!: string;

  /** Booths: one per enrolled product (active or suspended). */
  @Column('int')
  capacity!: number;

  /** Least stars to take part (3 unless the organiser asks for more). */
  @Column('int', { default: 3 })
  minStars!: number;

  @Column('text', { default: 'planned' })
  status!: PromotionEventStatus;

  @Column({ type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ type: 'int', nullable: true })
  visitors!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: VND })
  salesVnd!: number | null;

  @Column({ type: 'int', nullable: true })
  contractsSigned!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: VND })
  contractsValueVnd!: number | null;

  @Column({ type: 'text', nullable: true })
  resultsNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resultsRecordedAt!: Date | null;
}

/** A product's place in an event, on the strength of a certificate valid over the event's dates. */
@Entity({ name: 'enrolment' })
@Unique('uq_enrolment_event_product', ['eventId', 'productId'])
@Index('ix_enrolment_product_status', ['productId', 'status'])
export class EnrolmentEntity extends ProductParticipation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  eventId!: string;

  @Column('text', { default: 'active' })
  status!: ParticipationStatus;

  @Column({ type: 'text', nullable: true })
  booth!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: VND })
  salesVnd!: number | null;

  @Column({ type: 'int', nullable: true })
  contractsSigned!: number | null;

  @Column({ type: 'text', nullable: true })
  withdrawnReason!: string | null;

  @Column('text')
  enrolledBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  enrolledAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

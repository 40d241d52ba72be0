import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SupportKind, SupportRequestStatus } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';
import { VND } from '../common/columns';

/**
 * A locality's producer support for a year (OCOP.md §6; Lạng Giang 2024, BIỂU 2): what it supports and the
 * budget that approvals draw on.
 */
@Entity({ name: 'support_programme' })
@Index('ix_support_programme_province_year', ['provinceCode', 'year'])
export class SupportProgrammeEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** The unit that runs it (VN, a province, a district or a commune). */
  @Column('text')
  unitCode!: string;

  @Column('text')
  provinceCode!: string;

  /** E.g. "UBND huyện Lạng Giang". */
  @Column('text')
  organiserName!: string;

  @Column('int')
  year!: number;

  @Column('jsonb')
  kinds!: SupportKind[];

  @Column({ type: 'bigint', transformer: VND })
  budgetVnd!: number;
}

/** A producer's request for support (for a product or the producer as a whole), through to delivery. */
@Entity({ name: 'support_request' })
@Index('ix_support_request_programme_status', ['programmeId', 'status'])
@Index('ix_support_request_producer', ['producerId'])
export class SupportRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  programmeId!: string;

  @Column('text')
  provinceCode!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  @Column({ type: 'text', nullable: true })
  producerAddress!: string | null;

  @Column({ type: 'uuid', nullable: true })
  productId!: string | null;

  @Column({ type: 'text', nullable: true })
  productName!: string | null;

  @Column('text')
  kind!: SupportKind;

  @Column('text')
  description!: string;

  @Column({ type: 'bigint', transformer: VND })
  requestedAmountVnd!: number;

  @Column({ type: 'bigint', nullable: true, transformer: VND })
  approvedAmountVnd!: number | null;

  @Column('text', { default: 'requested' })
  status!: SupportRequestStatus;

  /** The approval's note or the rejection's reason. */
  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @Column({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  deliveredOn!: string | null;

  @Column({ type: 'text', nullable: true })
  deliveryNote!: string | null;

  @Column('text')
  requestedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { SalesPointKind } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';
import { ProductParticipation, type ParticipationStatus } from '../common/participation';

/** An introduction and sales point (điểm giới thiệu và bán sản phẩm OCOP, OCOP.md §6). */
@Entity({ name: 'sales_point' })
@Index('ix_sales_point_province', ['provinceCode', 'status'])
export class SalesPointEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: SalesPointKind;

  /** Who runs it (a company, a cooperative, the province's trade centre): told when a product must leave. */
  @Column('text')
  operatorName!: string;

  /** The unit the point belongs to (a province or a commune). */
  @Column('text')
  unitCode!: string;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  address!: string;

  @Column('date')
  openedOn!: string;

  @Column('text', { default: 'open' })
  status!: 'open' | 'closed';

  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;
}

/** A product on consignment at a sales point. */
@Entity({ name: 'consignment' })
@Unique('uq_consignment_point_product', ['salesPointId', 'productId'])
@Index('ix_consignment_product_status', ['productId', 'status'])
export class ConsignmentEntity extends ProductParticipation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  salesPointId!: string;

  @Column('text', { default: 'active' })
  status!: ParticipationStatus;

  @Column('date')
  consignedOn!: string;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @Column('text')
  consignedBy!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

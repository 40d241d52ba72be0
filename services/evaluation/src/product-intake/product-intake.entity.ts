import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductGroup } from '@ocop/contracts';

/**
 * Evaluation's own record of a product registered upstream (from ocop.registration.product.registered.v1):
 * what it needs to scope, search and drive the product's evaluation without reading registration's tables.
 */
@Entity({ name: 'product_intake' })
@Index('ix_product_intake_unit_cycle', ['provinceCode', 'communeCode', 'cycleYear'])
export class ProductIntakeEntity {
  @PrimaryColumn('uuid')
  productId!: string;

  @Column('text')
  name!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  @Column('text')
  group!: ProductGroup;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column('int')
  cycleYear!: number;

  @Column('text')
  workflowId!: string;

  /** The event this record came from. */
  @Column('uuid')
  sourceEventId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;
}

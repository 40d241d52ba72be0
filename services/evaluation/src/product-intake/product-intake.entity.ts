import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductGroup, ProductStage } from '@ocop/contracts';

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

  /** Subgroup code, which picks the criteria set when one exists for it (from product.updated). */
  @Column({ type: 'text', nullable: true })
  subgroup!: string | null;

  /** Registration's stage, mirrored from product.stage-changed events. */
  @Column('text', { default: 'idea' })
  stage!: ProductStage;

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

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ProductGroup, ProductStage } from '@ocop/contracts';
import { ProducerEntity } from '../producer/producer.entity';
import { RecordedEntity } from '@ocop/persistence';

/** A product entered into the OCOP cycle. Its status changes only through the cycle's actions and events. */
@Entity({ name: 'product' })
@Index('ix_product_producer', ['producerId'])
@Index('ix_product_unit_path', { synchronize: false })
@Index('ix_product_search_name', { synchronize: false })
// List pages (newest first, by name) and the usual filters, from the scale benchmark's plans.
@Index('ix_product_created', ['createdAt', 'id'])
@Index('ix_product_search_order', ['searchName', 'id'])
@Index('ix_product_group_status_cycle', ['group', 'status', 'cycleYear', 'createdAt', 'id'])
export class ProductEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  producerId!: string;

  @ManyToOne(() => ProducerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'producer_id' })
  producer?: ProducerEntity;

  @Column('text')
  name!: string;

  /** `name` folded for accent-insensitive search (trigram-indexed). */
  @Column('text')
  searchName!: string;

  @Column('text')
  group!: ProductGroup;

  /** A subgroup of the group (reference data `product_subgroup`). */
  @Column({ type: 'text', nullable: true })
  subgroup!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Where the raw materials come from (local, in the province, elsewhere: the commune pre-assessment asks). */
  @Column({ type: 'text', nullable: true })
  rawMaterialOrigin!: string | null;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column('text', { array: true })
  unitPath!: string[];

  @Column({ type: 'text', default: 'idea' })
  status!: ProductStage;

  @Column('int')
  cycleYear!: number;

  /** Set by the lifecycle workflow when it starts (an activity), so staff can find it in Temporal. */
  @Column({ type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ type: 'text', nullable: true })
  workflowRunId!: string | null;
}

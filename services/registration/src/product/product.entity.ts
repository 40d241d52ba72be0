import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { LegalForm, ProductGroup, ProductStage } from '@ocop/contracts';
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
// Province lists: equality on the province (not the GIN unit path), so the page and its count read one btree.
@Index('ix_product_province_created', ['provinceCode', 'createdAt', 'id'])
@Index('ix_product_province_form_created', ['provinceCode', 'producerLegalForm', 'createdAt', 'id'])
@Index('ix_product_form_created', ['producerLegalForm', 'createdAt', 'id'])
@Index('ix_product_group_status_cycle', ['group', 'status', 'cycleYear', 'createdAt', 'id'])
export class ProductEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  producerId!: string;

  /**
   * The producer's legal form, copied here (and kept in step when the producer's changes, in the same
   * transaction) so that lists filter on it without a join.
   */
  @Column('text')
  producerLegalForm!: LegalForm;

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

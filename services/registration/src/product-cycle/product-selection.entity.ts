import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SELECTION_DECISIONS = ['accepted', 'returned'] as const;
export type SelectionDecision = (typeof SELECTION_DECISIONS)[number];

/** A decision on a product idea (step 3 of the cycle): accepted, or returned to the producer with a reason. */
@Entity({ name: 'product_selection' })
@Index('ix_product_selection_product', ['productId', 'decidedAt'])
export class ProductSelectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  productId!: string;

  @Column('text')
  decision!: SelectionDecision;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column('text')
  decidedBy!: string;

  /** The unit whose officer decided (the commune or the level above). */
  @Column('text')
  decidedByUnit!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt!: Date;
}

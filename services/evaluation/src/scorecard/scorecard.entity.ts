import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { nullableNumber } from '../round/round.entity';

export type ScorecardStatus = 'draft' | 'submitted';

/**
 * One member's scoring of one product in a round, option by option. Saved as a draft, then submitted;
 * re-opened (attempt + 1) when the council asks for a re-score. Every change is a change_record row.
 */
@Entity({ name: 'scorecard' })
@Unique('uq_scorecard_member_product', ['roundId', 'productId', 'memberId'])
@Index('ix_scorecard_round_member', ['roundId', 'memberId', 'status'])
export class ScorecardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  roundId!: string;

  @Column('uuid')
  productId!: string;

  @Column('uuid')
  memberId!: string;

  @Column('text')
  status!: ScorecardStatus;

  @Column('int', { default: 1 })
  attempt!: number;

  /** criterion code → chosen option code. */
  @Column('jsonb')
  choices!: Record<string, string>;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumber() })
  total!: number | null;

  @Column('jsonb', { default: () => "'{}'" })
  partTotals!: Record<string, number>;

  @Column('jsonb', { default: () => "'[]'" })
  missedRequirements!: { criterion: string; requiredForStars: number }[];

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

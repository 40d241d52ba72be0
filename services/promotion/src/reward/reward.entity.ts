import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { RewardStatus } from '@ocop/contracts';
import { VND } from '../common/columns';
import type { RewardDecision } from './reward.rules';

/** A reward a certificate earned under a policy (OCOP.md §6), from pending to paid or rejected. */
@Entity({ name: 'reward' })
@Unique('uq_reward_policy_certificate', ['policyCode', 'certificateId'])
@Index('ix_reward_payer_year_status', ['payerUnitCode', 'budgetYear', 'status'])
@Index('ix_reward_product', ['productId'])
@Index('ix_reward_producer', ['producerId'])
export class RewardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  policyCode!: string;

  /** The unit that pays (the policy's), whose yearly budget the reward draws on. */
  @Column('text')
  payerUnitCode!: string;

  @Column('uuid')
  certificateId!: string;

  @Column('text')
  certificateNumber!: string;

  @Column('uuid')
  productId!: string;

  @Column('text')
  productName!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column('int')
  stars!: number;

  /** The stars the product held before (an upgrade), null for its first certificate. */
  @Column({ type: 'int', nullable: true })
  previousStars!: number | null;

  @Column('text')
  reason!: Extract<RewardDecision['reason'], 'new_certificate' | 'upgrade'>;

  @Column({ type: 'bigint', transformer: VND })
  amountVnd!: number;

  /** The year of the certificate's decision: the budget year the reward is paid from. */
  @Column('int')
  budgetYear!: number;

  @Column('date')
  issuedOn!: string;

  @Column('text', { default: 'pending' })
  status!: RewardStatus;

  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ type: 'text', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Column({ type: 'text', nullable: true })
  paymentRef!: string | null;

  /** `system:promotion` when the certificate.issued handler created it. */
  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** What a paying unit may spend on rewards in a year; approvals cannot go beyond it. */
@Entity({ name: 'reward_budget' })
export class RewardBudgetEntity {
  @PrimaryColumn('text')
  unitCode!: string;

  @PrimaryColumn('int')
  year!: number;

  @Column({ type: 'bigint', transformer: VND })
  amountVnd!: number;

  @Column('text')
  setBy!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RecordedEntity } from '@ocop/persistence';
import type { PlanBudget, PlanIssuingUnit, PlanSource, PlanTarget } from './plan.data';

export const PLAN_STATUSES = ['active', 'withdrawn'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * A plan (kế hoạch): its header and scope as columns (a province, and the 2025 communes that measure it when
 * it covers less than the province), its targets and budget as documents checked by `planBreaches` before
 * every write. The plans of data/plans are loaded by a migration (`preloaded`). Never deleted: withdrawn.
 * Changes go to the change log (change_record, entity `plan`).
 */
@Entity({ name: 'plan' })
@Index('ix_plan_province', ['provinceCode', 'startsOn'])
@Index('ix_plan_communes', { synchronize: false })
export class PlanEntity extends RecordedEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  title!: string;

  @Column('text')
  issuer!: string;

  /** The issuing unit, in its own era. */
  @Column('jsonb')
  issuingUnit!: PlanIssuingUnit;

  @Column('text')
  provinceCode!: string;

  /** The 2025 communes that measure the plan; null: the whole province (GIN-indexed). */
  @Column({ type: 'text', array: true, nullable: true })
  communeCodes!: string[] | null;

  @Column({ type: 'text', nullable: true })
  scopeNote!: string | null;

  @Column('date')
  startsOn!: string;

  @Column('date')
  endsOn!: string;

  @Column('jsonb')
  source!: PlanSource;

  @Column('jsonb')
  targets!: PlanTarget[];

  @Column({ type: 'jsonb', nullable: true })
  budget!: PlanBudget | null;

  @Column('text', { default: 'active' })
  status!: PlanStatus;

  /** Loaded from data/plans (its quotes verbatim from a seed), not entered through the API. */
  @Column('boolean', { default: false })
  preloaded!: boolean;

  @Column({ type: 'text', nullable: true })
  updatedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawnBy!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  /** 1 when created, + 1 on every change (a client may send the revision it read: expectedRevision). */
  @Column('int', { default: 1 })
  revision!: number;
}

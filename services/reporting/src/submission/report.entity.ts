import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ReportTimeliness } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A unit's report for one obligation and period: draft → submitted (its figures frozen) → accepted, or
 * returned with a reason by the level above (then submitted again). Changes go to the change log.
 */
@Entity({ name: 'report' })
@Unique('uq_report_obligation_period_unit', ['obligationCode', 'periodKey', 'unitCode'])
@Index('ix_report_recipient', ['obligationCode', 'periodKey', 'recipientUnitCode'])
export class ReportEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  obligationCode!: string;

  @Column('text')
  periodKey!: string;

  /** The reporting unit (2025 code). */
  @Column('text')
  unitCode!: string;

  @Column('text')
  provinceCode!: string;

  /** The level above, which accepts or returns it. */
  @Column('text')
  recipientUnitCode!: string;

  @Column('text', { default: 'draft' })
  status!: ReportStatus;

  /** The unit's own words: assessment, difficulties, proposals. */
  @Column('text', { default: '' })
  summary!: string;

  /** Due before 00:00 of this day (Vietnam). */
  @Column('date')
  dueBefore!: string;

  /** The report document as submitted (figures, children, targets), frozen. */
  @Column({ type: 'jsonb', nullable: true })
  snapshot!: object | null;

  /** Submissions so far (a returned report is submitted again). */
  @Column('int', { default: 0 })
  submissions!: number;

  @Column({ type: 'timestamptz', nullable: true })
  firstSubmittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  submittedBy!: string | null;

  /** Judged on the first submission against the deadline. */
  @Column({ type: 'text', nullable: true })
  timeliness!: ReportTimeliness | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  returnReason!: string | null;

  @Column('int', { default: 1 })
  revision!: number;
}

/** A period the obligation's schedule opened (its workflow `report-<obligation>-<period>`). */
@Entity({ name: 'report_period' })
export class ReportPeriodEntity {
  @Column('text', { primary: true })
  obligationCode!: string;

  @Column('text', { primary: true })
  periodKey!: string;

  @Column('date')
  dueBefore!: string;

  @Column('int')
  expected!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;
}

import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ProductGroup, RoundEntryKind, RoundPhase } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';
import type { CouncilLevel, Outcome } from '../regulation/regulation.rules';
import type { Aggregation } from './round.rules';

/** An evaluation round (đợt đánh giá, phân hạng) of a council at its level and unit. */
@Entity({ name: 'round' })
@Index('ix_round_province_phase', ['provinceCode', 'phase', 'meetingDate'])
@Index('ix_round_council', ['councilId'])
export class RoundEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: CouncilLevel;

  /** Unit of the council (legacy district, province, or VN). */
  @Column('text')
  unitCode!: string;

  @Column('text')
  provinceCode!: string;

  @Column('uuid')
  councilId!: string;

  /** Regulation version in force at the meeting date (or the province's choice), fixed when created. */
  @Column('text')
  versionCode!: string;

  @Column('date')
  dossierDeadline!: string;

  @Column('date')
  meetingDate!: string;

  /** Scorecards not in by then are reminded, then the round goes to deliberation (round workflow). */
  @Column('date')
  scoringDeadline!: string;

  @Column('text', { default: 'draft' })
  phase!: RoundPhase;

  @Column('text', { default: 'mean' })
  aggregation!: Aggregation;

  /** Members' totals further apart than this flag the product for re-scoring (OCOP.md §5.4 default 10). */
  @Column('real', { default: 10 })
  spreadThreshold!: number;

  /** Bumped on every change, so concurrent phase moves cannot both win. */
  @Column('int', { default: 1 })
  revision!: number;
}

/** A product in a round, with its result once every present member has scored it. */
@Entity({ name: 'round_entry' })
@Unique('uq_round_entry_product', ['roundId', 'productId'])
@Index('ix_round_entry_product', ['productId'])
export class RoundEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  roundId!: string;

  @Column('uuid')
  productId!: string;

  @Column('text')
  kind!: RoundEntryKind;

  /** The criteria set revision the members score against, pinned when the product entered. */
  @Column('uuid')
  criteriaSetId!: string;

  @Column('text')
  productName!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  @Column('text')
  group!: ProductGroup;

  @Column('text')
  communeCode!: string;

  /** The certificate an upgrade or re-evaluation would replace. */
  @Column({ type: 'uuid', nullable: true })
  previousCertificateId!: string | null;

  /** The lower level's round that forwarded the product here, if any. */
  @Column({ type: 'uuid', nullable: true })
  forwardedFromRoundId!: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: nullableNumber() })
  score!: number | null;

  @Column({ type: 'int', nullable: true })
  stars!: number | null;

  @Column({ type: 'int', nullable: true })
  starCap!: number | null;

  @Column('jsonb', { default: () => "'[]'" })
  missedRequirements!: string[];

  @Column('boolean', { default: false })
  flagged!: boolean;

  /** The chair accepted a spread that remained after re-scoring, with a note in the minutes. */
  @Column({ type: 'text', nullable: true })
  spreadAcceptedNote!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome!: Outcome | null;

  /** What the producer reads when the product did not pass. */
  @Column({ type: 'text', nullable: true })
  feedback!: string | null;

  @Column('text')
  enteredBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  enteredAt!: Date;
}

/** Who of the council is present at the round's session (quorum, OCOP.md §5.4). */
@Entity({ name: 'round_attendance' })
export class RoundAttendanceEntity {
  @PrimaryColumn('uuid')
  roundId!: string;

  @PrimaryColumn('uuid')
  memberId!: string;

  @Column('boolean')
  present!: boolean;

  @Column('text')
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

/** A member's declared interest in a product: they do not score it. */
@Entity({ name: 'recusal' })
export class RecusalEntity {
  @PrimaryColumn('uuid')
  roundId!: string;

  @PrimaryColumn('uuid')
  productId!: string;

  @PrimaryColumn('uuid')
  memberId!: string;

  @Column('text')
  reason!: string;

  @Column('text')
  declaredBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  declaredAt!: Date;
}

/** numeric columns come back from pg as strings. */
export function nullableNumber() {
  return {
    to: (value: number | null | undefined) => value,
    from: (value: string | null) => (value === null ? null : Number(value)),
  };
}

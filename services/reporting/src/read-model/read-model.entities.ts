import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LegalForm, ProductStage, RoundEntryKind } from '@ocop/contracts';

/**
 * Reporting's read models, fed only by the other services' events (OCOP.md §7) and rebuildable from
 * scratch by replaying the streams (ReadModelRebuild). Units are 2025 codes: provinces and communes.
 * `commune_code = ''` marks what belongs to a province but to none of its communes (a province's own sales
 * point, a fair it ran), so that a province's figures are always the sum of its rows.
 */

const numeric = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A producer as registration last described it. */
@Entity({ name: 'rm_producer' })
@Index('ix_rm_producer_province', ['provinceCode', 'communeCode'])
@Index('ix_rm_producer_commune', ['communeCode'])
export class RmProducerEntity {
  @PrimaryColumn('uuid')
  producerId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  legalForm!: LegalForm;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  /** Day of registration in Vietnam. */
  @Column('date')
  registeredOn!: string;

  @Column('int', { default: 1 })
  version!: number;
}

/**
 * A product: what registration says (name, group, producer, place, stage) and what evaluation says (its
 * certificate: stars, status, dates). Either side may arrive first; each writes only its own columns.
 */
@Entity({ name: 'rm_product' })
@Index('ix_rm_product_province', ['provinceCode', 'communeCode'])
@Index('ix_rm_product_commune', ['communeCode'])
@Index('ix_rm_product_producer', ['producerId'])
export class RmProductEntity {
  @PrimaryColumn('uuid')
  productId!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', nullable: true })
  group!: string | null;

  @Column({ type: 'text', nullable: true })
  subgroup!: string | null;

  @Column({ type: 'uuid', nullable: true })
  producerId!: string | null;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column({ type: 'int', nullable: true })
  cycleYear!: number | null;

  @Column({ type: 'date', nullable: true })
  registeredOn!: string | null;

  /** Registration's stage (null until registration's event is handled). */
  @Column({ type: 'text', nullable: true })
  stage!: ProductStage | null;

  @Column({ type: 'date', nullable: true })
  stageChangedOn!: string | null;

  /** The product's latest certificate. */
  @Column({ type: 'uuid', nullable: true })
  certificateId!: string | null;

  @Column({ type: 'text', nullable: true })
  certificateNumber!: string | null;

  @Column({ type: 'int', nullable: true })
  stars!: number | null;

  /** valid, superseded, revoked, expired */
  @Column({ type: 'text', nullable: true })
  certificateStatus!: string | null;

  @Column({ type: 'date', nullable: true })
  certifiedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numeric })
  lastScore!: number | null;
}

/** Products per unit, stage and group: the current snapshot as counters, kept by registration's events. */
@Entity({ name: 'rm_product_count' })
@Index('ix_rm_product_count_commune', ['communeCode'])
export class RmProductCountEntity {
  @PrimaryColumn('text')
  provinceCode!: string;

  @PrimaryColumn('text')
  communeCode!: string;

  @PrimaryColumn('text')
  stage!: string;

  @PrimaryColumn('text')
  group!: string;

  @Column('int', { default: 0 })
  count!: number;
}

/** Every certificate with its dates, so that "certified on a day" and "expiring in a period" are queries. */
@Entity({ name: 'rm_certificate' })
@Index('ix_rm_certificate_province', ['provinceCode', 'communeCode'])
@Index('ix_rm_certificate_commune', ['communeCode'])
@Index('ix_rm_certificate_valid_until', ['validUntil'])
@Index('ix_rm_certificate_product', ['productId'])
export class RmCertificateEntity {
  @PrimaryColumn('uuid')
  certificateId!: string;

  @Column('text')
  number!: string;

  @Column('uuid')
  productId!: string;

  @Column('int')
  stars!: number;

  @Column('text')
  level!: string;

  @Column('text')
  kind!: RoundEntryKind;

  @Column('text')
  group!: string;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column('date')
  issuedOn!: string;

  @Column('date')
  validUntil!: string;

  /** valid, superseded, revoked, expired */
  @Column('text', { default: 'valid' })
  status!: string;

  /** The day it stopped being valid (superseded, revoked or expired). */
  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;
}

/** Which round a product entered, and where it is from: evaluation's later events name the round only. */
@Entity({ name: 'rm_round_entry' })
export class RmRoundEntryEntity {
  @PrimaryColumn('uuid')
  roundId!: string;

  @PrimaryColumn('uuid')
  productId!: string;

  @Column('text')
  kind!: RoundEntryKind;

  @Column('text')
  level!: string;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;
}

/** An introduction and sales point (điểm giới thiệu và bán sản phẩm OCOP). */
@Entity({ name: 'rm_sales_point' })
@Index('ix_rm_sales_point_province', ['provinceCode', 'communeCode'])
export class RmSalesPointEntity {
  @PrimaryColumn('uuid')
  salesPointId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  provinceCode!: string;

  @Column('text', { default: '' })
  communeCode!: string;

  @Column('date')
  openedOn!: string;

  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;
}

/**
 * What happened in a unit in a month: one counter (and amount, in VND where it is money) per metric. A
 * period's report sums the months it covers; a province's rows are its communes' plus its own.
 */
@Entity({ name: 'rm_activity' })
@Index('ix_rm_activity_province', ['provinceCode', 'month'])
@Index('ix_rm_activity_commune', ['communeCode', 'month'])
export class RmActivityEntity {
  /** First day of the month (Vietnam). */
  @PrimaryColumn('date')
  month!: string;

  @PrimaryColumn('text')
  provinceCode!: string;

  @PrimaryColumn('text')
  communeCode!: string;

  @PrimaryColumn('text')
  metric!: string;

  @Column('int', { default: 0 })
  count!: number;

  @Column({ type: 'numeric', precision: 20, scale: 2, default: 0, transformer: numeric })
  amount!: number;
}

export const READ_MODEL_ENTITIES = [
  RmProducerEntity,
  RmProductEntity,
  RmProductCountEntity,
  RmCertificateEntity,
  RmRoundEntryEntity,
  RmSalesPointEntity,
  RmActivityEntity,
];

/** The tables a rebuild empties (reference data and reporting's own records are kept). */
export const READ_MODEL_TABLES = [
  'rm_round',
  'rm_producer',
  'rm_product',
  'rm_product_count',
  'rm_certificate',
  'rm_round_entry',
  'rm_sales_point',
  'rm_activity',
] as const;

/** A round's level and province: its decision event names the round only. */
@Entity({ name: 'rm_round' })
export class RmRoundEntity {
  @PrimaryColumn('uuid')
  roundId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: string;

  @Column('text')
  provinceCode!: string;

  @Column('date')
  meetingDate!: string;
}

export const ALL_READ_MODEL_ENTITIES = [...READ_MODEL_ENTITIES, RmRoundEntity];

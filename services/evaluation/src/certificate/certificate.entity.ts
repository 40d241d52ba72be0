import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ProductGroup, RevocationReason, RoundEntryKind } from '@ocop/contracts';
import type { CouncilLevel } from '../regulation/regulation.rules';

/** Stored status; "expiring" is derived from the dates (within the notice period), never stored. */
export type CertificateStoredStatus = 'valid' | 'expired' | 'revoked' | 'superseded';

/**
 * Where a certificate came from: a round's decision on the platform, or the province's register of
 * certificates issued before the platform (no round, the number as printed, no platform sequence).
 */
export type CertificateSource = 'round' | 'register';

/** An OCOP certificate (giấy chứng nhận) for a 3-5★ product. */
@Entity({ name: 'certificate' })
@Unique('uq_certificate_number', ['number'])
@Unique('uq_certificate_series', ['issuingUnitCode', 'seriesYear', 'sequence'])
@Index('ix_certificate_product', ['productId', 'issuedOn'])
@Index('ix_certificate_province_status_expiry', ['provinceCode', 'status', 'validUntil'])
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `OCOP-<unit>-<year>-<sequence, 4 digits>` (a register's: as printed), unique nationally. */
  @Column('text')
  number!: string;

  @Column('text')
  issuingUnitCode!: string;

  @Column('int')
  seriesYear!: number;

  /** The platform's series number; null for a certificate from the register. */
  @Column({ type: 'int', nullable: true })
  sequence!: number | null;

  @Column('text', { default: 'round' })
  source!: CertificateSource;

  @Column('uuid')
  productId!: string;

  @Column('text')
  productName!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  @Column('text')
  group!: ProductGroup;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column('int')
  stars!: number;

  @Column('text')
  level!: CouncilLevel;

  @Column('text')
  kind!: RoundEntryKind;

  @Column('text')
  issuerName!: string;

  @Column('text')
  versionCode!: string;

  @Column('uuid')
  decisionId!: string;

  /** Null for a certificate from the register. */
  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  /** The decision date: validity runs from it. */
  @Column('date')
  issuedOn!: string;

  @Column('date')
  validUntil!: string;

  @Column('text')
  status!: CertificateStoredStatus;

  @Column({ type: 'uuid', nullable: true })
  supersedes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersededBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  revocationDecisionId!: string | null;

  @Column({ type: 'text', nullable: true })
  revocationReason!: RevocationReason | null;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** The next certificate sequence of an issuing unit and year (one row per series, locked to allocate). */
@Entity({ name: 'certificate_series' })
export class CertificateSeriesEntity {
  @PrimaryColumn('text')
  issuingUnitCode!: string;

  @PrimaryColumn('int')
  seriesYear!: number;

  @Column('int')
  lastSequence!: number;
}

import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EvaluationLevel, RoundEntryKind } from '@ocop/contracts';
import type { CertificateRecordStatus } from './certificate.rules';

/**
 * Promotion's copy of an OCOP certificate, one row per certificate, fed by evaluation's certificate.issued,
 * superseded, revoked and expired events. Enrolment, consignment and listing check it; evaluation is never
 * called.
 */
@Entity({ name: 'certificate' })
@Index('ix_certificate_product', ['productId', 'status'])
@Index('ix_certificate_province_status', ['provinceCode', 'status', 'validUntil'])
@Index('ix_certificate_producer', ['producerId'])
export class CertificateRecordEntity {
  /** Evaluation's certificate id. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  number!: string;

  @Column('uuid')
  productId!: string;

  @Column('text')
  productName!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  @Column('text')
  group!: string;

  @Column('int')
  stars!: number;

  @Column('text')
  level!: EvaluationLevel;

  @Column('text')
  kind!: RoundEntryKind;

  @Column('text')
  issuingUnitCode!: string;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  @Column('date')
  issuedOn!: string;

  @Column('date')
  validUntil!: string;

  @Column('text')
  status!: CertificateRecordStatus;

  @Column({ type: 'uuid', nullable: true })
  supersedes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersededBy!: string | null;

  /** The day it was superseded, revoked or expired. */
  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  /** The revocation's reason. */
  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  /** The certificate.issued event the row came from. */
  @Column('uuid')
  sourceEventId!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

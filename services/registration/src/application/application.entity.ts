import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ProductApplicationKind } from '@ocop/contracts';

/**
 * `open`: filed, waiting for a round; `in_round`: evaluation entered the product for it. Then one of:
 * `completed` (a new certificate was issued), `not_passed`, `withdrawn`, `lapsed` (the certificate was revoked,
 * or expired under an upgrade application).
 */
export const APPLICATION_STATUSES = ['open', 'in_round', 'completed', 'not_passed', 'withdrawn', 'lapsed'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** A product has at most one application in these statuses. */
export const ACTIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['open', 'in_round'];

/** A producer's application for re-evaluation or an upgrade of a certified product (OCOP.md §4-5). */
@Entity({ name: 'product_application' })
@Index('ux_product_application_active', ['productId'], { unique: true, where: "status IN ('open', 'in_round')" })
@Index('ix_product_application_filed', ['filedAt', 'id'])
@Index('ix_product_application_unit_path', { synchronize: false })
export class ProductApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  productId!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  kind!: ProductApplicationKind;

  @Column('text')
  status!: ApplicationStatus;

  /** The certificate it renews or upgrades, as it was when filed. */
  @Column('uuid')
  certificateId!: string;

  @Column('text')
  certificateNumber!: string;

  @Column('date')
  certificateValidUntil!: string;

  @Column('int')
  currentStars!: number;

  /** Upgrade only. */
  @Column({ type: 'int', nullable: true })
  targetStars!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  /** The product's units, for the unit filter of the lists. */
  @Column('text', { array: true })
  unitPath!: string[];

  @Column('text')
  filedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  filedAt!: Date;

  /** The round evaluation entered the product in for this application. */
  @Column({ type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Why it closed: the withdrawal reason, or what evaluation decided. */
  @Column({ type: 'text', nullable: true })
  closedReason!: string | null;

  @Column({ type: 'text', nullable: true })
  closedBy!: string | null;

  /** The certificate that completed it. */
  @Column({ type: 'uuid', nullable: true })
  resultCertificateId!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A file of an application's dossier; an amendment supersedes the previous file of the item. */
@Entity({ name: 'application_document' })
@Index('ix_application_document_current', ['applicationId', 'item'], { where: 'superseded_at IS NULL' })
export class ApplicationDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  applicationId!: string;

  /** A checklist item code (data/re-evaluation-checklist.json, data/upgrade-checklist.json). */
  @Column('text')
  item!: string;

  @Column('text')
  fileName!: string;

  @Column('text')
  contentType!: string;

  @Column('int')
  sizeBytes!: number;

  @Column('text')
  sha256!: string;

  @Column('text')
  storageKey!: string;

  @Column('text')
  uploadedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}

/** What an application's change records keep (the unit and the ids are the row's). */
export const APPLICATION_FIELDS: Extract<keyof ProductApplicationEntity, string>[] = [
  'productId',
  'kind',
  'status',
  'certificateNumber',
  'currentStars',
  'targetStars',
  'note',
  'roundId',
  'closedAt',
  'closedReason',
  'closedBy',
  'resultCertificateId',
];

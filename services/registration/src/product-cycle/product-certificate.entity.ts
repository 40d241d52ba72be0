import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CERTIFICATE_STATUSES = ['valid', 'expired', 'revoked', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/**
 * Registration's copy of evaluation's certificates (evaluation owns them), fed by its certificate events:
 * enough to decide whether a product may apply for re-evaluation or an upgrade.
 */
@Entity({ name: 'product_certificate' })
@Index('ix_product_certificate_product', ['productId', 'issuedOn'])
export class ProductCertificateEntity {
  @PrimaryColumn('uuid')
  certificateId!: string;

  @Column('uuid')
  productId!: string;

  @Column('text')
  number!: string;

  @Column('int')
  stars!: number;

  /** The council level that recognised it (district, province, national). */
  @Column('text')
  level!: string;

  /** Why the product was in the round: new, upgrade, re_evaluation. */
  @Column('text')
  kind!: string;

  @Column('date')
  issuedOn!: string;

  /** Last valid day. */
  @Column('date')
  validUntil!: string;

  @Column('text')
  status!: CertificateStatus;

  /** When it stopped being valid (expired, revoked or superseded), per evaluation's event. */
  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersedes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  supersededBy!: string | null;

  /** The latest expiry notice evaluation sent: the early `reminder` or the formal `notice`. */
  @Column({ type: 'text', nullable: true })
  noticeKind!: 'reminder' | 'notice' | null;

  @Column({ type: 'timestamptz', nullable: true })
  noticeReceivedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

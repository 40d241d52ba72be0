import { Column } from 'typeorm';

/** Where a product stands in an event, at a sales point or on a listing. */
export type ParticipationStatus = 'active' | 'suspended' | 'withdrawn';

/**
 * What enrolments, consignments and listings share: the product and producer, the certificate that let the
 * product in, and the suspension a certificate's end puts on it.
 */
export abstract class ProductParticipation {
  @Column('uuid')
  productId!: string;

  @Column('text')
  productName!: string;

  @Column('uuid')
  producerId!: string;

  @Column('text')
  producerName!: string;

  /** The province of the product (its certificate's). */
  @Column('text')
  productProvinceCode!: string;

  /** The certificate that qualified the product (the new one after a re-certification lifts a suspension). */
  @Column('uuid')
  certificateId!: string;

  @Column('text')
  certificateNumber!: string;

  @Column('int')
  stars!: number;

  /** certificate_expired or certificate_revoked while suspended. */
  @Column({ type: 'text', nullable: true })
  suspendedReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  restoredAt!: Date | null;
}

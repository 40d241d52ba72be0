import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A product's dossier (hồ sơ sản phẩm), opened once the business plan is in. */
@Entity({ name: 'dossier' })
export class DossierEntity {
  @PrimaryColumn('uuid')
  productId!: string;

  @Column('text')
  openedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  /** When product samples were received, and by whom (an officer's check, not a file). */
  @Column({ type: 'timestamptz', nullable: true })
  samplesReceivedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  samplesReceivedBy!: string | null;
}

/**
 * One uploaded file for a checklist item. An amendment uploads a new file for the item and marks the
 * previous one superseded; nothing is deleted, so what a council saw can always be shown again.
 */
@Entity({ name: 'dossier_document' })
@Index('ix_dossier_document_current', ['productId', 'item'], { where: 'superseded_at IS NULL' })
export class DossierDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  productId!: string;

  /** A checklist item code (data/dossier-checklist.json). */
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

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A photo of a product (for its dossier, listings and fairs), in the document storage. Deleting one marks it
 * deleted, with who and when; the row and the file stay, so what was shown can be shown again.
 */
@Entity({ name: 'product_photo' })
@Index('ix_product_photo_current', ['productId', 'position'], { where: 'deleted_at IS NULL' })
export class ProductPhotoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  productId!: string;

  /** 1 for the first photo shown; the order among the product's current photos. */
  @Column('int')
  position!: number;

  @Column({ type: 'text', nullable: true })
  caption!: string | null;

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
  deletedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  deletedBy!: string | null;
}

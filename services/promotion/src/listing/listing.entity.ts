import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ListingPlatform } from '@ocop/contracts';
import { ProductParticipation } from '../common/participation';

export type ListingStatus = 'active' | 'suspended' | 'delisted';

/** A product's e-commerce listing (OCOP.md §6): a platform, a URL, its status. */
@Entity({ name: 'listing' })
@Unique('uq_listing_product_url', ['productId', 'url'])
@Index('ix_listing_product_status', ['productId', 'status'])
@Index('ix_listing_province', ['productProvinceCode', 'status'])
export class ListingEntity extends ProductParticipation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  platform!: ListingPlatform;

  @Column('text')
  url!: string;

  /** Who runs the shop on the platform (the producer, a distributor, the province's e-commerce hub). */
  @Column('text')
  operatorName!: string;

  @Column('text', { default: 'active' })
  status!: ListingStatus;

  @Column({ type: 'text', nullable: true })
  delistedReason!: string | null;

  @Column('text')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

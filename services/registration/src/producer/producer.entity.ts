import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LegalForm } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';

/** Labour of a producer, as the plans track it (trained share, women, ethnic minorities). */
export class Workforce {
  @Column('int', { default: 0 })
  total!: number;

  @Column('int', { default: 0 })
  trained!: number;

  @Column('int', { default: 0 })
  women!: number;

  @Column('int', { default: 0 })
  ethnicMinority!: number;
}

/** A producer (chủ thể OCOP): cooperative, enterprise, household… identified by its tax code. */
@Entity({ name: 'producer' })
@Index('ux_producer_tax_code', ['taxCode'], { unique: true })
@Index('ix_producer_unit_path', { synchronize: false })
@Index('ix_producer_search_name', { synchronize: false })
@Index('ix_producer_commune_created', ['communeCode', 'createdAt'])
@Index('ix_producer_legal_form', ['legalForm', 'id'])
export class ProducerEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  taxCode!: string;

  @Column('text')
  name!: string;

  /** `name` folded for accent-insensitive search (trigram-indexed). */
  @Column('text')
  searchName!: string;

  @Column('text')
  legalForm!: LegalForm;

  @Column('text')
  provinceCode!: string;

  @Column('text')
  communeCode!: string;

  /** Codes of the producer's commune and every unit above it; the jurisdiction filter of lists. */
  @Column('text', { array: true })
  unitPath!: string[];

  @Column({ type: 'text', nullable: true })
  village!: string | null;

  @Column({ type: 'text', nullable: true })
  street!: string | null;

  @Column({ type: 'text', nullable: true })
  representative!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column(() => Workforce, { prefix: 'workforce' })
  workforce!: Workforce;

  @Column('boolean', { default: false })
  womenLed!: boolean;

  @Column('boolean', { default: false })
  ethnicMinorityLed!: boolean;

  @Column('boolean', { default: false })
  youthStartup!: boolean;

  /** Bumped by every change; the history keeps each version's changes. */
  @Column('int', { default: 1 })
  version!: number;
}

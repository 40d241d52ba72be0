import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LegalForm } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';

/** A producer (chủ thể OCOP): cooperative, enterprise, household… identified by its tax code. */
@Entity({ name: 'producer' })
@Index('ux_producer_tax_code', ['taxCode'], { unique: true })
@Index('ix_producer_unit_path', { synchronize: false })
export class ProducerEntity extends RecordedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  taxCode!: string;

  @Column('text')
  name!: string;

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
  representative!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;
}

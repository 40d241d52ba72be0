import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The commune People's Committee's pre-assessment of a dossier on the four criteria (OCOP.md §5.2). */
@Entity({ name: 'pre_assessment' })
export class PreAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  productId!: string;

  /** `{ criterion: { met, findings } }` for the four criteria. */
  @Column('jsonb')
  criteria!: Record<string, { met: boolean; findings: string }>;

  /** All four met: the dossier may go up to a round. */
  @Column('boolean')
  passed!: boolean;

  @Column('text')
  officerName!: string;

  @Column('text')
  assessedBy!: string;

  @Column('text')
  communeCode!: string;

  @Column('date')
  assessedOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

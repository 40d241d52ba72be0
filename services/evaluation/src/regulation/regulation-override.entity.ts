import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A province's choice to apply a regulation version from a date (the national rule otherwise). */
@Entity({ name: 'regulation_override' })
export class RegulationOverrideEntity {
  @PrimaryColumn('text')
  provinceCode!: string;

  @PrimaryColumn('date')
  effectiveFrom!: string;

  @Column('text')
  versionCode!: string;

  @Column('text')
  reason!: string;

  @Column('text')
  setBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  setAt!: Date;
}

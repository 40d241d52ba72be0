import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReportUnitLevel = 'province' | 'commune';

/**
 * The current (2025) administrative units reporting counts in: 34 provinces and 3,321 communes, each commune
 * under its province. Reference data, loaded by a migration from data/units-2025.csv (the 2025 rows of
 * registration's official list); not a read model, so a rebuild keeps it.
 */
@Entity({ name: 'report_unit' })
@Index('ix_report_unit_province', ['provinceCode', 'level'])
export class ReportUnitEntity {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  level!: ReportUnitLevel;

  /** The unit's province (a province's own code for a province). */
  @Column('text')
  provinceCode!: string;
}

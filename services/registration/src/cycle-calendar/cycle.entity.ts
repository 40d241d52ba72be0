import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CycleCalendarStep, IntakeWindow, IntakeWindowState } from '@ocop/contracts';
import { RecordedEntity } from '@ocop/persistence';

/** A unit's OCOP year: its calendar and the state of its intake windows (run by workflow `cycle-<unit>-<year>`). */
@Entity({ name: 'cycle' })
@Index('ix_cycle_year_province', ['year', 'provinceCode'])
export class CycleEntity extends RecordedEntity {
  /** A current-era province or commune code. */
  @PrimaryColumn('text')
  unitCode!: string;

  @PrimaryColumn('int')
  year!: number;

  @Column('text')
  provinceCode!: string;

  @Column('jsonb')
  steps!: CycleCalendarStep[];

  @Column('jsonb')
  reminderDays!: number[];

  @Column('jsonb')
  windows!: Record<IntakeWindow, IntakeWindowState>;

  /** Where the calendar came from: the default, a plan (seed), or the unit's own edit. */
  @Column('text')
  source!: string;

  @Column('text')
  workflowId!: string;
}

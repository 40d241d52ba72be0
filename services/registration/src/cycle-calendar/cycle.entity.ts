import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CycleCalendarStep, IntakeWindow, IntakeWindowState } from '@ocop/contracts';
import { RecordedEntity, type ChangeInput } from '@ocop/persistence';

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

/** What a cycle's change records keep. */
export const CYCLE_FIELDS: Extract<keyof CycleEntity, string>[] = [
  'unitCode',
  'year',
  'steps',
  'reminderDays',
  'windows',
  'source',
];

/** A change to a unit's year: the cycle is the unit's own record (a province's, or a commune's). */
export function cycleChange(
  cycle: Pick<CycleEntity, 'unitCode' | 'year' | 'provinceCode'>,
  action: string,
  changes: ChangeInput['changes'],
  changedBy: string,
): ChangeInput {
  return {
    entityType: 'cycle',
    entityId: `${cycle.unitCode}/${cycle.year}`,
    action,
    changes,
    changedBy,
    unitCode: cycle.unitCode,
    provinceCode: cycle.provinceCode,
  };
}

import { defineQuery, defineSignal } from '@temporalio/workflow';

export const CYCLE_WORKFLOW = 'cycleWorkflow';

/** The six steps of the annual OCOP cycle (OCOP.md §4). */
export const CYCLE_STEPS = ['communication', 'ideas', 'plans', 'implementation', 'evaluation', 'promotion'] as const;
export type CycleStep = (typeof CYCLE_STEPS)[number];

/** Steps whose window registration opens and closes (intake of ideas, of business plans). */
export const INTAKE_WINDOWS = ['ideas', 'plans'] as const;
export type IntakeWindow = (typeof INTAKE_WINDOWS)[number];
export type IntakeWindowState = 'scheduled' | 'open' | 'closed';

/** One step on a unit's calendar for a year (dates YYYY-MM-DD, Asia/Ho_Chi_Minh, both inclusive). */
export interface CycleCalendarStep {
  step: CycleStep;
  nameVi: string;
  opensOn: string;
  closesOn: string;
  /** Deadlines inside the step, e.g. evaluation rounds "before 15 June" and "before 15 October". */
  deadlines: string[];
}

export interface CycleWorkflowInput {
  unitCode: string;
  year: number;
  provinceCode: string;
  steps: CycleCalendarStep[];
  /** Days before a window closes or a deadline falls when the communes are reminded, e.g. [7, 1]. */
  reminderDays: number[];
}

export interface CycleStatus {
  windows: Record<IntakeWindow, IntakeWindowState>;
  /** Keys of the calendar's actions already taken, e.g. `open:ideas`, `remind:ideas:7`. */
  done: string[];
  next: { key: string; at: string } | null;
}

export const cycleStatusQuery = defineQuery<CycleStatus>('status');
/** The unit changed its calendar for the year: actions not yet taken follow the new dates. */
export const cycleCalendarChangedSignal = defineSignal<[{ steps: CycleCalendarStep[] }]>('calendarChanged');

/** Activities the cycle workflow calls on registration's task queue. Idempotent. */
export interface RegistrationCycleActivities {
  setIntakeWindow(input: { unitCode: string; year: number; window: IntakeWindow; state: IntakeWindowState }): Promise<void>;
  /** Publishes a reminder to the unit's communes (event cycle.reminder), once per key. */
  remindCommunes(input: {
    unitCode: string;
    year: number;
    key: string;
    step: CycleStep;
    kind: 'step_starts' | 'window_closes' | 'deadline';
    date: string;
    daysLeft: number;
  }): Promise<void>;
}

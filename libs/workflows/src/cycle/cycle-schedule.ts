import type { CycleCalendarStep, CycleStep, IntakeWindow, IntakeWindowState } from '@ocop/contracts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const vietnamMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - 7 * HOUR_MS;

export type CycleAction =
  | { key: string; at: number; kind: 'window'; window: IntakeWindow; state: IntakeWindowState }
  | {
      key: string;
      at: number;
      kind: 'remind';
      step: CycleStep;
      reason: 'step_starts' | 'window_closes' | 'deadline';
      date: string;
      daysLeft: number;
    };

/**
 * Every timed action of a unit's calendar, in time order: windows open at 00:00 on their first day and close
 * at the end of their last; communes are reminded at 08:00 when a step starts, `reminderDays` before a
 * window closes and before each deadline. Pure: the workflow recomputes it when the calendar changes.
 */
export function cycleActions(steps: readonly CycleCalendarStep[], reminderDays: readonly number[]): CycleAction[] {
  const actions: CycleAction[] = [];
  const at8 = (date: string) => vietnamMidnight(date) + 8 * HOUR_MS;
  for (const step of steps) {
    actions.push({
      key: `starts:${step.step}`,
      at: at8(step.opensOn),
      kind: 'remind',
      step: step.step,
      reason: 'step_starts',
      date: step.opensOn,
      daysLeft: 0,
    });
    if (step.step === 'ideas' || step.step === 'plans') {
      const window = step.step;
      actions.push({ key: `open:${window}`, at: vietnamMidnight(step.opensOn), kind: 'window', window, state: 'open' });
      actions.push({
        key: `close:${window}`,
        at: vietnamMidnight(step.closesOn) + DAY_MS,
        kind: 'window',
        window,
        state: 'closed',
      });
      for (const days of reminderDays) {
        const at = at8(step.closesOn) - days * DAY_MS;
        if (at > at8(step.opensOn))
          actions.push({
            key: `closes:${window}:${days}`,
            at,
            kind: 'remind',
            step: step.step,
            reason: 'window_closes',
            date: step.closesOn,
            daysLeft: days,
          });
      }
    }
    for (const deadline of step.deadlines) {
      for (const days of reminderDays) {
        actions.push({
          key: `deadline:${step.step}:${deadline}:${days}`,
          at: at8(deadline) - days * DAY_MS,
          kind: 'remind',
          step: step.step,
          reason: 'deadline',
          date: deadline,
          daysLeft: days,
        });
      }
    }
  }
  return actions.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
}

/** The state a window has at `now` by the calendar's actions: before its opening, open, or after its close. */
export function windowStateAt(actions: readonly CycleAction[], window: IntakeWindow, now: number): IntakeWindowState {
  const openAt = actions.find((action) => action.key === `open:${window}`)?.at;
  const closeAt = actions.find((action) => action.key === `close:${window}`)?.at;
  if (openAt === undefined || closeAt === undefined || now < openAt) return 'scheduled';
  return now < closeAt ? 'open' : 'closed';
}

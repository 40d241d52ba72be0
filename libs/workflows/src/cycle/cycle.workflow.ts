import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  cycleCalendarChangedSignal,
  cycleStatusQuery,
  INTAKE_WINDOWS,
  TaskQueues,
  type CycleCalendarStep,
  type CycleStatus,
  type CycleWorkflowInput,
  type RegistrationCycleActivities,
} from '@ocop/contracts';
import { cycleActions, windowStateAt, type CycleAction } from './cycle-schedule';

const registration = proxyActivities<RegistrationCycleActivities>({
  taskQueue: TaskQueues.registration,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * A unit's OCOP year (workflow id `cycle-<unit>-<year>`, OCOP.md §4): the six steps on its calendar. Opens
 * and closes registration's intake windows for ideas and business plans on their dates, and reminds the
 * communes when a step starts, before a window closes and before each evaluation deadline. An action whose
 * time passed while the workflow was down (or before it started) is taken at once, in order, never lost;
 * a changed calendar re-times what is not done yet. Ends after the calendar's last action.
 */
export async function cycleWorkflow(input: CycleWorkflowInput): Promise<CycleStatus> {
  let actions = cycleActions(input.steps, input.reminderDays);
  const status: CycleStatus = { windows: { ideas: 'scheduled', plans: 'scheduled' }, done: [], next: null };
  const inbox: { steps: CycleCalendarStep[] | null } = { steps: null };

  setHandler(cycleStatusQuery, () => status);
  setHandler(cycleCalendarChangedSignal, ({ steps }) => {
    inbox.steps = steps;
  });

  for (;;) {
    const next = actions.find((action) => !status.done.includes(action.key));
    status.next = next ? { key: next.key, at: new Date(next.at).toISOString() } : null;
    if (!next) break;
    if (next.at > Date.now()) {
      const changed = await condition(() => inbox.steps !== null, next.at - Date.now());
      if (changed) {
        actions = cycleActions(inbox.steps!, input.reminderDays);
        inbox.steps = null;
        // What the new dates have not reached yet is to be done again when they come.
        status.done = status.done.filter((key) => {
          const action = actions.find((candidate) => candidate.key === key);
          return action !== undefined && action.at <= Date.now();
        });
        // Each window takes at once the state the new dates give it now (e.g. a window moved later closes).
        for (const window of INTAKE_WINDOWS) {
          const wanted = windowStateAt(actions, window, Date.now());
          if (wanted !== status.windows[window]) {
            await registration.setIntakeWindow({ unitCode: input.unitCode, year: input.year, window, state: wanted });
            status.windows[window] = wanted;
          }
        }
        continue;
      }
    }
    await take(next);
    status.done.push(next.key);
  }
  return status;

  async function take(action: CycleAction): Promise<void> {
    if (action.kind === 'window') {
      // A window whose close is also due already (late start) goes straight to closed.
      const closeDue = actions.some(
        (other) =>
          other.kind === 'window' &&
          other.window === action.window &&
          other.state === 'closed' &&
          other.at <= Date.now(),
      );
      if (action.state === 'open' && closeDue) return;
      await registration.setIntakeWindow({
        unitCode: input.unitCode,
        year: input.year,
        window: action.window,
        state: action.state,
      });
      status.windows[action.window] = action.state;
      return;
    }
    // Reminders that are long past (more than a day late) would mislead: skip them.
    if (Date.now() - action.at > 86_400_000) return;
    await registration.remindCommunes({
      unitCode: input.unitCode,
      year: input.year,
      key: action.key,
      step: action.step,
      kind: action.reason,
      date: action.date,
      daysLeft: action.daysLeft,
    });
  }
}

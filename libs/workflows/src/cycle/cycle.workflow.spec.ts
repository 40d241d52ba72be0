import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  CYCLE_WORKFLOW,
  cycleCalendarChangedSignal,
  cycleStatusQuery,
  TaskQueues,
  type CycleCalendarStep,
  type RegistrationCycleActivities,
  type RegistrationProductActivities,
} from '@ocop/contracts';
import { ensureSearchAttributes, ServiceWorker } from '@ocop/nest-common';
import { eventually, toolBinary } from '@ocop/testing';
import { keepHistory } from '../../test/record-history';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;
const date = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
const midnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - 7 * HOUR;

/** A unit's OCOP year on the time-skipping server; the activities record what registration was asked. */
describe('cycleWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const workers: ServiceWorker[] = [];
  const calls: { unit: string; call: string; at: number }[] = [];

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: toolBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_BIN') },
      },
    });
    await ensureSearchAttributes(env.client, env.namespace ?? 'default');
    const record = async (unit: string, call: string): Promise<void> => {
      calls.push({ unit, call, at: await env.currentTimeMs() });
    };
    const activities: RegistrationCycleActivities & RegistrationProductActivities = {
      setIntakeWindow: async ({ unitCode, window, state }) => record(unitCode, `${window} ${state}`),
      remindCommunes: async ({ unitCode, key }) => record(unitCode, `remind ${key}`),
      attachProductWorkflow: async () => undefined,
    };
    const common = { address: '', namespace: env.namespace ?? 'default', connection: env.nativeConnection };
    workers.push(
      await ServiceWorker.create({ ...common, taskQueue: TaskQueues.evaluation, activities: {}, hostWorkflows: true }),
      await ServiceWorker.create({ ...common, taskQueue: TaskQueues.registration, activities }),
    );
    for (const worker of workers) void worker.start();
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await env?.teardown();
  });

  /** A calendar relative to the server's now: ideas open in 10 days for 20 days, a deadline in 40. */
  function calendar(now: number): CycleCalendarStep[] {
    const on = (days: number) => date(now + days * DAY);
    const step = (name: CycleCalendarStep['step'], from: number, to: number, deadlines: number[] = []) => ({
      step: name,
      nameVi: name,
      opensOn: on(from),
      closesOn: on(to),
      deadlines: deadlines.map(on),
    });
    return [
      step('communication', -5, 60),
      step('ideas', 10, 29),
      step('plans', 30, 45),
      step('implementation', 46, 55),
      step('evaluation', 35, 50, [40]),
      step('promotion', -5, 60),
    ];
  }

  const start = async (unit: string, steps: CycleCalendarStep[]) =>
    env.client.workflow.start(CYCLE_WORKFLOW, {
      workflowId: `cycle-${unit}-2027`,
      taskQueue: TaskQueues.evaluation,
      args: [{ unitCode: unit, year: 2027, provinceCode: '24', steps, reminderDays: [7, 1] }],
    });
  const callsOf = (unit: string) => calls.filter((entry) => entry.unit === unit).map((entry) => entry.call);

  it('opens and closes the intake windows on their dates and reminds the communes before', async () => {
    const now = await env.currentTimeMs();
    const steps = calendar(now);
    const handle = await start('24', steps);
    await env.sleep(9 * DAY);
    expect(callsOf('24')).toEqual([]);
    await env.sleep(2 * DAY);
    await eventually(() => expect(callsOf('24')).toEqual(['ideas open', 'remind starts:ideas']));
    const ideas = steps.find((step) => step.step === 'ideas')!;
    expect(calls.find((entry) => entry.call === 'ideas open')!.at).toBeGreaterThanOrEqual(midnight(ideas.opensOn));
    expect((await handle.query(cycleStatusQuery)).windows).toEqual({ ideas: 'open', plans: 'scheduled' });

    await env.sleep(midnight(ideas.closesOn) + DAY + HOUR - (await env.currentTimeMs()));
    // The plans window opens the instant the ideas window closes (the next day's 00:00).
    await eventually(() =>
      expect(callsOf('24').slice(0, 6)).toEqual([
        'ideas open',
        'remind starts:ideas',
        'remind closes:ideas:7',
        'remind closes:ideas:1',
        'ideas closed',
        'plans open',
      ]),
    );
    const closed = calls.find((entry) => entry.call === 'ideas closed')!.at;
    expect(closed).toBeGreaterThanOrEqual(midnight(ideas.closesOn) + DAY);
    await expect(handle.result()).resolves.toEqual(
      expect.objectContaining({ windows: { ideas: 'closed', plans: 'closed' }, next: null }),
    );
    expect(callsOf('24')).toEqual(
      expect.arrayContaining(['plans open', 'plans closed', `remind deadline:evaluation:${date(now + 40 * DAY)}:7`]),
    );
    await keepHistory(env.client, handle, 'cycle-year');
  });

  it('catches up after a late start: past windows are set at once, stale reminders are skipped', async () => {
    const now = await env.currentTimeMs();
    // The calendar began 15 days ago: the idea window is open now, its reminders are still ahead.
    const steps = calendar(now - 15 * DAY);
    const handle = await start('07375', steps);
    await eventually(async () => expect((await handle.query(cycleStatusQuery)).windows.ideas).toBe('open'));
    expect(callsOf('07375')).toEqual(['ideas open']);
    await handle.signal(cycleCalendarChangedSignal, { steps: calendar(now + 100 * DAY) });
    // The new calendar opens the window later: it goes back to scheduled now, and opens on its new date.
    await eventually(() => expect(callsOf('07375')).toEqual(['ideas open', 'ideas scheduled']));
    await env.sleep(20 * DAY);
    expect(callsOf('07375')).toEqual(['ideas open', 'ideas scheduled']);
    await env.sleep(95 * DAY);
    await eventually(() =>
      expect(callsOf('07375').filter((call) => call.startsWith('ideas'))).toEqual([
        'ideas open',
        'ideas scheduled',
        'ideas open',
      ]),
    );
    await handle.terminate('test over');
  });
});

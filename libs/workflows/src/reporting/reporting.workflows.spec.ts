import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  REPORT_PERIOD_WORKFLOW,
  REPORTING_SCHEDULE_WORKFLOW,
  reportPeriodStatusQuery,
  reportPeriodWorkflowId,
  TaskQueues,
  type ReportingActivities,
  type ReportPeriodDates,
  type ReportPeriodStatus,
} from '@ocop/contracts';
import { ensureSearchAttributes, ServiceWorker } from '@ocop/nest-common';
import { eventually, toolBinary } from '@ocop/testing';
import { reportPeriodActions, vietnamDate, vietnamMidnight } from './report-period-schedule';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The reporting workflows on the time-skipping server. The activities stand for reporting's database: which
 * units have submitted, and what each step was asked to do, when (server time).
 */
describe('reporting workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: ServiceWorker;
  const units = ['07375', '07381', '07399'];
  /** Units that have submitted, per period key. */
  const submitted = new Map<string, Set<string>>();
  const calls: { period: string; step: string; units: string[]; at: number }[] = [];
  /** What periodsToOpen answers, per obligation. */
  const toOpen = new Map<string, ReportPeriodDates[]>();

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: toolBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_BIN') },
      },
    });
    await ensureSearchAttributes(env.client, env.namespace ?? 'default');
    const missing = (period: string) => units.filter((unit) => !submitted.get(period)?.has(unit));
    const record = async (period: string, step: string, which: string[]) =>
      calls.push({ period, step, units: which, at: await env.currentTimeMs() });
    const activities: ReportingActivities = {
      periodsToOpen: async ({ obligationCode }) => toOpen.get(obligationCode) ?? [],
      openPeriod: async ({ period }) => {
        await record(period.key, 'open', units);
        return { expected: units.length };
      },
      remindNonSubmitters: async ({ period, step }) => {
        await record(period.key, step, missing(period.key));
        return { reminded: missing(period.key).length };
      },
      escalateOverdue: async ({ period, step }) => {
        await record(period.key, step, missing(period.key));
        return { overdue: missing(period.key).length };
      },
    };
    worker = await ServiceWorker.create({
      address: '',
      namespace: env.namespace ?? 'default',
      connection: env.nativeConnection,
      taskQueue: TaskQueues.reporting,
      activities,
      hostWorkflows: true,
    });
    void worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  /** A period relative to a day: due `due` days later, reminded `reminders` days before, escalated 3 days after. */
  function period(key: string, start: string, due: number, reminders: number[]): ReportPeriodDates {
    const on = (days: number) => vietnamDate(vietnamMidnight(start) + days * DAY);
    const dueBefore = on(due);
    return {
      key,
      label: key,
      start,
      end: on(due + 10),
      dueBefore,
      reminders: reminders.map((days) => vietnamDate(vietnamMidnight(dueBefore) - days * DAY)),
      escalation: vietnamDate(vietnamMidnight(dueBefore) + 3 * DAY),
    };
  }

  const startPeriod = (obligationCode: string, dates: ReportPeriodDates) =>
    env.client.workflow.start(REPORT_PERIOD_WORKFLOW, {
      workflowId: reportPeriodWorkflowId(obligationCode, dates.key),
      taskQueue: TaskQueues.reporting,
      args: [{ obligationCode, period: dates }],
    });
  const callsOf = (key: string) => calls.filter((call) => call.period === key);
  const submit = (key: string, unit: string) => submitted.set(key, new Set([...(submitted.get(key) ?? []), unit]));

  it('reminds only the units that have not submitted, at 08:00 on the reminder days, then escalates the rest', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const dates = period('P-ON-TIME', today, 10, [5, 2]);
    const handle = await startPeriod('test', dates);
    await eventually(() => expect(callsOf(dates.key).map((call) => call.step)).toEqual(['open']));
    const [first, second, escalation] = reportPeriodActions(dates);

    // One unit submits before the first reminder: the others are reminded, on the day, at 08:00.
    submit(dates.key, '07375');
    await env.sleep(first!.at - (await env.currentTimeMs()) - HOUR);
    expect(callsOf(dates.key)).toHaveLength(1);
    await env.sleep(2 * HOUR);
    await eventually(() => expect(callsOf(dates.key)).toHaveLength(2));
    const reminder = callsOf(dates.key)[1]!;
    expect(reminder).toEqual(expect.objectContaining({ step: `remind:${dates.reminders[0]}`, units: ['07381', '07399'] }));
    expect(reminder.at).toBeGreaterThanOrEqual(vietnamMidnight(dates.reminders[0]!) + 8 * HOUR);
    expect(reminder.at).toBeLessThan(vietnamMidnight(dates.reminders[0]!) + 9 * HOUR);

    // A second one submits: only the last is reminded two days before the deadline, then escalated.
    submit(dates.key, '07381');
    const result = (await handle.result()) as ReportPeriodStatus;
    const steps = callsOf(dates.key);
    expect(steps.map((call) => `${call.step} ${call.units.join(',')}`)).toEqual([
      'open 07375,07381,07399',
      `remind:${dates.reminders[0]} 07381,07399`,
      `remind:${dates.reminders[1]} 07399`,
      'escalate 07399',
    ]);
    expect(steps[2]!.at).toBeGreaterThanOrEqual(second!.at);
    expect(steps[3]!.at).toBeGreaterThanOrEqual(escalation!.at);
    expect(steps[3]!.at).toBeGreaterThanOrEqual(vietnamMidnight(dates.escalation) + 8 * HOUR);
    expect(result).toEqual(
      expect.objectContaining({
        done: ['open', `remind:${dates.reminders[0]}`, `remind:${dates.reminders[1]}`, 'escalate'],
        skipped: [],
        overdue: 1,
        next: null,
      }),
    );
  });

  it('escalates nobody when every unit has submitted', async () => {
    const today = vietnamDate(await env.currentTimeMs());
    const dates = period('P-ALL-IN', today, 4, [2]);
    for (const unit of units) submit(dates.key, unit);
    const result = (await (await startPeriod('test', dates)).result()) as ReportPeriodStatus;
    expect(callsOf(dates.key).map((call) => `${call.step} ${call.units.length}`)).toEqual([
      'open 3',
      `remind:${dates.reminders[0]} 0`,
      'escalate 0',
    ]);
    expect(result.overdue).toBe(0);
  });

  it('catches up a late start: a stale reminder is skipped, the latest due one is sent at once; after the deadline only the escalation', async () => {
    const now = await env.currentTimeMs();
    const today = vietnamDate(now);
    // Started 12 days late: both reminders are past, the deadline is tomorrow.
    const late = period('P-LATE', vietnamDate(now - 13 * DAY), 14, [5, 2]);
    const handle = await startPeriod('test', late);
    await eventually(async () =>
      expect((await handle.query(reportPeriodStatusQuery)).done).toEqual(['open', `remind:${late.reminders[1]}`]),
    );
    expect((await handle.query(reportPeriodStatusQuery)).skipped).toEqual([`remind:${late.reminders[0]}`]);
    const sent = callsOf(late.key)[1]!;
    expect(sent.at - now).toBeLessThan(HOUR);

    // Started after its escalation day: no reminder at all, the level above is told at once.
    const lost = period('P-LOST', vietnamDate(now - 30 * DAY), 10, [5, 2]);
    expect(lost.escalation < today).toBe(true);
    const result = (await (await startPeriod('test', lost)).result()) as ReportPeriodStatus;
    expect(result.skipped).toEqual([`remind:${lost.reminders[0]}`, `remind:${lost.reminders[1]}`]);
    expect(callsOf(lost.key).map((call) => call.step)).toEqual(['open', 'escalate']);
    await handle.terminate('test over');
  });

  it('the schedule’s run opens each started period once, including one a missed run left unopened', async () => {
    const now = await env.currentTimeMs();
    const missed = period('2026-M01', vietnamDate(now - 40 * DAY), 60, [5]);
    const current = period('2026-M02', vietnamDate(now - 2 * DAY), 20, [5]);
    toOpen.set('sched', [missed, current]);
    const run = (id: string) =>
      env.client.workflow.execute(REPORTING_SCHEDULE_WORKFLOW, {
        workflowId: id,
        taskQueue: TaskQueues.reporting,
        args: [{ obligationCode: 'sched', catchUpDays: 31 }],
      });
    await expect(run('reporting-sched-run-1')).resolves.toEqual(
      expect.objectContaining({ today: vietnamDate(now), opened: ['2026-M01', '2026-M02'], alreadyOpen: [] }),
    );
    // A second run (the next period's, or a caught-up one) finds both open: nothing twice.
    await expect(run('reporting-sched-run-2')).resolves.toEqual(
      expect.objectContaining({ opened: [], alreadyOpen: ['2026-M01', '2026-M02'] }),
    );
    for (const key of ['2026-M01', '2026-M02']) {
      const description = await env.client.workflow.getHandle(reportPeriodWorkflowId('sched', key)).describe();
      expect(description.type).toBe(REPORT_PERIOD_WORKFLOW);
    }
    await eventually(() => expect(callsOf('2026-M01').map((call) => call.step)).toContain('open'));
    expect(callsOf('2026-M01').filter((call) => call.step === 'open')).toHaveLength(1);
    for (const key of ['2026-M01', '2026-M02'])
      await env.client.workflow.getHandle(reportPeriodWorkflowId('sched', key)).terminate('test over');
  });
});

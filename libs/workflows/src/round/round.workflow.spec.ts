import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  ROUND_WORKFLOW,
  roundPhaseChangedSignal,
  roundScorecardSubmittedSignal,
  roundStatusQuery,
  SearchAttributes,
  TaskQueues,
  type EvaluationRoundActivities,
  type RoundPhase,
  type RoundWorkflowInput,
} from '@ocop/contracts';
import { ensureSearchAttributes, ServiceWorker } from '@ocop/nest-common';
import { eventually, toolBinary } from '@ocop/testing';
import { keepHistory } from '../../test/record-history';
import { vietnamMidnight } from './round-schedule';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The round workflow on the time-skipping server: the activities stand for evaluation's database and
 * record what the timers asked, when, in server time.
 */
describe('roundWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let worker: ServiceWorker;
  const calls: { round: string; call: string; at: number }[] = [];
  /** What the fake database says per round. */
  const rounds = new Map<string, { phase: RoundPhase; pending: number; quorum: boolean }>();

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: toolBinary('temporal-test-server', 'TEMPORAL_TEST_SERVER_BIN') },
      },
    });
    await ensureSearchAttributes(env.client, env.namespace ?? 'default');
    const record = async (round: string, call: string) => calls.push({ round, call, at: await env.currentTimeMs() });
    const activities: EvaluationRoundActivities = {
      closeDossierIntake: async ({ roundId }) => {
        await record(roundId, 'closeDossierIntake');
        const round = rounds.get(roundId)!;
        if (round.phase !== 'open') return { phase: round.phase, moved: false };
        round.phase = 'scoring';
        return { phase: 'scoring', moved: true };
      },
      remindPendingMembers: async ({ roundId, occasion }) => {
        await record(roundId, `remind ${occasion}`);
        return { reminded: rounds.get(roundId)!.pending > 0 ? 3 : 0 };
      },
      pendingScorecards: async ({ roundId }) => {
        await record(roundId, 'pendingScorecards');
        return rounds.get(roundId)!.pending;
      },
      closeScoring: async ({ roundId, reason }) => {
        await record(roundId, `closeScoring ${reason}`);
        const round = rounds.get(roundId)!;
        if (!round.quorum) return { phase: round.phase, moved: false, problem: 'ROUND_QUORUM_NOT_MET' };
        round.phase = 'deliberation';
        return { phase: 'deliberation', moved: true, problem: null };
      },
    };
    worker = await ServiceWorker.create({
      address: '',
      namespace: env.namespace ?? 'default',
      connection: env.nativeConnection,
      taskQueue: TaskQueues.evaluation,
      activities,
      hostWorkflows: true,
    });
    void worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  const date = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);

  async function open(roundId: string, state: { pending: number; quorum: boolean }) {
    const now = await env.currentTimeMs();
    rounds.set(roundId, { phase: 'open', ...state });
    const input: RoundWorkflowInput = {
      roundId,
      name: `Đợt ${roundId}`,
      level: 'province',
      provinceCode: '24',
      versionCode: '1489/2025',
      dossierDeadline: date(now + 10 * DAY),
      meetingDate: date(now + 20 * DAY),
      scoringDeadline: date(now + 27 * DAY),
      phase: 'open',
    };
    const handle = await env.client.workflow.start(ROUND_WORKFLOW, {
      workflowId: `round-${roundId}`,
      taskQueue: TaskQueues.evaluation,
      args: [input],
      typedSearchAttributes: [{ key: SearchAttributes.stage, value: 'open' }],
    });
    return { handle, input };
  }

  const callsOf = (round: string) => calls.filter((entry) => entry.round === round);

  it('closes the intake at the deadline, reminds on the meeting day and the eve, ends scoring at the deadline', async () => {
    const { handle, input } = await open('r1', { pending: 4, quorum: true });
    await env.sleep(9 * DAY);
    expect(callsOf('r1')).toEqual([]);
    await env.sleep(2 * DAY);
    await eventually(() => expect(callsOf('r1').map((entry) => entry.call)).toEqual(['closeDossierIntake']));
    expect(callsOf('r1')[0]!.at).toBeGreaterThanOrEqual(vietnamMidnight(input.dossierDeadline) + DAY);
    await eventually(async () => expect((await handle.query(roundStatusQuery)).phase).toBe('scoring'));

    await env.sleep(vietnamMidnight(input.scoringDeadline) + DAY + HOUR - (await env.currentTimeMs()));
    await eventually(() =>
      expect(callsOf('r1').map((entry) => entry.call)).toEqual([
        'closeDossierIntake',
        'remind meeting-day',
        'remind scoring-deadline-eve',
        'closeScoring deadline',
      ]),
    );
    const [, meetingDay, eve] = callsOf('r1');
    expect(meetingDay!.at).toBeGreaterThanOrEqual(vietnamMidnight(input.meetingDate) + 7 * HOUR);
    expect(eve!.at).toBeGreaterThanOrEqual(vietnamMidnight(input.scoringDeadline) - DAY + 7 * HOUR);
    expect(eve!.at).toBeLessThan(vietnamMidnight(input.scoringDeadline));
    const status = await handle.query(roundStatusQuery);
    expect(status).toEqual({
      phase: 'deliberation',
      overdue: false,
      reminders: ['meeting-day', 'scoring-deadline-eve'],
      blockedBy: null,
    });

    await handle.signal(roundPhaseChangedSignal, { phase: 'decided' });
    await handle.signal(roundPhaseChangedSignal, { phase: 'closed' });
    await expect(handle.result()).resolves.toBe('closed');
    await keepHistory(env.client, handle, 'round-deadlines');
  });

  it('ends scoring as soon as the last scorecard is in', async () => {
    const { handle } = await open('r2', { pending: 1, quorum: true });
    await env.sleep(11 * DAY);
    await eventually(async () => expect((await handle.query(roundStatusQuery)).phase).toBe('scoring'));
    await handle.signal(roundScorecardSubmittedSignal);
    await eventually(() => expect(callsOf('r2').at(-1)?.call).toBe('pendingScorecards'));
    rounds.get('r2')!.pending = 0;
    await handle.signal(roundScorecardSubmittedSignal);
    await eventually(async () => expect((await handle.query(roundStatusQuery)).phase).toBe('deliberation'));
    expect(callsOf('r2').map((entry) => entry.call)).toEqual([
      'closeDossierIntake',
      'pendingScorecards',
      'pendingScorecards',
      'closeScoring all_submitted',
    ]);
    await handle.signal(roundPhaseChangedSignal, { phase: 'closed' });
    await expect(handle.result()).resolves.toBe('closed');
    await keepHistory(env.client, handle, 'round-all-submitted');
  });

  it('without quorum at the deadline the round shows as overdue and waits for staff', async () => {
    const { handle, input } = await open('r3', { pending: 2, quorum: false });
    await env.sleep(vietnamMidnight(input.scoringDeadline) + DAY + HOUR - (await env.currentTimeMs()));
    await eventually(async () =>
      expect(await handle.query(roundStatusQuery)).toEqual(
        expect.objectContaining({ phase: 'scoring', overdue: true, blockedBy: 'ROUND_QUORUM_NOT_MET' }),
      ),
    );
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(SearchAttributes.stage)).toBe('overdue');
    // Staff record attendance and move the round on; the decision clears the flag.
    await handle.signal(roundPhaseChangedSignal, { phase: 'deliberation' });
    await handle.signal(roundPhaseChangedSignal, { phase: 'decided' });
    await eventually(async () => expect((await handle.query(roundStatusQuery)).overdue).toBe(false));
    await handle.signal(roundPhaseChangedSignal, { phase: 'closed' });
    await expect(handle.result()).resolves.toBe('closed');
    await keepHistory(env.client, handle, 'round-no-quorum');
  });

  it('leaves to staff the deadlines that had passed when a past round was opened', async () => {
    const now = await env.currentTimeMs();
    rounds.set('r5', { phase: 'open', pending: 3, quorum: true });
    const handle = await env.client.workflow.start(ROUND_WORKFLOW, {
      workflowId: 'round-r5',
      taskQueue: TaskQueues.evaluation,
      args: [
        {
          roundId: 'r5',
          name: 'Đợt 1 năm 2024 (nhập lại)',
          level: 'district',
          provinceCode: '24',
          versionCode: '148/2023',
          dossierDeadline: date(now - 300 * DAY),
          meetingDate: date(now - 290 * DAY),
          scoringDeadline: date(now - 280 * DAY),
          phase: 'open',
        } satisfies RoundWorkflowInput,
      ],
    });
    await env.sleep(30 * DAY);
    expect(callsOf('r5')).toEqual([]);
    expect(await handle.query(roundStatusQuery)).toEqual(
      expect.objectContaining({ phase: 'open', overdue: false, blockedBy: null }),
    );
    await handle.signal(roundPhaseChangedSignal, { phase: 'closed' });
    await expect(handle.result()).resolves.toBe('closed');
  });

  it('flags a round still undecided a week after its scoring deadline', async () => {
    const { handle, input } = await open('r4', { pending: 0, quorum: true });
    await env.sleep(vietnamMidnight(input.scoringDeadline) + 2 * DAY - (await env.currentTimeMs()));
    await eventually(async () => expect((await handle.query(roundStatusQuery)).phase).toBe('deliberation'));
    expect((await handle.query(roundStatusQuery)).overdue).toBe(false);
    await env.sleep(7 * DAY);
    await eventually(async () => expect((await handle.query(roundStatusQuery)).overdue).toBe(true));
    await handle.signal(roundPhaseChangedSignal, { phase: 'decided' });
    await handle.signal(roundPhaseChangedSignal, { phase: 'closed' });
    await expect(handle.result()).resolves.toBe('closed');
  });
});

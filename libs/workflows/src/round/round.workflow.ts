import { condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import {
  roundPhaseChangedSignal,
  roundScheduleChangedSignal,
  roundScorecardSubmittedSignal,
  roundStatusQuery,
  SearchAttributes,
  TaskQueues,
  type EvaluationRoundActivities,
  type RoundPhase,
  type RoundSchedule,
  type RoundWorkflowInput,
  type RoundWorkflowStatus,
} from '@ocop/contracts';
import { nextRoundStep, roundSteps, type RoundStep, type RoundStepName } from './round-schedule';

const evaluation = proxyActivities<EvaluationRoundActivities>({
  taskQueue: TaskQueues.evaluation,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/**
 * One evaluation round (workflow id `round-<roundId>`, OCOP.md §5.4), from its opening to its closing:
 * closes the dossier intake at the deadline, reminds members with pending scorecards (the meeting day
 * and the eve of the scoring deadline), ends scoring when every scorecard is in or the deadline passes
 * (deliberation needs quorum: without it the round shows as overdue and waits for staff), and flags a
 * round not decided a week after its scoring deadline. Staff move the round too; their moves arrive as
 * signals. Search attribute OcopStage holds the phase, or `overdue`. Deadlines that had already passed when
 * the round opened are not acted on (a past round being recorded).
 */
export async function roundWorkflow(input: RoundWorkflowInput): Promise<RoundPhase> {
  let schedule: RoundSchedule = {
    dossierDeadline: input.dossierDeadline,
    meetingDate: input.meetingDate,
    scoringDeadline: input.scoringDeadline,
  };
  const status: RoundWorkflowStatus = { phase: input.phase, overdue: false, reminders: [], blockedBy: null };
  /** Timed steps taken (or skipped because the phase moved on). */
  const done: RoundStepName[] = [];
  const inbox: { phase: RoundPhase | null; schedule: RoundSchedule | null; submitted: boolean } = {
    phase: null,
    schedule: null,
    submitted: false,
  };

  setHandler(roundStatusQuery, () => status);
  setHandler(roundPhaseChangedSignal, ({ phase }) => {
    inbox.phase = phase;
  });
  setHandler(roundScheduleChangedSignal, (next) => {
    inbox.schedule = next;
  });
  setHandler(roundScorecardSubmittedSignal, () => {
    inbox.submitted = true;
  });

  // Deadlines already past when the round opened (a past round recorded after the fact) are left to staff.
  for (const step of roundSteps(schedule)) if (step.at <= Date.now()) done.push(step.name);

  const show = () =>
    upsertSearchAttributes([{ key: SearchAttributes.stage, value: status.overdue ? 'overdue' : status.phase }]);
  const enter = (phase: RoundPhase) => {
    status.phase = phase;
    status.blockedBy = null;
    if (phase === 'decided' || phase === 'closed') status.overdue = false;
    show();
  };

  while (status.phase !== 'closed') {
    const step = nextRoundStep(schedule, status.phase, done);
    const wake = () => inbox.phase !== null || inbox.schedule !== null || inbox.submitted;
    if (!step) await condition(wake);
    else if (step.at > Date.now()) await condition(wake, step.at - Date.now());

    if (inbox.phase !== null) {
      enter(inbox.phase);
      inbox.phase = null;
    }
    if (inbox.schedule !== null) {
      schedule = inbox.schedule;
      inbox.schedule = null;
      // New dates: a step moved into the future is taken again when it falls due.
      const later = roundSteps(schedule).filter((candidate) => candidate.at > Date.now()).map((candidate) => candidate.name);
      done.splice(0, done.length, ...done.filter((name) => !later.includes(name)));
    }
    if (inbox.submitted) {
      inbox.submitted = false;
      if (status.phase === 'scoring' && (await evaluation.pendingScorecards({ roundId: input.roundId })) === 0)
        await closeScoring('all_submitted');
    }
    const due = nextRoundStep(schedule, status.phase, done);
    if (due && due.at <= Date.now()) await take(due);
  }
  return status.phase;

  async function take(step: RoundStep): Promise<void> {
    done.push(step.name);
    switch (step.name) {
      case 'close-intake': {
        const result = await evaluation.closeDossierIntake({ roundId: input.roundId });
        if (result.moved) enter(result.phase);
        else if (result.phase === 'open') status.blockedBy = 'no products entered by the dossier deadline';
        return;
      }
      case 'remind:meeting-day':
      case 'remind:scoring-deadline-eve': {
        const occasion = step.name.slice('remind:'.length);
        await evaluation.remindPendingMembers({ roundId: input.roundId, occasion });
        status.reminders.push(occasion);
        return;
      }
      case 'close-scoring':
        await closeScoring('deadline');
        return;
      case 'decision-overdue':
        status.overdue = true;
        show();
        return;
    }
  }

  async function closeScoring(reason: 'all_submitted' | 'deadline'): Promise<void> {
    const result = await evaluation.closeScoring({ roundId: input.roundId, reason });
    if (result.moved) return enter(result.phase);
    if (result.phase !== 'scoring') return enter(result.phase);
    status.blockedBy = result.problem;
    if (reason === 'deadline') {
      status.overdue = true;
      show();
    }
  }
}

import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { EvaluationLevel, RoundPhase } from '../events/evaluation.events';

export const ROUND_WORKFLOW = 'roundWorkflow';

/** A round's dates (YYYY-MM-DD, Asia/Ho_Chi_Minh); each deadline ends at midnight after its day. */
export interface RoundSchedule {
  dossierDeadline: string;
  meetingDate: string;
  scoringDeadline: string;
}

export interface RoundWorkflowInput extends RoundSchedule {
  roundId: string;
  name: string;
  level: EvaluationLevel;
  provinceCode: string;
  versionCode: string;
  phase: RoundPhase;
}

export interface RoundWorkflowStatus {
  phase: RoundPhase;
  /** Past the scoring deadline and not yet decided. */
  overdue: boolean;
  /** Reminder occasions already sent, e.g. `meeting-day`, `scoring-deadline-eve`. */
  reminders: string[];
  /** Why the workflow could not move the round itself, if it could not (e.g. no quorum). */
  blockedBy: string | null;
}

export const roundStatusQuery = defineQuery<RoundWorkflowStatus>('status');
/** The round's phase moved (from evaluation's phase-changed events). */
export const roundPhaseChangedSignal = defineSignal<[{ phase: RoundPhase }]>('phaseChanged');
/** An organiser changed the round's dates. */
export const roundScheduleChangedSignal = defineSignal<[RoundSchedule]>('scheduleChanged');
/** A member submitted a scorecard: time to check whether all are in. */
export const roundScorecardSubmittedSignal = defineSignal<[]>('scorecardSubmitted');

export type CloseScoringReason = 'all_submitted' | 'deadline';

/** Activities the round workflow calls on evaluation's task queue. Each is idempotent. */
export interface EvaluationRoundActivities {
  /** At the dossier deadline: an open round with products moves to scoring. */
  closeDossierIntake(input: { roundId: string }): Promise<{ phase: RoundPhase; moved: boolean }>;
  /** Reminds each present member with pending scorecards (event round.scoring-reminder), once per occasion. */
  remindPendingMembers(input: { roundId: string; occasion: string }): Promise<{ reminded: number }>;
  /** Scorecards still expected from present, non-recused members. */
  pendingScorecards(input: { roundId: string }): Promise<number>;
  /** Scoring ends: the round moves to deliberation (which needs quorum); `problem` says why it could not. */
  closeScoring(input: {
    roundId: string;
    reason: CloseScoringReason;
  }): Promise<{ phase: RoundPhase; moved: boolean; problem: string | null }>;
}

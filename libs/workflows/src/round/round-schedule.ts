import type { RoundPhase, RoundSchedule } from '@ocop/contracts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** 00:00 Asia/Ho_Chi_Minh (UTC+7, no daylight saving) of a YYYY-MM-DD date, as epoch ms. */
export function vietnamMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - 7 * HOUR_MS;
}

/** Days after the scoring deadline by which a round should be decided before it shows as overdue. */
export const DECISION_GRACE_DAYS = 7;

export type RoundStepName =
  | 'close-intake'
  | 'remind:meeting-day'
  | 'remind:scoring-deadline-eve'
  | 'close-scoring'
  | 'decision-overdue';

export interface RoundStep {
  name: RoundStepName;
  at: number;
  /** Phases in which the step still applies. */
  phases: readonly RoundPhase[];
}

/** The timed steps of a round, in time order. Reminders go out at 07:00 on their day. */
export function roundSteps(schedule: RoundSchedule): RoundStep[] {
  const endOf = (date: string) => vietnamMidnight(date) + DAY_MS;
  const steps: RoundStep[] = [
    { name: 'close-intake', at: endOf(schedule.dossierDeadline), phases: ['open'] },
    { name: 'remind:meeting-day', at: vietnamMidnight(schedule.meetingDate) + 7 * HOUR_MS, phases: ['scoring'] },
    {
      name: 'remind:scoring-deadline-eve',
      at: vietnamMidnight(schedule.scoringDeadline) - DAY_MS + 7 * HOUR_MS,
      phases: ['scoring'],
    },
    { name: 'close-scoring', at: endOf(schedule.scoringDeadline), phases: ['scoring'] },
    {
      name: 'decision-overdue',
      at: endOf(schedule.scoringDeadline) + DECISION_GRACE_DAYS * DAY_MS,
      phases: ['scoring', 'deliberation'],
    },
  ];
  return steps.sort((a, b) => a.at - b.at);
}

/** The first step not done yet that applies in this phase (it may already be due). */
export function nextRoundStep(
  schedule: RoundSchedule,
  phase: RoundPhase,
  done: readonly string[],
): RoundStep | undefined {
  return roundSteps(schedule).find((step) => step.phases.includes(phase) && !done.includes(step.name));
}

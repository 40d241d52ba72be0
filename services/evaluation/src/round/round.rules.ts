import type { RoundEntryKind, RoundPhase } from '@ocop/contracts';

/**
 * A round's phases (OCOP.md §5.4) and what each allows. Pure rules shared by the API, the ranking and
 * the round workflow.
 */
export const ROUND_PHASES = [
  'draft',
  'open',
  'scoring',
  'deliberation',
  'decided',
  'closed',
] as const satisfies readonly RoundPhase[];
export const ROUND_ENTRY_KINDS = ['new', 'upgrade', 're_evaluation'] as const satisfies readonly RoundEntryKind[];

/** Forward moves only, except deliberation → scoring (the council sends flagged products back). */
export const ROUND_PHASE_TRANSITIONS: Readonly<Record<RoundPhase, readonly RoundPhase[]>> = {
  draft: ['open'],
  open: ['scoring'],
  scoring: ['deliberation'],
  deliberation: ['scoring', 'decided'],
  decided: ['closed'],
  closed: [],
};

export function canMoveRound(from: RoundPhase, to: RoundPhase): boolean {
  return ROUND_PHASE_TRANSITIONS[from].includes(to);
}

/** What may happen in each phase. */
export const PHASE_ALLOWS = {
  editRound: ['draft', 'open'],
  enterProducts: ['draft', 'open'],
  recordAttendance: ['open', 'scoring', 'deliberation'],
  declareInterest: ['open', 'scoring'],
  score: ['scoring', 'deliberation'],
  decide: ['deliberation'],
} as const satisfies Record<string, readonly RoundPhase[]>;

export type PhaseAction = keyof typeof PHASE_ALLOWS;

export function phaseAllows(phase: RoundPhase, action: PhaseAction): boolean {
  return (PHASE_ALLOWS[action] as readonly RoundPhase[]).includes(phase);
}

export type Aggregation = 'mean' | 'median';

/** The product's score from the members' totals, rounded to 2 decimals (the bands are half-open). */
export function aggregateTotals(totals: readonly number[], aggregation: Aggregation): number {
  if (totals.length === 0) throw new RangeError('no totals to aggregate');
  let value: number;
  if (aggregation === 'mean') {
    value = totals.reduce((sum, total) => sum + total, 0) / totals.length;
  } else {
    const sorted = [...totals].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  }
  // Round half up at 2 decimals without binary drift (69.995 → 70.00).
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/**
 * Members whose totals differ from another member's by more than `threshold` (OCOP.md §5.4: they
 * re-score). Empty when the spread is within the threshold.
 */
export function membersToRescore(totals: readonly { memberId: string; total: number }[], threshold: number): string[] {
  const involved = new Set<string>();
  for (const a of totals) {
    for (const b of totals) {
      if (a.total - b.total > threshold) {
        involved.add(a.memberId);
        involved.add(b.memberId);
      }
    }
  }
  return totals.map((entry) => entry.memberId).filter((id) => involved.has(id));
}

/**
 * The product's star cap from the members' missed mandatory criteria: a requirement counts as missed
 * when at least half of the scoring members found it missed (the council's majority view); the cap is
 * one below the lowest star level a missed requirement is needed for.
 */
export function productStarCap(memberMisses: readonly (readonly { criterion: string; requiredForStars: number }[])[]): {
  starCap: number;
  missed: string[];
} {
  const counts = new Map<string, { count: number; requiredForStars: number }>();
  for (const misses of memberMisses) {
    for (const miss of misses) {
      const entry = counts.get(miss.criterion) ?? { count: 0, requiredForStars: miss.requiredForStars };
      entry.count += 1;
      counts.set(miss.criterion, entry);
    }
  }
  let starCap = 5;
  const missed: string[] = [];
  for (const [criterion, entry] of counts) {
    if (entry.count * 2 >= memberMisses.length) {
      missed.push(criterion);
      starCap = Math.min(starCap, entry.requiredForStars - 1);
    }
  }
  return { starCap, missed: missed.sort() };
}

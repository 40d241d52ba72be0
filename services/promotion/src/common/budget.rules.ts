/**
 * A budget that approvals draw on (rewards per paying unit and year, support per programme): what is
 * committed (approved or paid) plus the new amount may not pass it.
 */
export type BudgetCheck =
  | { ok: true; remainingVnd: number }
  | { ok: false; reason: 'no_budget' }
  | { ok: false; reason: 'exceeded'; remainingVnd: number };

export function checkBudget(budgetVnd: number | null, committedVnd: number, amountVnd: number): BudgetCheck {
  if (budgetVnd === null) return { ok: false, reason: 'no_budget' };
  const remaining = budgetVnd - committedVnd;
  if (amountVnd > remaining) return { ok: false, reason: 'exceeded', remainingVnd: Math.max(0, remaining) };
  return { ok: true, remainingVnd: remaining - amountVnd };
}

/** Moves a status may make, per state machine. */
export function canMove<S extends string>(transitions: Readonly<Record<S, readonly S[]>>, from: S, to: S): boolean {
  return transitions[from].includes(to);
}

import { maxPoints, requiredPoints, type CriteriaSetDocument, type ScoreChoices } from './criteria-set.rules';

/**
 * Options that add up to about `target` points (never below it by more than the smallest step), keeping
 * every required criterion met except those in `miss`, which take their lowest option. Deterministic: the
 * demo rounds, the tests and the benchmarks use it to stand in for a member's judgement.
 */
export function choicesForTarget(doc: CriteriaSetDocument, target: number, miss: readonly string[] = []): ScoreChoices {
  const criteria = doc.parts.flatMap((part) => part.criteria);
  const chosen = new Map<string, number>();
  const sortedOptions = new Map(
    criteria.map((criterion) => [criterion.code, [...criterion.options].sort((a, b) => b.points - a.points)]),
  );
  for (const criterion of criteria) {
    const options = sortedOptions.get(criterion.code)!;
    chosen.set(criterion.code, miss.includes(criterion.code) ? options.length - 1 : 0);
  }
  const total = () =>
    criteria.reduce(
      (sum, criterion) => sum + sortedOptions.get(criterion.code)![chosen.get(criterion.code)!]!.points,
      0,
    );
  let excess = total() - target;
  // Lower one criterion a step at a time, round-robin, so the loss spreads over the parts.
  let moved = true;
  while (excess > 0 && moved) {
    moved = false;
    for (const criterion of criteria) {
      if (excess <= 0) break;
      const options = sortedOptions.get(criterion.code)!;
      const index = chosen.get(criterion.code)!;
      const next = options[index + 1];
      if (!next) continue;
      const step = options[index]!.points - next.points;
      const keepsRequirement =
        criterion.requiredForStars === null ||
        miss.includes(criterion.code) ||
        next.points >= requiredPoints(criterion);
      if (step <= excess && keepsRequirement) {
        chosen.set(criterion.code, index + 1);
        excess -= step;
        moved = true;
      }
    }
  }
  return Object.fromEntries(
    criteria.map((criterion) => [
      criterion.code,
      sortedOptions.get(criterion.code)![chosen.get(criterion.code)!]!.code,
    ]),
  );
}

/** The highest total a set allows (100 for a valid set). */
export function setMaximum(doc: CriteriaSetDocument): number {
  return doc.parts.flatMap((part) => part.criteria).reduce((sum, criterion) => sum + maxPoints(criterion), 0);
}

import { readRegulations } from '../regulation/regulation.data';
import { readShippedCriteriaSets } from './criteria-set.data';
import { scoreChoices } from './criteria-set.rules';
import { choicesForTarget, setMaximum } from './criteria-set.sampling';

describe('choicesForTarget', () => {
  const sets = readShippedCriteriaSets(readRegulations());

  it.each([95, 88, 75, 62, 45])('reaches about %d points on every shipped set, all requirements met', (target) => {
    for (const { document } of sets) {
      const scored = scoreChoices(document, choicesForTarget(document, target));
      expect(scored.missingCriteria).toEqual([]);
      expect(scored.total).toBeGreaterThanOrEqual(target);
      expect(scored.total).toBeLessThan(target + 3);
      if (target >= 50) expect(scored.starCap).toBe(5);
    }
  });

  it('misses the requirements it is told to miss', () => {
    const { document } = sets[0]!;
    const required = document.parts
      .flatMap((part) => part.criteria)
      .find((criterion) => criterion.requiredForStars === 3)!;
    const scored = scoreChoices(document, choicesForTarget(document, 80, [required.code]));
    expect(scored.missedRequirements.map((miss) => miss.criterion)).toContain(required.code);
    expect(scored.starCap).toBe(2);
    expect(setMaximum(document)).toBe(100);
  });
});

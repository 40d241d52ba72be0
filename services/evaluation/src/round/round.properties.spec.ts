import fc from 'fast-check';
import { readRegulations } from '../regulation/regulation.data';
import { readShippedCriteriaSets } from '../criteria-set/criteria-set.data';
import { scoreChoices } from '../criteria-set/criteria-set.rules';
import { choicesForTarget } from '../criteria-set/criteria-set.sampling';
import { aggregateTotals, membersToRescore, productStarCap } from './round.rules';

/** Properties of scoring (fast-check): aggregation, the spread rule, star caps, the shipped sets. */
describe('scoring rules (properties)', () => {
  const total = fc.double({ min: 0, max: 100, noNaN: true });
  const totals = fc.array(total, { minLength: 1, maxLength: 15 });

  it('the product score lies between the lowest and the highest member total', () => {
    fc.assert(
      fc.property(totals, fc.constantFrom('mean' as const, 'median' as const), (values, aggregation) => {
        const score = aggregateTotals(values, aggregation);
        expect(score).toBeGreaterThanOrEqual(Math.min(...values) - 0.005);
        expect(score).toBeLessThanOrEqual(Math.max(...values) + 0.005);
      }),
    );
  });

  it('members are sent back exactly when the spread exceeds the threshold, always in pairs or more', () => {
    fc.assert(
      fc.property(totals, fc.integer({ min: 1, max: 30 }), (values, threshold) => {
        const members = values.map((value, index) => ({ memberId: `m${index}`, total: value }));
        const rescore = membersToRescore(members, threshold);
        const spread = Math.max(...values) - Math.min(...values);
        expect(rescore.length > 0).toBe(spread > threshold);
        expect(rescore.length === 0 || rescore.length >= 2).toBe(true);
      }),
    );
  });

  it('the star cap is never above 5 and falls only for requirements half the members missed', () => {
    const miss = fc.record({
      criterion: fc.constantFrom('C2.1', 'C2.3', 'B2.1'),
      requiredForStars: fc.constantFrom(3, 4, 5),
    });
    fc.assert(
      fc.property(
        // A member's scorecard lists each missed criterion once.
        fc.array(fc.uniqueArray(miss, { maxLength: 3, selector: (m) => m.criterion }), { minLength: 1, maxLength: 9 }),
        (members) => {
          // The same criterion always has one required level in a set.
          const level: Record<string, number> = { 'C2.1': 3, 'C2.3': 4, 'B2.1': 5 };
          const normalised = members.map((misses) =>
            misses.map((m) => ({ ...m, requiredForStars: level[m.criterion]! })),
          );
          const { starCap, missed } = productStarCap(normalised);
          expect(starCap).toBeLessThanOrEqual(5);
          for (const criterion of missed) {
            const count = normalised.filter((misses) => misses.some((m) => m.criterion === criterion)).length;
            expect(count * 2).toBeGreaterThanOrEqual(normalised.length);
            expect(starCap).toBeLessThanOrEqual(level[criterion]! - 1);
          }
        },
      ),
    );
  });

  it('choicesForTarget reaches any target on every shipped set without missing a requirement', () => {
    const sets = readShippedCriteriaSets(readRegulations()).map((shipped) => shipped.document);
    fc.assert(
      fc.property(fc.constantFrom(...sets), fc.integer({ min: 40, max: 100 }), (set, target) => {
        const scored = scoreChoices(set, choicesForTarget(set, target));
        expect(scored.missingCriteria).toEqual([]);
        expect(scored.total).toBeGreaterThanOrEqual(target);
        expect(scored.total).toBeLessThan(target + 5);
      }),
      { numRuns: 200 },
    );
  });
});

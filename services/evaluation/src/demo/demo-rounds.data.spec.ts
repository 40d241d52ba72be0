import { checkQuorum } from '../council/council.rules';
import { readShippedCriteriaSets } from '../criteria-set/criteria-set.data';
import { scoreChoices } from '../criteria-set/criteria-set.rules';
import { choicesForTarget } from '../criteria-set/criteria-set.sampling';
import { readRegulations } from '../regulation/regulation.data';
import { outcomeAt, versionInForce } from '../regulation/regulation.rules';
import { aggregateTotals, membersToRescore, productStarCap } from '../round/round.rules';
import { memberTarget, readDemoRounds, scorersOf, scoringMembers } from './demo-rounds.data';

/**
 * The demo rounds' data predicts its own outcomes: scoring each product as the seeder does, with the
 * real rules (choicesForTarget, the mean, the star cap, the version in force), gives the intended
 * outcome on every shipped set of the groups the demo products belong to.
 */
describe('demo data: Lạng Giang 2024 rounds', () => {
  const data = readDemoRounds();
  const versions = readRegulations();
  const sets = readShippedCriteriaSets(versions).filter(
    ({ document }) => document.versionCode === '148/2023' && ['food', 'beverages', 'herbal'].includes(document.group),
  );

  it('has a council of nine with one chair and a secretary, and offsets within ±3', () => {
    expect(data.council.members).toHaveLength(9);
    expect(data.council.members.filter((member) => member.role === 'chair')).toHaveLength(1);
    expect(data.council.members.filter((member) => member.role === 'secretary')).toHaveLength(1);
    expect(new Set(data.council.members.map((member) => member.key)).size).toBe(9);
    expect(data.scoring.memberOffsets.every((offset) => Math.abs(offset) <= 3)).toBe(true);
    expect(sets.map(({ document }) => document.group).sort()).toEqual(['beverages', 'food', 'herbal']);
  });

  it.each(data.rounds.map((round) => [round.name, round] as const))(
    '%s: quorum, dates and outcomes',
    (_name, round) => {
      const version = versionInForce(versions, round.meetingDate)!;
      expect(version.code).toBe('148/2023');
      expect(round.dossierDeadline < round.meetingDate && round.meetingDate <= round.decision.decisionDate).toBe(true);
      const members = data.council.members.map((member) => ({ id: member.key, role: member.role }));
      const present = data.council.members
        .filter((member) => !round.absent.includes(member.key))
        .map((member) => member.key);
      expect(checkQuorum(members, present).met).toBe(true);

      const scoring = scoringMembers(data);
      for (const [productIndex, product] of round.products.entries()) {
        const scorers = scorersOf(data, round, product);
        for (const { document } of sets) {
          const cards = scorers.map((member) => {
            const memberIndex = scoring.findIndex((candidate) => candidate.key === member.key);
            const target = memberTarget(data, product, productIndex, memberIndex);
            return {
              member: member.key,
              scored: scoreChoices(document, choicesForTarget(document, target, product.miss ?? [])),
            };
          });
          if (product.spread) {
            const first = cards.map(({ member, scored }) => ({
              memberId: member,
              total: product.spread?.firstTargets[member] ?? scored.total,
            }));
            expect(membersToRescore(first, 10).length).toBeGreaterThan(0);
          }
          const totals = cards.map(({ scored }) => scored.total);
          expect(
            membersToRescore(
              cards.map(({ member, scored }) => ({ memberId: member, total: scored.total })),
              10,
            ),
          ).toEqual([]);
          const score = aggregateTotals(totals, 'mean');
          const cap = productStarCap(cards.map(({ scored }) => scored.missedRequirements));
          const outcome = outcomeAt(version, 'district', score, cap.starCap);
          expect({ product: product.name, group: document.group, kind: outcome.kind }).toEqual({
            product: product.name,
            group: document.group,
            kind: product.expected,
          });
          if (product.miss?.length)
            expect(outcome).toEqual(expect.objectContaining({ reason: 'mandatory_criterion_missed' }));
          // Away from the band edges, so a member's offset cannot tip the outcome.
          expect(Math.abs(score - 50)).toBeGreaterThanOrEqual(1);
          expect(Math.abs(score - 70)).toBeGreaterThanOrEqual(1);
        }
      }
    },
  );
});

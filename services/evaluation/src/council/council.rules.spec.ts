import { checkQuorum, membershipProblems, type MemberRole } from './council.rules';

const council = (roles: MemberRole[]) => roles.map((role, i) => ({ id: `m${i}`, role }));
// Lạng Giang-sized council: a chair, two vice-chairs, five members, a secretary, an expert.
const members = council([
  'chair',
  'vice_chair',
  'vice_chair',
  'member',
  'member',
  'member',
  'member',
  'member',
  'expert',
  'secretary',
]);

describe('council rules', () => {
  it('needs at least 75% of the scoring members, including the chair (secretary not counted)', () => {
    const scoring = members.filter((m) => m.role !== 'secretary').map((m) => m.id);
    expect(checkQuorum(members, scoring.slice(0, 7))).toEqual({
      met: true,
      present: 7,
      scoringMembers: 9,
      required: 7,
      chairPresent: true,
    });
    expect(checkQuorum(members, scoring.slice(0, 6)).met).toBe(false);
    expect(checkQuorum(members, scoring.slice(1)).met).toBe(false);
    expect(checkQuorum(members, scoring.slice(1), { minShare: 0.75, chairRequired: false }).met).toBe(true);
  });

  it('rounds the required number up: 3 of 4 is 75%, 5 of 7 is not', () => {
    expect(checkQuorum(council(['chair', 'member', 'member', 'member']), ['m0', 'm1', 'm2']).met).toBe(true);
    expect(
      checkQuorum(council(['chair', 'member', 'member', 'member', 'member', 'member', 'member']), [
        'm0',
        'm1',
        'm2',
        'm3',
        'm4',
      ]),
    ).toEqual(expect.objectContaining({ met: false, required: 6 }));
  });

  it('wants one chair, at most one secretary and three scoring members', () => {
    expect(membershipProblems(members)).toEqual([]);
    expect(membershipProblems(council(['member', 'member', 'secretary', 'secretary']))).toEqual([
      'a council has exactly one chair (found 0)',
      'a council has at most one secretary',
      'a council needs at least three scoring members',
    ]);
  });
});

/** Council rules (OCOP.md §5.4). Defaults marked so in OCOP.md are configuration on each council. */
export const MEMBER_ROLES = ['chair', 'vice_chair', 'member', 'secretary', 'expert'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Roles that score products; the secretary keeps the minutes and does not score. */
export const SCORING_ROLES: readonly MemberRole[] = ['chair', 'vice_chair', 'member', 'expert'];

export interface QuorumRule {
  /** Share of scoring members who must be present, e.g. 0.75 (default). */
  minShare: number;
  /** The chair must be present (default). */
  chairRequired: boolean;
}

export const DEFAULT_QUORUM: QuorumRule = { minShare: 0.75, chairRequired: true };

export interface QuorumCheck {
  met: boolean;
  present: number;
  scoringMembers: number;
  required: number;
  chairPresent: boolean;
}

/** Whether a session with these members present may decide. */
export function checkQuorum(
  members: { id: string; role: MemberRole }[],
  presentIds: readonly string[],
  rule: QuorumRule = DEFAULT_QUORUM,
): QuorumCheck {
  const scoring = members.filter((member) => SCORING_ROLES.includes(member.role));
  const present = scoring.filter((member) => presentIds.includes(member.id)).length;
  const required = Math.ceil(scoring.length * rule.minShare - 1e-9);
  const chairPresent = members.some((member) => member.role === 'chair' && presentIds.includes(member.id));
  return {
    met: scoring.length > 0 && present >= required && (!rule.chairRequired || chairPresent),
    present,
    scoringMembers: scoring.length,
    required,
    chairPresent,
  };
}

/** Problems of a member list: exactly one chair, at most one secretary, at least three scoring members. */
export function membershipProblems(members: { role: MemberRole }[]): string[] {
  const count = (role: MemberRole) => members.filter((member) => member.role === role).length;
  const problems: string[] = [];
  if (count('chair') !== 1) problems.push(`a council has exactly one chair (found ${count('chair')})`);
  if (count('secretary') > 1) problems.push('a council has at most one secretary');
  if (members.filter((member) => SCORING_ROLES.includes(member.role)).length < 3)
    problems.push('a council needs at least three scoring members');
  return problems;
}

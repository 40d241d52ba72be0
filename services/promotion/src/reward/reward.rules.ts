/** Reward policies per unit and period (OCOP.md §6), as data, and the rule deciding what a certificate earns. */
export const UPGRADE_RULES = ['difference', 'full', 'none'] as const;
export type UpgradeRule = (typeof UPGRADE_RULES)[number];

export interface RewardPolicy {
  code: string;
  title: string;
  unitCode: string;
  era: string;
  validFrom: string;
  validTo: string | null;
  /** VND per star level; a level missing is not rewarded. */
  amountsVnd: Record<string, number>;
  upgradeRule: UpgradeRule;
  notes: string;
}

export interface RewardDecision {
  amountVnd: number;
  reason:
    | 'new_certificate'
    | 'upgrade'
    | 're_evaluation_same_stars'
    | 'lower_stars'
    | 'no_amount_for_stars'
    | 'outside_policy_period';
}

/**
 * What a certificate issued on `issuedOn` with `stars` earns under the policy, given the stars of the
 * certificate it supersedes (null for a product's first certificate). Never a second reward for the same stars.
 */
export function rewardFor(
  policy: RewardPolicy,
  stars: number,
  issuedOn: string,
  previousStars: number | null,
): RewardDecision {
  if (issuedOn < policy.validFrom || (policy.validTo !== null && issuedOn > policy.validTo))
    return { amountVnd: 0, reason: 'outside_policy_period' };
  const amount = policy.amountsVnd[String(stars)] ?? 0;
  if (amount === 0) return { amountVnd: 0, reason: 'no_amount_for_stars' };
  if (previousStars === null) return { amountVnd: amount, reason: 'new_certificate' };
  if (stars === previousStars) return { amountVnd: 0, reason: 're_evaluation_same_stars' };
  if (stars < previousStars) return { amountVnd: 0, reason: 'lower_stars' };
  const previousAmount = policy.amountsVnd[String(previousStars)] ?? 0;
  switch (policy.upgradeRule) {
    case 'difference':
      return { amountVnd: Math.max(0, amount - previousAmount), reason: 'upgrade' };
    case 'full':
      return { amountVnd: amount, reason: 'upgrade' };
    case 'none':
      return { amountVnd: 0, reason: 'upgrade' };
  }
}

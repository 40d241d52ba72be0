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
  /** Who pays, as printed on the payout list (e.g. "Ủy ban nhân dân tỉnh Thanh Hóa"); the unit code if absent. */
  payerName?: string;
  /** Only certificates of these levels earn the reward; every level when absent. */
  certifyingLevels?: string[];
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

/** The certificate a policy is asked about: where and when it was issued, at which level. */
export interface RewardedCertificate {
  provinceCode: string;
  issuedOn: string;
  level: string;
}

/**
 * The policy covers the certificate: its unit is the certificate's province (or the whole country), the
 * decision falls in its period, and its levels (if it names any) include the certificate's.
 */
export function policyCovers(policy: RewardPolicy, certificate: RewardedCertificate): boolean {
  const unit = policy.unitCode === 'VN' || policy.unitCode === certificate.provinceCode;
  const period =
    certificate.issuedOn >= policy.validFrom && (policy.validTo === null || certificate.issuedOn <= policy.validTo);
  const level = !policy.certifyingLevels || policy.certifyingLevels.includes(certificate.level);
  return unit && period && level;
}

/**
 * The stars a new certificate is compared with: the most the product held before it (an earlier
 * certificate, or a reward already granted under the policy), null when it never had any. A product that
 * lapsed and is certified again at the same stars is a re-evaluation, never a second reward.
 */
export function previousStarsOf(
  earlierCertificateStars: readonly number[],
  rewardedStars: readonly number[],
): number | null {
  const all = [...earlierCertificateStars, ...rewardedStars];
  return all.length === 0 ? null : Math.max(...all);
}

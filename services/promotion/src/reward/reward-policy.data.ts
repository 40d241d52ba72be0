import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPGRADE_RULES, type RewardPolicy } from './reward.rules';

export const REWARD_POLICIES_FILE = join(__dirname, '..', '..', 'data', 'reward-policies.json');

export function readRewardPolicies(path = REWARD_POLICIES_FILE): RewardPolicy[] {
  const { policies } = JSON.parse(readFileSync(path, 'utf8')) as { policies: RewardPolicy[] };
  for (const policy of policies) {
    const amounts = Object.entries(policy.amountsVnd);
    const valid =
      UPGRADE_RULES.includes(policy.upgradeRule) &&
      amounts.every(([stars, amount]) => ['3', '4', '5'].includes(stars) && Number.isInteger(amount) && amount >= 0);
    if (!valid) throw new Error(`${path}: policy ${policy.code} has an invalid upgrade rule or amounts`);
  }
  return policies;
}

import { Injectable } from '@nestjs/common';
import { AppException, defineErrors } from '@ocop/nest-common';
import { readRewardPolicies } from './reward-policy.data';
import { rewardFor, type RewardDecision, type RewardPolicy } from './reward.rules';

export const RewardErrors = defineErrors({
  REWARD_POLICY_NOT_FOUND: { status: 404, vi: 'Không có chính sách thưởng {code}', en: 'No reward policy {code}' },
});

@Injectable()
export class RewardPolicyService {
  readonly policies: RewardPolicy[] = readRewardPolicies();

  quote(code: string, stars: number, issuedOn: string, previousStars: number | null): RewardDecision {
    const policy = this.policies.find((candidate) => candidate.code === code);
    if (!policy) throw new AppException(RewardErrors.REWARD_POLICY_NOT_FOUND, { code });
    return rewardFor(policy, stars, issuedOn, previousStars);
  }
}

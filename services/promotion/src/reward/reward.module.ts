import { Module } from '@nestjs/common';
import { RewardPolicyController } from './reward-policy.controller';
import { RewardPolicyService } from './reward-policy.service';
import { RewardController } from './reward.controller';
import { RewardService } from './reward.service';

@Module({
  controllers: [RewardPolicyController, RewardController],
  providers: [RewardPolicyService, RewardService],
  exports: [RewardService],
})
export class RewardModule {}

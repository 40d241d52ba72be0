import { Module } from '@nestjs/common';
import { RewardPolicyController } from './reward-policy.controller';
import { RewardPolicyService } from './reward-policy.service';

@Module({ controllers: [RewardPolicyController], providers: [RewardPolicyService] })
export class RewardModule {}

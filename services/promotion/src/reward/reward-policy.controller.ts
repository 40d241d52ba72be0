import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RewardPolicyView, RewardQuoteQuery, RewardQuoteView } from './dto/reward.views';
import { RewardPolicyService } from './reward-policy.service';

/** Reward policies are configuration: every authenticated user may read them. */
@ApiTags('rewards')
@Controller('reward-policies')
export class RewardPolicyController {
  constructor(private readonly rewards: RewardPolicyService) {}

  @Get()
  @ApiOperation({ summary: 'Reward policies per unit and period (amounts per star level, upgrade rule)' })
  @ApiOkResponse({ type: [RewardPolicyView] })
  list(): RewardPolicyView[] {
    return this.rewards.policies;
  }

  @Get(':code/quote')
  @ApiOperation({ summary: 'What a certificate would earn under the policy (no second reward for the same stars)' })
  @ApiOkResponse({ type: RewardQuoteView })
  quote(@Param('code') code: string, @Query() query: RewardQuoteQuery): RewardQuoteView {
    return this.rewards.quote(code, query.stars, query.issuedOn, query.previousStars ?? null);
  }
}

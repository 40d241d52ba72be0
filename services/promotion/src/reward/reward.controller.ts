import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { APPROVERS, MANAGERS, READERS, READERS_AND_PRODUCERS } from '../common/promotion.access';
import { XLSX_TYPE } from '../common/xlsx';
import {
  BudgetParams,
  BudgetView,
  GrantRewardDto,
  PayoutsQuery,
  PayRewardDto,
  RejectDto,
  RewardListQuery,
  RewardPageView,
  RewardView,
  SetBudgetDto,
} from './dto/reward.dto';
import { RewardService } from './reward.service';

@ApiTags('rewards')
@Controller()
export class RewardController {
  constructor(private readonly rewards: RewardService) {}

  @Get('rewards')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOperation({
    summary: 'Rewards by paying unit or province (default: yours), year and status; a producer sees its own',
  })
  @ApiOkResponse({ type: RewardPageView })
  async list(@CurrentUser() user: AuthUser, @Query() query: RewardListQuery): Promise<RewardPageView> {
    const page = await this.rewards.list(user, query);
    return { ...page, items: page.items.map((reward) => RewardView.of(reward)) };
  }

  @Get('rewards/payouts.xlsx')
  @Roles(...READERS)
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: "A paying unit's rewards of a year (not rejected) as an administrative workbook" })
  async payouts(
    @CurrentUser() user: AuthUser,
    @Query() query: PayoutsQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const xlsx = await this.rewards.payoutsWorkbook(user, query.unit, query.year);
    response.setHeader('Content-Type', XLSX_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="rewards-${query.unit}-${query.year}.xlsx"`);
    return new StreamableFile(xlsx);
  }

  @Get('rewards/:rewardId')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOkResponse({ type: RewardView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('rewardId', new ParseUUIDPipe()) rewardId: string,
  ): Promise<RewardView> {
    return RewardView.of(await this.rewards.get(user, rewardId));
  }

  @Post('rewards')
  @Roles(...MANAGERS)
  @ApiOperation({
    summary:
      'Reward a recorded certificate the certificate.issued handler did not (e.g. under a policy added later); never twice',
  })
  @ApiCreatedResponse({ type: RewardView })
  async grant(@CurrentUser() user: AuthUser, @Body() dto: GrantRewardDto): Promise<RewardView> {
    return RewardView.of(await this.rewards.grant(user, dto));
  }

  @Post('rewards/:rewardId/approval')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: "Approve within the paying unit's remaining budget for the year" })
  @ApiOkResponse({ type: RewardView })
  async approve(
    @CurrentUser() user: AuthUser,
    @Param('rewardId', new ParseUUIDPipe()) rewardId: string,
  ): Promise<RewardView> {
    return RewardView.of(await this.rewards.approve(user, rewardId));
  }

  @Post('rewards/:rewardId/rejection')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Reject a pending or approved reward, with a reason' })
  @ApiOkResponse({ type: RewardView })
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('rewardId', new ParseUUIDPipe()) rewardId: string,
    @Body() dto: RejectDto,
  ): Promise<RewardView> {
    return RewardView.of(await this.rewards.reject(user, rewardId, dto.reason));
  }

  @Post('rewards/:rewardId/payment')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Record the payment of an approved reward' })
  @ApiOkResponse({ type: RewardView })
  async pay(
    @CurrentUser() user: AuthUser,
    @Param('rewardId', new ParseUUIDPipe()) rewardId: string,
    @Body() dto: PayRewardDto,
  ): Promise<RewardView> {
    return RewardView.of(await this.rewards.pay(user, rewardId, dto));
  }

  @Get('reward-budgets/:unitCode/:year')
  @Roles(...READERS)
  @ApiOperation({ summary: "A paying unit's reward budget for a year: committed (approved, paid), pending, remaining" })
  @ApiOkResponse({ type: BudgetView })
  async budget(@CurrentUser() user: AuthUser, @Param() params: BudgetParams): Promise<BudgetView> {
    const { budget, committedVnd, pendingVnd } = await this.rewards.budget(user, params.unitCode, params.year);
    return BudgetView.of(params.unitCode, params.year, budget, committedVnd, pendingVnd);
  }

  @Put('reward-budgets/:unitCode/:year')
  @Roles(...APPROVERS)
  @ApiOperation({ summary: "Set a paying unit's reward budget for a year (never below what is approved)" })
  @ApiOkResponse({ type: BudgetView })
  async setBudget(
    @CurrentUser() user: AuthUser,
    @Param() params: BudgetParams,
    @Body() dto: SetBudgetDto,
  ): Promise<BudgetView> {
    const { budget, committedVnd, pendingVnd } = await this.rewards.setBudget(
      user,
      params.unitCode,
      params.year,
      dto.amountVnd,
    );
    return BudgetView.of(params.unitCode, params.year, budget, committedVnd, pendingVnd);
  }
}

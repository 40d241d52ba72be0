import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { REPORT_READERS } from '../figures/figures.controller';
import { ProgressQuery, RecordActualDto } from './dto/plan.dto';
import type { Plan } from './plan.data';
import { PlanService, type TargetProgress } from './plan.service';

const PLANNERS = ['district_officer', 'province_officer', 'ministry_officer'] as const;

/** Plans (kế hoạch): targets with their progress, budget lines with what was spent. */
@ApiTags('plans')
@Controller('plans')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Plans of your province (all of them for the ministry)' })
  async list(@CurrentUser() user: AuthUser): Promise<Omit<Plan, 'budget' | 'targets'>[]> {
    return (await this.plans.visible(user)).map(({ budget: _budget, targets: _targets, ...plan }) => plan);
  }

  @Get(':planCode')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'A plan with its targets (and their source quotes) and budget lines' })
  async get(@CurrentUser() user: AuthUser, @Param('planCode') planCode: string): Promise<Plan> {
    return this.plans.getVisible(user, planCode);
  }

  @Get(':planCode/progress')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Each target against what the records (or the recorded actuals) show' })
  @ApiOkResponse({ description: 'TargetProgress[]' })
  async progress(
    @CurrentUser() user: AuthUser,
    @Param('planCode') planCode: string,
    @Query() query: ProgressQuery,
  ): Promise<TargetProgress[]> {
    const plan = await this.plans.getVisible(user, planCode);
    return this.plans.progress(plan, query.asOf);
  }

  @Get(':planCode/budget')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Budget lines: planned per year, spent per year, and the sums against the printed totals' })
  async budget(@CurrentUser() user: AuthUser, @Param('planCode') planCode: string) {
    return this.plans.budget(await this.plans.getVisible(user, planCode));
  }

  @Put(':planCode/targets/:targetCode/actual')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Record the actual of a target the records cannot measure (e.g. trained labour share)' })
  async recordTarget(
    @CurrentUser() user: AuthUser,
    @Param('planCode') planCode: string,
    @Param('targetCode') targetCode: string,
    @Body() dto: RecordActualDto,
  ) {
    return this.plans.recordTargetActual(user, planCode, targetCode, dto.value, dto.note);
  }

  @Put(':planCode/budget/:lineCode/actuals/:year')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Record what a budget line spent in a year (in the budget’s unit, e.g. million VND)' })
  async recordBudget(
    @CurrentUser() user: AuthUser,
    @Param('planCode') planCode: string,
    @Param('lineCode') lineCode: string,
    @Param('year', new ParseIntPipe()) year: number,
    @Body() dto: RecordActualDto,
  ) {
    return this.plans.recordBudgetActual(user, planCode, lineCode, year, dto.value, dto.note);
  }
}

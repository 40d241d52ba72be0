import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Query,
  type PipeTransform,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppException, CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { REPORT_READERS } from '../figures/figures.controller';
import {
  BudgetDto,
  CreatePlanDto,
  NewBudgetLineDto,
  NewTargetDto,
  PlanListQuery,
  ProgressQuery,
  RecordActualDto,
  ReplaceBudgetLineDto,
  ReplaceTargetDto,
  UpdatePlanDto,
  WithdrawPlanDto,
} from './dto/plan.dto';
import { PlanHeaderView, PlanView, TargetProgressView } from './dto/plan.view';
import { PlanEditor } from './plan-editor.service';
import { PLAN_CODE } from './plan.data';
import { PlanErrors } from './plan.errors';
import type { PlanRecord } from './plan.record';
import { PlanService, type TargetProgress } from './plan.service';

export const PLANNERS = ['district_officer', 'province_officer', 'ministry_officer'] as const;

/** A plan code in a path: what no plan can be called is PLAN_NOT_FOUND before the database is asked. */
@Injectable()
export class PlanCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (value.length > 80 || !PLAN_CODE.test(value))
      throw new AppException(PlanErrors.PLAN_NOT_FOUND, { planCode: value.slice(0, 80) });
    return value;
  }
}

/**
 * Plans (kế hoạch): targets with their progress, budget lines with what was spent. Read by the report readers
 * of the plan's province; created and amended by planners over it.
 */
@ApiTags('plans')
@Controller('plans')
export class PlanController {
  constructor(
    private readonly plans: PlanService,
    private readonly editor: PlanEditor,
  ) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Plans of your province (all of them for the ministry), without targets and budget' })
  @ApiOkResponse({ type: [PlanHeaderView] })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: PlanListQuery,
  ): Promise<Omit<PlanRecord, 'budget' | 'targets'>[]> {
    return (await this.plans.visible(user, { includeWithdrawn: query.includeWithdrawn })).map(
      ({ budget: _budget, targets: _targets, ...plan }) => plan,
    );
  }

  @Post()
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Create a plan: scope (a 2025 province, optionally communes of it), period, issuer, source, targets, budget',
  })
  @ApiCreatedResponse({ type: PlanView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreatePlanDto): Promise<PlanRecord> {
    return this.editor.create(user, dto);
  }

  @Get(':planCode')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'A plan with its targets (and their source quotes) and budget lines' })
  @ApiOkResponse({ type: PlanView })
  async get(@CurrentUser() user: AuthUser, @Param('planCode', PlanCodePipe) planCode: string): Promise<PlanRecord> {
    return this.plans.getVisible(user, planCode);
  }

  @Patch(':planCode')
  @Roles(...PLANNERS)
  @ApiOperation({
    summary: 'Amend a plan’s header: title, issuer, issuing unit, scope, period, source (never its seed)',
  })
  @ApiOkResponse({ type: PlanView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Body() dto: UpdatePlanDto,
  ): Promise<PlanRecord> {
    return this.editor.update(user, planCode, dto);
  }

  @Post(':planCode/withdrawal')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Withdraw a plan: kept and readable, no longer reported on or amended' })
  @ApiOkResponse({ type: PlanView })
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Body() dto: WithdrawPlanDto,
  ): Promise<PlanRecord> {
    return this.editor.withdraw(user, planCode, dto.reason);
  }

  @Get(':planCode/progress')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Each target against what the records (or the recorded actuals) show; per commune too' })
  @ApiOkResponse({ type: [TargetProgressView] })
  async progress(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Query() query: ProgressQuery,
  ): Promise<TargetProgress[]> {
    const plan = await this.plans.getVisible(user, planCode);
    return this.plans.progress(plan, query.asOf);
  }

  @Post(':planCode/targets')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Add a target (its code new in the plan)' })
  @ApiCreatedResponse({ type: PlanView })
  async addTarget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Body() dto: NewTargetDto,
  ): Promise<PlanRecord> {
    return this.editor.addTarget(user, planCode, dto);
  }

  @Put(':planCode/targets/:targetCode')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Replace a target (its quote kept unless another is given; fixed in pre-loaded plans)' })
  @ApiOkResponse({ type: PlanView })
  async replaceTarget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Param('targetCode') targetCode: string,
    @Body() dto: ReplaceTargetDto,
  ): Promise<PlanRecord> {
    return this.editor.replaceTarget(user, planCode, targetCode, dto);
  }

  @Delete(':planCode/targets/:targetCode')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Remove a target (and its recorded actual)' })
  @ApiOkResponse({ type: PlanView })
  async removeTarget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Param('targetCode') targetCode: string,
  ): Promise<PlanRecord> {
    return this.editor.removeTarget(user, planCode, targetCode);
  }

  @Put(':planCode/targets/:targetCode/actual')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Record the actual of a target the records cannot measure (e.g. trained labour share)' })
  async recordTarget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Param('targetCode') targetCode: string,
    @Body() dto: RecordActualDto,
  ) {
    return this.plans.recordTargetActual(user, planCode, targetCode, dto.value, dto.note);
  }

  @Get(':planCode/budget')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Budget lines: planned per year, spent per year, and the sums against the printed totals' })
  async budget(@CurrentUser() user: AuthUser, @Param('planCode', PlanCodePipe) planCode: string) {
    return this.plans.budget(await this.plans.getVisible(user, planCode));
  }

  @Put(':planCode/budget')
  @Roles(...PLANNERS)
  @ApiOperation({
    summary: 'Set the whole budget (years within the plan’s); spending on lines or years it drops is removed',
  })
  @ApiOkResponse({ type: PlanView })
  async setBudget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Body() dto: BudgetDto,
  ): Promise<PlanRecord> {
    return this.editor.setBudget(user, planCode, dto);
  }

  @Delete(':planCode/budget')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Remove the budget (and what was recorded as spent)' })
  @ApiOkResponse({ type: PlanView })
  async removeBudget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
  ): Promise<PlanRecord> {
    return this.editor.removeBudget(user, planCode);
  }

  @Post(':planCode/budget/lines')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Add a budget line to a section: item, lead and partner units, amount per year' })
  @ApiCreatedResponse({ type: PlanView })
  async addBudgetLine(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Body() dto: NewBudgetLineDto,
  ): Promise<PlanRecord> {
    return this.editor.addBudgetLine(user, planCode, dto);
  }

  @Put(':planCode/budget/lines/:lineCode')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Replace a budget line (what was spent on it is kept)' })
  @ApiOkResponse({ type: PlanView })
  async replaceBudgetLine(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Param('lineCode') lineCode: string,
    @Body() dto: ReplaceBudgetLineDto,
  ): Promise<PlanRecord> {
    return this.editor.replaceBudgetLine(user, planCode, lineCode, dto);
  }

  @Delete(':planCode/budget/lines/:lineCode')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Remove a budget line (and what was recorded as spent on it)' })
  @ApiOkResponse({ type: PlanView })
  async removeBudgetLine(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Param('lineCode') lineCode: string,
  ): Promise<PlanRecord> {
    return this.editor.removeBudgetLine(user, planCode, lineCode);
  }

  @Put(':planCode/budget/:lineCode/actuals/:year')
  @Roles(...PLANNERS)
  @ApiOperation({ summary: 'Record what a budget line spent in a year (in the budget’s unit, e.g. million VND)' })
  async recordBudget(
    @CurrentUser() user: AuthUser,
    @Param('planCode', PlanCodePipe) planCode: string,
    @Param('lineCode') lineCode: string,
    @Param('year', new ParseIntPipe()) year: number,
    @Body() dto: RecordActualDto,
  ) {
    return this.plans.recordBudgetActual(user, planCode, lineCode, year, dto.value, dto.note);
  }
}

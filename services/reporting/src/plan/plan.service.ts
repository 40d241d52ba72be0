import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dateInVietnam, NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AppException, defineErrors, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { scopeSql } from '../figures/figures.service';
import { UnitDirectory, type UnitScope } from '../unit/unit-directory.service';
import { PlanActualEntity } from './plan-actual.entity';
import { budgetSums, readPlans, type Plan, type PlanTarget } from './plan.data';

export const PlanErrors = defineErrors({
  PLAN_NOT_FOUND: { status: 404, vi: 'Không có kế hoạch {planCode}', en: 'No plan {planCode}' },
  PLAN_TARGET_NOT_FOUND: {
    status: 404,
    vi: 'Kế hoạch {planCode} không có chỉ tiêu {targetCode}',
    en: 'Plan {planCode} has no target {targetCode}',
  },
  PLAN_TARGET_MEASURED: {
    status: 409,
    vi: 'Chỉ tiêu {targetCode} được tính tự động từ dữ liệu, không nhập tay',
    en: 'Target {targetCode} is measured from the records and cannot be entered',
  },
  BUDGET_LINE_NOT_FOUND: {
    status: 404,
    vi: 'Kế hoạch {planCode} không có dòng kinh phí {lineCode}',
    en: 'Plan {planCode} has no budget line {lineCode}',
  },
  BUDGET_YEAR_NOT_IN_PLAN: {
    status: 400,
    vi: 'Năm {year} không thuộc dự toán của kế hoạch {planCode} ({years})',
    en: 'Year {year} is not in the budget of plan {planCode} ({years})',
  },
});

export interface TargetProgress {
  planCode: string;
  planTitle: string;
  code: string;
  labelVi: string;
  indicator: PlanTarget['indicator'];
  unit: string;
  target: number;
  from: string;
  deadline: string;
  /** The day the actual is measured on: the deadline, or the as-of day if earlier. */
  measuredOn: string;
  /** null: a manual target nobody has recorded yet. */
  actual: number | null;
  /** actual / target, e.g. 0.6 (capped at neither end). */
  progress: number | null;
  achieved: boolean;
  /** on_track, achieved, missed (deadline passed), not_recorded */
  status: 'achieved' | 'in_progress' | 'missed' | 'not_recorded';
  quote: string;
}

export interface BudgetLineView {
  section: string;
  code: string;
  item: string;
  lead: string[];
  partners: string[];
  planned: Record<string, number>;
  plannedTotal: number;
  actual: Record<string, number | null>;
  actualTotal: number;
  note: string | null;
}

/** Plans (targets and budget lines, pre-loaded from data/plans) and their actuals. */
@Injectable()
export class PlanService {
  readonly plans: Plan[] = readPlans();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitDirectory,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  get(planCode: string): Plan {
    const plan = this.plans.find((candidate) => candidate.code === planCode);
    if (!plan) throw new AppException(PlanErrors.PLAN_NOT_FOUND, { planCode });
    return plan;
  }

  /** Plans the user's unit lies in or above. */
  async visible(user: AuthUser): Promise<Plan[]> {
    const province =
      user.unitCode === NATIONAL_UNIT_CODE
        ? null
        : ((await this.units.find(user.unitCode))?.provinceCode ?? user.unitCode);
    return this.plans.filter((plan) => province === null || plan.scope.provinceCode === province);
  }

  async getVisible(user: AuthUser, planCode: string): Promise<Plan> {
    const plan = this.get(planCode);
    if (!(await this.visible(user)).includes(plan)) await this.jurisdiction.assertWithin(user, plan.scope.provinceCode);
    return plan;
  }

  /** Plans whose area lies inside a unit and whose years overlap [start, end]. */
  plansWithin(unitCode: string, unitLevel: string, start: string, end: string): Plan[] {
    return this.plans.filter((plan) => {
      if (plan.from > end || plan.to < start) return false;
      if (unitLevel === 'nation') return true;
      if (unitLevel === 'province') return plan.scope.provinceCode === unitCode;
      return plan.scope.communeCodes?.length === 1 && plan.scope.communeCodes[0] === unitCode;
    });
  }

  scopeOf(plan: Plan): UnitScope {
    return plan.scope.communeCodes
      ? { kind: 'communes', codes: plan.scope.communeCodes }
      : { kind: 'province', code: plan.scope.provinceCode };
  }

  /** Every target of a plan measured on `asOf` (default today): from the read models, or as recorded. */
  async progress(plan: Plan, asOf = dateInVietnam(new Date())): Promise<TargetProgress[]> {
    const actuals = await this.dataSource
      .getRepository(PlanActualEntity)
      .find({ where: { planCode: plan.code, kind: 'target' } });
    const where = scopeSql(this.scopeOf(plan));
    const p = where.params.length;
    const results: TargetProgress[] = [];
    for (const target of plan.targets) {
      const measuredOn = target.deadline < asOf ? target.deadline : asOf;
      let actual: number | null = null;
      if (target.indicator === 'manual') {
        actual = actuals.find((row) => row.itemCode === target.code)?.value ?? null;
      } else if (measuredOn < target.from) {
        actual = 0;
      } else if (target.indicator === 'certified_products') {
        const kinds = target.params?.kinds ?? ['new', 'upgrade', 're_evaluation'];
        const [row] = await this.dataSource.query<{ n: number }[]>(
          `SELECT count(DISTINCT product_id)::int AS n FROM reporting.rm_certificate
            WHERE ${where.sql} AND issued_on BETWEEN $${p + 1} AND $${p + 2} AND stars >= $${p + 3} AND kind = ANY($${p + 4})`,
          [...where.params, target.from, measuredOn, target.params?.minStars ?? 3, kinds],
        );
        actual = row?.n ?? 0;
      } else if (target.indicator === 'producer_share') {
        const [row] = await this.dataSource.query<{ part: number; whole: number }[]>(
          `SELECT count(*) FILTER (WHERE legal_form = $${p + 2})::int AS part, count(*)::int AS whole
             FROM reporting.rm_producer WHERE ${where.sql} AND registered_on <= $${p + 1}`,
          [...where.params, measuredOn, target.params?.legalForm],
        );
        actual = row && row.whole > 0 ? Math.round((row.part / row.whole) * 10_000) / 100 : 0;
      } else {
        const [row] = await this.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM reporting.rm_sales_point
            WHERE ${where.sql} AND opened_on <= $${p + 1} AND (closed_on IS NULL OR closed_on > $${p + 1})`,
          [...where.params, measuredOn],
        );
        actual = row?.n ?? 0;
      }
      const achieved = actual !== null && actual >= target.value;
      results.push({
        planCode: plan.code,
        planTitle: plan.title,
        code: target.code,
        labelVi: target.labelVi,
        indicator: target.indicator,
        unit: target.unit,
        target: target.value,
        from: target.from,
        deadline: target.deadline,
        measuredOn,
        actual,
        progress: actual === null ? null : Math.round((actual / target.value) * 10_000) / 10_000,
        achieved,
        status:
          actual === null ? 'not_recorded' : achieved ? 'achieved' : asOf > target.deadline ? 'missed' : 'in_progress',
        quote: target.quote,
      });
    }
    return results;
  }

  async budget(plan: Plan): Promise<{
    unitLabel: string;
    years: number[];
    lines: BudgetLineView[];
    sums: ReturnType<typeof budgetSums>;
    stated: { total: number; byYear: Record<string, number> };
    actualByYear: Record<string, number>;
    actualTotal: number;
  } | null> {
    const budget = plan.budget;
    if (!budget) return null;
    const actuals = await this.dataSource
      .getRepository(PlanActualEntity)
      .find({ where: { planCode: plan.code, kind: 'budget' } });
    const actualByYear: Record<string, number> = Object.fromEntries(budget.years.map((year) => [String(year), 0]));
    const lines = budget.sections.flatMap((section) =>
      section.lines.map((line) => {
        const actual: Record<string, number | null> = {};
        let actualTotal = 0;
        for (const year of budget.years) {
          const value = actuals.find((row) => row.itemCode === line.code && row.year === year)?.value ?? null;
          actual[String(year)] = value;
          actualTotal += value ?? 0;
          actualByYear[String(year)] = (actualByYear[String(year)] ?? 0) + (value ?? 0);
        }
        return {
          section: section.code,
          code: line.code,
          item: line.item,
          lead: line.lead,
          partners: line.partners,
          planned: line.amounts,
          plannedTotal: line.total,
          actual,
          actualTotal,
          note: line.note ?? null,
        };
      }),
    );
    return {
      unitLabel: budget.unitLabel,
      years: budget.years,
      lines,
      sums: budgetSums(budget),
      stated: { total: budget.statedTotal, byYear: budget.statedByYear },
      actualByYear,
      actualTotal: Object.values(actualByYear).reduce((sum, value) => sum + value, 0),
    };
  }

  async recordTargetActual(user: AuthUser, planCode: string, targetCode: string, value: number, note?: string) {
    const plan = this.get(planCode);
    await this.jurisdiction.assertWithin(user, plan.scope.provinceCode);
    const target = plan.targets.find((candidate) => candidate.code === targetCode);
    if (!target) throw new AppException(PlanErrors.PLAN_TARGET_NOT_FOUND, { planCode, targetCode });
    if (target.indicator !== 'manual') throw new AppException(PlanErrors.PLAN_TARGET_MEASURED, { targetCode });
    return this.record(user, plan, 'target', targetCode, 0, value, note);
  }

  async recordBudgetActual(
    user: AuthUser,
    planCode: string,
    lineCode: string,
    year: number,
    value: number,
    note?: string,
  ) {
    const plan = this.get(planCode);
    await this.jurisdiction.assertWithin(user, plan.scope.provinceCode);
    const line = plan.budget?.sections
      .flatMap((section) => section.lines)
      .find((candidate) => candidate.code === lineCode);
    if (!plan.budget || !line) throw new AppException(PlanErrors.BUDGET_LINE_NOT_FOUND, { planCode, lineCode });
    if (!plan.budget.years.includes(year))
      throw new AppException(PlanErrors.BUDGET_YEAR_NOT_IN_PLAN, {
        planCode,
        year,
        years: plan.budget.years.join(', '),
      });
    return this.record(user, plan, 'budget', lineCode, year, value, note);
  }

  private async record(
    user: AuthUser,
    plan: Plan,
    kind: 'target' | 'budget',
    itemCode: string,
    year: number,
    value: number,
    note?: string,
  ): Promise<PlanActualEntity> {
    return this.dataSource.transaction(async (manager) => {
      const key = { planCode: plan.code, kind, itemCode, year };
      const before = await manager.findOne(PlanActualEntity, { where: key, lock: { mode: 'pessimistic_write' } });
      const row = manager.create(PlanActualEntity, {
        ...key,
        value,
        note: note ?? null,
        recordedBy: user.id,
        recordedAt: new Date(),
      });
      await manager.save(PlanActualEntity, row);
      await recordChanges(manager, [
        {
          entityType: 'plan_actual',
          entityId: `${plan.code}/${kind}/${itemCode}/${year}`,
          action: before ? 'updated' : 'recorded',
          changes: diffFields(
            before ? { value: before.value, note: before.note } : null,
            { value, note: note ?? null },
            ['value', 'note'],
          ),
          changedBy: user.id,
          unitCode: plan.scope.provinceCode,
        },
      ]);
      return row;
    });
  }
}

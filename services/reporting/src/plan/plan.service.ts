import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { dateInVietnam, NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { scopeSql } from '../figures/figures.service';
import { UnitDirectory, type UnitScope } from '../unit/unit-directory.service';
import { PlanActualEntity } from './plan-actual.entity';
import { judge, judgeEach, type TargetStatus, type UnitProgress } from './plan-progress';
import { budgetSums, type Plan, type PlanTarget, type TargetPer } from './plan.data';
import { PlanEntity } from './plan.entity';
import { PlanErrors } from './plan.errors';
import { planOf, recordOf, type PlanRecord } from './plan.record';

export { PlanErrors } from './plan.errors';

export interface TargetProgress {
  planCode: string;
  planTitle: string;
  code: string;
  labelVi: string;
  indicator: PlanTarget['indicator'];
  unit: string;
  /** The target's value (for each commune when `per` is set). */
  target: number;
  from: string;
  deadline: string;
  /** The day the actual is measured on: the deadline, or the as-of day if earlier. */
  measuredOn: string;
  /** null: a manual target nobody has recorded yet; per commune: the weakest commune's. */
  actual: number | null;
  /** actual / target, e.g. 0.6 (capped at neither end). */
  progress: number | null;
  achieved: boolean;
  status: TargetStatus;
  quote: string;
  /** Targets for each commune: every commune's actual and status; achieved when every one achieved it. */
  per?: TargetPer;
  unitsAchieved?: number;
  unitsTotal?: number;
  units?: UnitProgress[];
  /** A target measured in one commune: that commune. */
  unitCode?: string;
  unitName?: string;
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

/** Plans (stored in `plan`, the pre-loaded ones from data/plans), their progress, budgets and actuals. */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitDirectory,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  /** The plan's row (locked for this transaction with `lock`), or PLAN_NOT_FOUND. */
  async row(
    planCode: string,
    manager?: EntityManager,
    lock?: 'pessimistic_write' | 'pessimistic_read',
  ): Promise<PlanEntity> {
    const row = await (manager ?? this.dataSource.manager).findOne(PlanEntity, {
      where: { code: planCode },
      ...(lock ? { lock: { mode: lock } } : {}),
    });
    if (!row) throw new AppException(PlanErrors.PLAN_NOT_FOUND, { planCode });
    return row;
  }

  async get(planCode: string): Promise<PlanRecord> {
    return recordOf(await this.row(planCode));
  }

  /** The province of the user's unit (null for the ministry). */
  private async provinceOfUser(user: AuthUser): Promise<string | null> {
    return user.unitCode === NATIONAL_UNIT_CODE
      ? null
      : ((await this.units.find(user.unitCode))?.provinceCode ?? user.unitCode);
  }

  /** Plans of the user's province (all of them for the ministry), in force unless asked for the withdrawn too. */
  async visible(user: AuthUser, options: { includeWithdrawn?: boolean } = {}): Promise<PlanRecord[]> {
    const province = await this.provinceOfUser(user);
    const rows = await this.dataSource.getRepository(PlanEntity).find({
      where: {
        ...(province === null ? {} : { provinceCode: province }),
        ...(options.includeWithdrawn ? {} : { status: 'active' as const }),
      },
      order: { code: 'ASC' },
    });
    return rows.map(recordOf);
  }

  async getVisible(user: AuthUser, planCode: string): Promise<PlanRecord> {
    const plan = await this.get(planCode);
    const province = await this.provinceOfUser(user);
    if (province !== null && province !== plan.scope.provinceCode)
      await this.jurisdiction.assertWithin(user, plan.scope.provinceCode);
    return plan;
  }

  /** Plans in force whose area lies inside a unit and whose years overlap [start, end]. */
  async plansWithin(unitCode: string, unitLevel: string, start: string, end: string): Promise<Plan[]> {
    const query = this.dataSource
      .getRepository(PlanEntity)
      .createQueryBuilder('plan')
      .where(`plan.status = 'active' AND plan.starts_on <= :end AND plan.ends_on >= :start`, { start, end })
      .orderBy('plan.code');
    if (unitLevel === 'province') query.andWhere('plan.province_code = :unitCode', { unitCode });
    else if (unitLevel !== 'nation')
      query.andWhere('plan.commune_codes @> ARRAY[:unitCode]::text[] AND cardinality(plan.commune_codes) = 1', {
        unitCode,
      });
    return (await query.getMany()).map(planOf);
  }

  scopeOf(plan: Plan): UnitScope {
    return plan.scope.communeCodes
      ? { kind: 'communes', codes: plan.scope.communeCodes }
      : { kind: 'province', code: plan.scope.provinceCode };
  }

  /** The 2025 communes a per-commune target is counted in: the plan's, or every commune of its province. */
  private async scopeCommunes(plan: Plan): Promise<{ code: string; name: string }[]> {
    if (!plan.scope.communeCodes) return this.units.communesOf(plan.scope.provinceCode);
    return Promise.all(
      plan.scope.communeCodes.map(async (code) => ({ code, name: (await this.units.find(code))?.name ?? code })),
    );
  }

  /** Every target of a plan measured on `asOf` (default today): from the read models, or as recorded. */
  async progress(plan: Plan, asOf = dateInVietnam(new Date())): Promise<TargetProgress[]> {
    const actuals = await this.dataSource
      .getRepository(PlanActualEntity)
      .find({ where: { planCode: plan.code, kind: 'target' } });
    const results: TargetProgress[] = [];
    for (const target of plan.targets) {
      const measuredOn = target.deadline < asOf ? target.deadline : asOf;
      const head = {
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
      };
      if (target.per === 'commune') {
        const communes = await this.scopeCommunes(plan);
        const measured =
          measuredOn < target.from
            ? new Map<string, number>()
            : await this.measure(target, this.scopeOf(plan), measuredOn, true);
        const each = judgeEach(
          communes.map((commune) => ({
            unitCode: commune.code,
            unitName: commune.name,
            actual: measured.get(commune.code) ?? 0,
          })),
          target.value,
          target.deadline,
          asOf,
        );
        results.push({
          ...head,
          actual: each.actual,
          progress: each.progress,
          achieved: each.achieved,
          status: each.status,
          quote: target.quote,
          per: target.per,
          unitsAchieved: each.unitsAchieved,
          unitsTotal: each.unitsTotal,
          units: each.units,
        });
        continue;
      }
      const scope: UnitScope = target.unitCode ? { kind: 'communes', codes: [target.unitCode] } : this.scopeOf(plan);
      let actual: number | null;
      if (target.indicator === 'manual') actual = actuals.find((row) => row.itemCode === target.code)?.value ?? null;
      else if (measuredOn < target.from) actual = 0;
      else actual = (await this.measure(target, scope, measuredOn, false)).get('') ?? 0;
      results.push({
        ...head,
        actual,
        ...judge(actual, target.value, target.deadline, asOf),
        quote: target.quote,
        ...(target.unitCode
          ? { unitCode: target.unitCode, unitName: (await this.units.find(target.unitCode))?.name ?? target.unitCode }
          : {}),
      });
    }
    return results;
  }

  /**
   * A measured target's actual on a day over a scope from the read models: as a whole (key ''), or per commune
   * (keyed by commune code; what belongs to the province but to none of its communes is left out).
   */
  private async measure(
    target: PlanTarget,
    scope: UnitScope,
    measuredOn: string,
    byCommune: boolean,
  ): Promise<Map<string, number>> {
    const where = scopeSql(scope);
    const p = where.params.length;
    const unit = byCommune ? 'commune_code' : `''`;
    const group = byCommune ? `AND commune_code <> '' GROUP BY commune_code` : '';
    const result = new Map<string, number>();
    if (target.indicator === 'certified_products') {
      const kinds = target.params?.kinds ?? ['new', 'upgrade', 're_evaluation'];
      const rows = await this.dataSource.query<{ unit: string; n: number }[]>(
        `SELECT ${unit} AS unit, count(DISTINCT product_id)::int AS n FROM reporting.rm_certificate
          WHERE ${where.sql} AND issued_on BETWEEN $${p + 1} AND $${p + 2} AND stars >= $${p + 3} AND kind = ANY($${p + 4}) ${group}`,
        [...where.params, target.from, measuredOn, target.params?.minStars ?? 3, kinds],
      );
      for (const row of rows) result.set(row.unit, row.n);
    } else if (target.indicator === 'producer_share') {
      const rows = await this.dataSource.query<{ unit: string; part: number; whole: number }[]>(
        `SELECT ${unit} AS unit, count(*) FILTER (WHERE legal_form = $${p + 2})::int AS part, count(*)::int AS whole
           FROM reporting.rm_producer WHERE ${where.sql} AND registered_on <= $${p + 1} ${group}`,
        [...where.params, measuredOn, target.params?.legalForm],
      );
      for (const row of rows)
        result.set(row.unit, row.whole > 0 ? Math.round((row.part / row.whole) * 10_000) / 100 : 0);
    } else if (target.indicator === 'sales_points') {
      const rows = await this.dataSource.query<{ unit: string; n: number }[]>(
        `SELECT ${unit} AS unit, count(*)::int AS n FROM reporting.rm_sales_point
          WHERE ${where.sql} AND opened_on <= $${p + 1} AND (closed_on IS NULL OR closed_on > $${p + 1}) ${group}`,
        [...where.params, measuredOn],
      );
      for (const row of rows) result.set(row.unit, row.n);
    }
    return result;
  }

  async budget(plan: Plan): Promise<{
    unitLabel: string;
    years: number[];
    lines: BudgetLineView[];
    sums: ReturnType<typeof budgetSums>;
    stated: { total: number | null; byYear: Record<string, number> | null };
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
      stated: { total: budget.statedTotal ?? null, byYear: budget.statedByYear ?? null },
      actualByYear,
      actualTotal: Object.values(actualByYear).reduce((sum, value) => sum + value, 0),
    };
  }

  async recordTargetActual(user: AuthUser, planCode: string, targetCode: string, value: number, note?: string) {
    await this.jurisdiction.assertWithin(user, (await this.row(planCode)).provinceCode);
    return this.dataSource.transaction(async (manager) => {
      // Shared lock: the plan cannot be amended (its target removed) while the actual is written.
      const plan = await this.row(planCode, manager, 'pessimistic_read');
      if (plan.status === 'withdrawn') throw new AppException(PlanErrors.PLAN_WITHDRAWN, { planCode });
      const target = plan.targets.find((candidate) => candidate.code === targetCode);
      if (!target) throw new AppException(PlanErrors.PLAN_TARGET_NOT_FOUND, { planCode, targetCode });
      if (target.indicator !== 'manual') throw new AppException(PlanErrors.PLAN_TARGET_MEASURED, { targetCode });
      return this.record(manager, user, plan, 'target', targetCode, 0, value, note);
    });
  }

  async recordBudgetActual(
    user: AuthUser,
    planCode: string,
    lineCode: string,
    year: number,
    value: number,
    note?: string,
  ) {
    await this.jurisdiction.assertWithin(user, (await this.row(planCode)).provinceCode);
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.row(planCode, manager, 'pessimistic_read');
      if (plan.status === 'withdrawn') throw new AppException(PlanErrors.PLAN_WITHDRAWN, { planCode });
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
      return this.record(manager, user, plan, 'budget', lineCode, year, value, note);
    });
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    plan: PlanEntity,
    kind: 'target' | 'budget',
    itemCode: string,
    year: number,
    value: number,
    note?: string,
  ): Promise<PlanActualEntity> {
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
        changes: diffFields(before ? { value: before.value, note: before.note } : null, { value, note: note ?? null }, [
          'value',
          'note',
        ]),
        changedBy: user.id,
        unitCode: plan.provinceCode,
      },
    ]);
    return row;
  }
}

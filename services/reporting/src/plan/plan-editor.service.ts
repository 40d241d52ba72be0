import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { recordChanges, type ChangeInput, type FieldChanges, type JsonValue } from '@ocop/persistence';
import { UnitDirectory } from '../unit/unit-directory.service';
import type {
  BudgetDto,
  BudgetLineFieldsDto,
  CreatePlanDto,
  NewBudgetLineDto,
  NewTargetDto,
  ReplaceBudgetLineDto,
  ReplaceTargetDto,
  TargetFieldsDto,
  UpdatePlanDto,
} from './dto/plan.dto';
import { PlanActualEntity } from './plan-actual.entity';
import {
  canonicalBudget,
  canonicalLine,
  canonicalPlan,
  canonicalTarget,
  planBreaches,
  sumAmounts,
  type BudgetLine,
  type Plan,
  type PlanBudget,
  type PlanIssuingUnit,
  type PlanTarget,
  type PlanUnitInfo,
} from './plan.data';
import { PlanEntity } from './plan.entity';
import { PlanErrors } from './plan.errors';
import { columnsOf, planOf, recordOf, type PlanRecord } from './plan.record';

/** A deep copy as the change log stores it. */
const json = (value: unknown): JsonValue =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);

/** The header fields a PATCH may change, as the change log names them. */
const HEADER_FIELDS = ['title', 'issuer', 'unit', 'scope', 'from', 'to', 'source'] as const;

/**
 * Creating and amending plans: planners (district, province, ministry officers) over the plan's province. Every
 * change is checked whole (`planBreaches` on the plan it would leave, with the 2025 units) before anything is
 * written, and is written with its change record in one transaction; a refused request writes nothing.
 */
@Injectable()
export class PlanEditor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitDirectory,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  async create(user: AuthUser, dto: CreatePlanDto): Promise<PlanRecord> {
    await this.jurisdiction.assertWithin(user, dto.scope.provinceCode);
    const plan: Plan = canonicalPlan({
      code: dto.code,
      title: dto.title.trim(),
      issuer: dto.issuer.trim(),
      unit: await this.issuingUnit(dto.unitCode ?? dto.scope.provinceCode),
      scope: {
        provinceCode: dto.scope.provinceCode,
        communeCodes: dto.scope.communeCodes ?? null,
        ...(dto.scope.note === undefined ? {} : { note: dto.scope.note }),
      },
      from: dto.from,
      to: dto.to,
      source: { ...dto.source },
      targets: dto.targets.map((target) => targetOf(target, target.code, target.quote)),
      ...(dto.budget ? { budget: budgetOf(dto.budget) } : {}),
    });
    await this.check(plan);
    return this.dataSource.transaction(async (manager) => {
      const row = manager.create(PlanEntity, {
        ...columnsOf(plan),
        status: 'active',
        preloaded: false,
        createdBy: user.id,
        updatedBy: null,
        revision: 1,
      });
      // ON CONFLICT DO NOTHING: a plan of that code (created before, or in between) is PLAN_CODE_TAKEN, not a 500.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PlanEntity)
        .values(row)
        .orIgnore()
        .returning(['code'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0)
        throw new AppException(PlanErrors.PLAN_CODE_TAKEN, { planCode: plan.code });
      await this.log(manager, user, plan, 'created', changesOf(null, plan, [...HEADER_FIELDS, 'targets', 'budget']));
      return recordOf(await manager.findOneOrFail(PlanEntity, { where: { code: plan.code } }));
    });
  }

  async update(user: AuthUser, planCode: string, dto: UpdatePlanDto): Promise<PlanRecord> {
    if (dto.scope) await this.jurisdiction.assertWithin(user, dto.scope.provinceCode);
    const unit = dto.unitCode ? await this.issuingUnit(dto.unitCode) : undefined;
    return this.amend(user, planCode, 'updated', dto.expectedRevision, (plan) => {
      const next: Plan = {
        ...plan,
        title: dto.title?.trim() ?? plan.title,
        issuer: dto.issuer?.trim() ?? plan.issuer,
        unit: unit ?? plan.unit,
        scope: dto.scope
          ? {
              provinceCode: dto.scope.provinceCode,
              communeCodes: dto.scope.communeCodes ?? null,
              ...(dto.scope.note === undefined ? {} : { note: dto.scope.note }),
            }
          : plan.scope,
        from: dto.from ?? plan.from,
        to: dto.to ?? plan.to,
        // The seed a pre-loaded plan quotes is kept whatever else changes.
        source: dto.source ? { ...plan.source, ...defined(dto.source), seed: plan.source.seed } : plan.source,
      };
      return { next, changes: changesOf(plan, next, [...HEADER_FIELDS]) };
    });
  }

  async withdraw(user: AuthUser, planCode: string, reason: string): Promise<PlanRecord> {
    return this.amend(
      user,
      planCode,
      'withdrawn',
      undefined,
      (plan) => ({ next: plan, changes: {} }),
      (row) => {
        row.status = 'withdrawn';
        row.withdrawnAt = new Date();
        row.withdrawnBy = user.id;
        row.withdrawalReason = reason;
        return { status: ['active', 'withdrawn'], withdrawalReason: [null, reason] };
      },
    );
  }

  async addTarget(user: AuthUser, planCode: string, dto: NewTargetDto): Promise<PlanRecord> {
    return this.amend(user, planCode, 'target_added', undefined, (plan) => {
      if (plan.targets.some((target) => target.code === dto.code))
        throw new AppException(PlanErrors.PLAN_TARGET_EXISTS, { planCode, targetCode: dto.code });
      const target = targetOf(dto, dto.code, dto.quote);
      return {
        next: { ...plan, targets: [...plan.targets, target] },
        changes: { [`targets.${dto.code}`]: [null, json(target)] },
      };
    });
  }

  /**
   * Replaces a target. The quote stays unless a new one is given; a pre-loaded plan's quotes are verbatim from
   * its seed and cannot be given another. A target no longer recorded by hand loses its recorded actual.
   */
  async replaceTarget(
    user: AuthUser,
    planCode: string,
    targetCode: string,
    dto: ReplaceTargetDto,
  ): Promise<PlanRecord> {
    return this.amend(user, planCode, 'target_replaced', undefined, (plan, row) => {
      const index = plan.targets.findIndex((target) => target.code === targetCode);
      const before = plan.targets[index];
      if (!before) throw new AppException(PlanErrors.PLAN_TARGET_NOT_FOUND, { planCode, targetCode });
      if (row.preloaded && dto.quote !== undefined && dto.quote !== before.quote)
        throw new AppException(PlanErrors.PLAN_QUOTE_FIXED, { targetCode });
      const target = targetOf(dto, targetCode, dto.quote ?? before.quote);
      const targets = plan.targets.map((candidate, i) => (i === index ? target : candidate));
      return {
        next: { ...plan, targets },
        changes: { [`targets.${targetCode}`]: [json(before), json(target)] },
        dropTargetActuals: target.indicator === 'manual' ? [] : [targetCode],
      };
    });
  }

  async removeTarget(user: AuthUser, planCode: string, targetCode: string): Promise<PlanRecord> {
    return this.amend(user, planCode, 'target_removed', undefined, (plan) => {
      const before = plan.targets.find((target) => target.code === targetCode);
      if (!before) throw new AppException(PlanErrors.PLAN_TARGET_NOT_FOUND, { planCode, targetCode });
      return {
        next: { ...plan, targets: plan.targets.filter((target) => target.code !== targetCode) },
        changes: { [`targets.${targetCode}`]: [json(before), null] },
        dropTargetActuals: [targetCode],
      };
    });
  }

  /** Sets the whole budget; what was spent on a line or in a year the new budget no longer has is removed. */
  async setBudget(user: AuthUser, planCode: string, dto: BudgetDto): Promise<PlanRecord> {
    return this.amend(user, planCode, 'budget_set', undefined, (plan) => {
      const budget = budgetOf(dto);
      const lines = new Set(budget.sections.flatMap((section) => section.lines.map((line) => line.code)));
      return {
        next: { ...plan, budget },
        changes: { budget: [json(plan.budget), json(budget)] },
        dropBudgetActuals: (actual) => !lines.has(actual.itemCode) || !budget.years.includes(actual.year),
      };
    });
  }

  async removeBudget(user: AuthUser, planCode: string): Promise<PlanRecord> {
    return this.amend(user, planCode, 'budget_removed', undefined, (plan) => {
      if (!plan.budget) throw new AppException(PlanErrors.PLAN_HAS_NO_BUDGET, { planCode });
      const { budget, ...rest } = plan;
      return { next: rest, changes: { budget: [json(budget), null] }, dropBudgetActuals: () => true };
    });
  }

  async addBudgetLine(user: AuthUser, planCode: string, dto: NewBudgetLineDto): Promise<PlanRecord> {
    return this.amend(user, planCode, 'budget_line_added', undefined, (plan) => {
      const budget = plan.budget;
      if (!budget) throw new AppException(PlanErrors.PLAN_HAS_NO_BUDGET, { planCode });
      if (budget.sections.some((section) => section.lines.some((line) => line.code === dto.code)))
        throw new AppException(PlanErrors.BUDGET_LINE_EXISTS, { planCode, lineCode: dto.code });
      if (!budget.sections.some((section) => section.code === dto.section))
        throw new AppException(PlanErrors.BUDGET_SECTION_NOT_FOUND, { planCode, sectionCode: dto.section });
      const line = lineOf(dto, dto.code);
      const sections = budget.sections.map((section) =>
        section.code === dto.section ? { ...section, lines: [...section.lines, line] } : section,
      );
      return {
        next: { ...plan, budget: { ...budget, sections } },
        changes: { [`budget.lines.${dto.code}`]: [null, json({ section: dto.section, ...line })] },
      };
    });
  }

  async replaceBudgetLine(
    user: AuthUser,
    planCode: string,
    lineCode: string,
    dto: ReplaceBudgetLineDto,
  ): Promise<PlanRecord> {
    return this.amend(user, planCode, 'budget_line_replaced', undefined, (plan) => {
      const budget = plan.budget;
      const from = budget?.sections.find((section) => section.lines.some((line) => line.code === lineCode));
      const before = from?.lines.find((line) => line.code === lineCode);
      if (!budget || !from || !before) throw new AppException(PlanErrors.BUDGET_LINE_NOT_FOUND, { planCode, lineCode });
      const to = dto.section ?? from.code;
      if (!budget.sections.some((section) => section.code === to))
        throw new AppException(PlanErrors.BUDGET_SECTION_NOT_FOUND, { planCode, sectionCode: to });
      const line = lineOf(dto, lineCode);
      const sections = budget.sections.map((section) => {
        const lines =
          section.code === from.code && section.code === to
            ? section.lines.map((candidate) => (candidate.code === lineCode ? line : candidate))
            : section.code === from.code
              ? section.lines.filter((candidate) => candidate.code !== lineCode)
              : section.code === to
                ? [...section.lines, line]
                : section.lines;
        return { ...section, lines };
      });
      return {
        next: { ...plan, budget: { ...budget, sections } },
        changes: {
          [`budget.lines.${lineCode}`]: [json({ section: from.code, ...before }), json({ section: to, ...line })],
        },
      };
    });
  }

  async removeBudgetLine(user: AuthUser, planCode: string, lineCode: string): Promise<PlanRecord> {
    return this.amend(user, planCode, 'budget_line_removed', undefined, (plan) => {
      const budget = plan.budget;
      const from = budget?.sections.find((section) => section.lines.some((line) => line.code === lineCode));
      const before = from?.lines.find((line) => line.code === lineCode);
      if (!budget || !from || !before) throw new AppException(PlanErrors.BUDGET_LINE_NOT_FOUND, { planCode, lineCode });
      const sections = budget.sections.map((section) => ({
        ...section,
        lines: section.lines.filter((line) => line.code !== lineCode),
      }));
      return {
        next: { ...plan, budget: { ...budget, sections } },
        changes: { [`budget.lines.${lineCode}`]: [json({ section: from.code, ...before }), null] },
        dropBudgetActuals: (actual) => actual.itemCode === lineCode,
      };
    });
  }

  /**
   * One amendment: the plan checked in the user's jurisdiction, locked, in force and at the expected revision;
   * the plan it would leave checked whole; then the row, the actuals that no longer apply and the change
   * records, together.
   */
  private async amend(
    user: AuthUser,
    planCode: string,
    action: string,
    expectedRevision: number | undefined,
    change: (
      plan: Plan,
      row: PlanEntity,
    ) => {
      next: Plan;
      changes: FieldChanges;
      dropTargetActuals?: string[];
      dropBudgetActuals?: (actual: PlanActualEntity) => boolean;
    },
    mark?: (row: PlanEntity) => FieldChanges,
  ): Promise<PlanRecord> {
    const current = await this.dataSource.getRepository(PlanEntity).findOne({ where: { code: planCode } });
    if (!current) throw new AppException(PlanErrors.PLAN_NOT_FOUND, { planCode });
    await this.jurisdiction.assertWithin(user, current.provinceCode);
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(PlanEntity, { where: { code: planCode }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new AppException(PlanErrors.PLAN_NOT_FOUND, { planCode });
      if (row.provinceCode !== current.provinceCode) await this.jurisdiction.assertWithin(user, row.provinceCode);
      if (row.status === 'withdrawn') throw new AppException(PlanErrors.PLAN_WITHDRAWN, { planCode });
      if (expectedRevision !== undefined && expectedRevision !== row.revision)
        throw new AppException(PlanErrors.PLAN_CHANGED_CONCURRENTLY, { revision: row.revision });
      const plan = planOf(row);
      const { next, changes, dropTargetActuals = [], dropBudgetActuals } = change(plan, row);
      const document = canonicalPlan(next);
      await this.check(document);
      const marked = mark?.(row) ?? {};
      const all = { ...changes, ...marked };
      if (Object.keys(all).length === 0) return recordOf(row);
      Object.assign(row, columnsOf(document));
      row.updatedBy = user.id;
      row.revision += 1;
      await manager.save(PlanEntity, row);
      await this.log(manager, user, document, action, all);
      await this.dropActuals(manager, user, document, dropTargetActuals, dropBudgetActuals);
      return recordOf(await manager.findOneOrFail(PlanEntity, { where: { code: planCode } }));
    });
  }

  /** Actuals of targets and budget lines (or years) an amendment removed: deleted, each with its change record. */
  private async dropActuals(
    manager: EntityManager,
    user: AuthUser,
    plan: Plan,
    targetCodes: string[],
    budgetTest?: (actual: PlanActualEntity) => boolean,
  ): Promise<void> {
    const dropped = [
      ...(targetCodes.length > 0
        ? await manager.find(PlanActualEntity, {
            where: { planCode: plan.code, kind: 'target', itemCode: In(targetCodes) },
          })
        : []),
      ...(budgetTest
        ? (await manager.find(PlanActualEntity, { where: { planCode: plan.code, kind: 'budget' } })).filter(budgetTest)
        : []),
    ];
    if (dropped.length === 0) return;
    // Recorded first: removing an entity clears its key.
    await recordChanges(
      manager,
      dropped.map((actual): ChangeInput => ({
        entityType: 'plan_actual',
        entityId: `${plan.code}/${actual.kind}/${actual.itemCode}/${actual.year}`,
        action: 'removed',
        changes: { value: [actual.value, null], note: [actual.note, null] },
        changedBy: user.id,
        unitCode: plan.scope.provinceCode,
      })),
    );
    await manager.remove(PlanActualEntity, dropped);
  }

  /** Refuses a plan that breaks a rule: the first breach's code, every breach in the details. */
  private async check(plan: Plan): Promise<void> {
    const codes = new Set<string>([
      plan.scope.provinceCode,
      ...(plan.scope.communeCodes ?? []),
      ...plan.targets.flatMap((target) => (target.unitCode ? [target.unitCode] : [])),
      ...(plan.unit.era === '2025' ? [plan.unit.code] : []),
    ]);
    const known = new Map<string, PlanUnitInfo>();
    for (const code of codes) {
      const unit = await this.units.find(code);
      if (unit && unit.level !== 'nation' && unit.provinceCode)
        known.set(code, { level: unit.level, provinceCode: unit.provinceCode });
    }
    const breaches = planBreaches(plan, (code) => known.get(code));
    const [first] = breaches;
    if (first)
      throw new AppException(first.code, first.params, {
        problems: breaches.map((breach) => ({ code: breach.code, field: breach.field, problem: breach.message })),
      });
  }

  /** A 2025 unit as the issuer of a plan (the province, or a commune with its province as parent). */
  private async issuingUnit(code: string): Promise<PlanIssuingUnit> {
    const unit = await this.units.find(code);
    const province = unit?.level === 'commune' && unit.provinceCode ? await this.units.find(unit.provinceCode) : null;
    return {
      era: '2025',
      code,
      name: unit?.name ?? code,
      ...(province ? { parent: province.name } : {}),
    };
  }

  private async log(manager: EntityManager, user: AuthUser, plan: Plan, action: string, changes: FieldChanges) {
    await recordChanges(manager, [
      {
        entityType: 'plan',
        entityId: plan.code,
        action,
        changes,
        changedBy: user.id,
        unitCode: plan.scope.provinceCode,
      },
    ]);
  }
}

/** The fields a request gave (a DTO instance holds every declared field, undefined when left out). */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** `{ field: [old, new] }` of a plan's fields that differ. */
function changesOf(before: Plan | null, after: Plan, fields: (keyof Plan)[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const old = json(before?.[field]);
    const next = json(after[field]);
    if (JSON.stringify(old) !== JSON.stringify(next)) changes[field] = [old, next];
  }
  return changes;
}

function targetOf(dto: TargetFieldsDto, code: string, quote: string): PlanTarget {
  return canonicalTarget({
    code,
    labelVi: dto.labelVi.trim(),
    indicator: dto.indicator,
    ...(dto.params ? { params: { ...dto.params } } : {}),
    value: dto.value,
    unit: dto.unit,
    from: dto.from,
    deadline: dto.deadline,
    quote,
    ...(dto.per === undefined ? {} : { per: dto.per }),
    ...(dto.unitCode === undefined ? {} : { unitCode: dto.unitCode }),
    ...(dto.note === undefined ? {} : { note: dto.note }),
  });
}

function lineOf(dto: BudgetLineFieldsDto, code: string): BudgetLine {
  return canonicalLine({
    code,
    item: dto.item.trim(),
    lead: dto.lead,
    partners: dto.partners,
    total: dto.total ?? sumAmounts(dto.amounts),
    amounts: { ...dto.amounts },
    ...(dto.note === undefined ? {} : { note: dto.note }),
  });
}

function budgetOf(dto: BudgetDto): PlanBudget {
  return canonicalBudget({
    currency: 'VND',
    unitAmount: dto.unitAmount,
    unitLabel: dto.unitLabel,
    years: [...dto.years].sort((a, b) => a - b),
    ...(dto.statedTotal === undefined ? {} : { statedTotal: dto.statedTotal }),
    ...(dto.statedByYear === undefined ? {} : { statedByYear: { ...dto.statedByYear } }),
    sections: dto.sections.map((section) => ({
      code: section.code,
      title: section.title,
      ...(section.statedTotal === undefined ? {} : { statedTotal: section.statedTotal }),
      ...(section.statedByYear === undefined ? {} : { statedByYear: { ...section.statedByYear } }),
      lines: section.lines.map((line) => lineOf(line, line.code)),
    })),
  });
}

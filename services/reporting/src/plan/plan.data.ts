import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGAL_FORMS, type LegalForm, type RoundEntryKind, isProvinceCode } from '@ocop/contracts';

/** How a target's actual is measured: from the read models, or recorded by an officer. */
export const TARGET_INDICATORS = ['certified_products', 'producer_share', 'sales_points', 'manual'] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

/** What a target's value applies to besides the plan's scope as a whole: each of its 2025 communes. */
export const TARGET_PER = ['commune'] as const;
export type TargetPer = (typeof TARGET_PER)[number];

export const ROUND_ENTRY_KINDS = ['new', 'upgrade', 're_evaluation'] as const satisfies readonly RoundEntryKind[];

export interface PlanTarget {
  code: string;
  labelVi: string;
  indicator: TargetIndicator;
  /** certified_products: minStars, kinds (new, upgrade, re_evaluation); producer_share: legalForm. */
  params?: { minStars?: number; kinds?: RoundEntryKind[]; legalForm?: LegalForm };
  /** At least this much by the deadline (for each commune when `per` is `commune`). */
  value: number;
  /** products, percent, sales_points, organisations, … */
  unit: string;
  from: string;
  deadline: string;
  /** The plan's own words. */
  quote: string;
  /**
   * `commune`: the value applies to each 2025 commune of the plan's scope (each commune of the province when the
   * scope is the whole province); achieved when every one of them achieved it.
   */
  per?: TargetPer;
  /** The one 2025 commune of the plan's scope the target is measured in (e.g. "(xã Dương Đức)"). */
  unitCode?: string;
  /** What the data adds to the quote: how a unit named in it maps onto the 2025 units, how it is read. */
  note?: string;
}

export interface BudgetLine {
  code: string;
  item: string;
  lead: string[];
  partners: string[];
  /** The printed total of the line (the sum of its amounts when none is printed). */
  total: number;
  /** Amount per year (in the budget's unit), as printed; a year left out is none. */
  amounts: Record<string, number>;
  note?: string;
}

export interface BudgetSection {
  code: string;
  title: string;
  /** The section's printed totals, when the plan prints them. */
  statedTotal?: number;
  statedByYear?: Record<string, number>;
  lines: BudgetLine[];
}

export interface PlanBudget {
  currency: 'VND';
  /** What one unit of the amounts is worth in VND (1,000,000: amounts in million VND). */
  unitAmount: number;
  unitLabel: string;
  years: number[];
  /** The budget's printed totals, when the plan prints them. */
  statedTotal?: number;
  statedByYear?: Record<string, number>;
  sections: BudgetSection[];
}

/** The unit that issued the plan, in its own era (a legacy district, a province). */
export interface PlanIssuingUnit {
  era: 'legacy' | '2025';
  code: string;
  name: string;
  parent?: string;
}

/** The 2025 units whose figures measure the plan: the province, or the communes now covering its area. */
export interface PlanScope {
  provinceCode: string;
  communeCodes: string[] | null;
  note?: string;
}

/**
 * Where the plan comes from: `seed` (pre-loaded plans only: the file of `shared/seeds` its quotes are taken from,
 * never written through the API), or `document` (the plan's number and date, for plans entered through the API).
 */
export interface PlanSource {
  seed?: string;
  document?: string;
  section?: string;
  basis?: string;
  remarks?: string;
}

/** A plan as written: what data/plans/*.json hold and what the API takes and gives. */
export interface Plan {
  code: string;
  title: string;
  issuer: string;
  unit: PlanIssuingUnit;
  scope: PlanScope;
  from: string;
  to: string;
  source: PlanSource;
  targets: PlanTarget[];
  budget?: PlanBudget;
}

export const PLANS_DIR = join(__dirname, '..', '..', 'data', 'plans');

export const PLAN_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The codes the plan rules answer with (declared in plan.errors.ts, VALIDATION_FAILED and UNKNOWN_UNIT shared). */
export type PlanRuleCode =
  | 'VALIDATION_FAILED'
  | 'UNKNOWN_UNIT'
  | 'PLAN_DATES_INVALID'
  | 'PLAN_TARGET_OUTSIDE_PERIOD'
  | 'PLAN_TARGET_PARAMS_INVALID'
  | 'PLAN_TARGET_SCOPE_INVALID'
  | 'PLAN_DUPLICATE_CODE'
  | 'PLAN_COMMUNE_OUTSIDE_PROVINCE'
  | 'PLAN_BUDGET_YEARS_OUTSIDE_PLAN'
  | 'BUDGET_YEAR_NOT_IN_PLAN';

/** One broken rule: its stable code, where (a path in the plan), what (English), and the message's params. */
export interface PlanBreach {
  code: PlanRuleCode;
  field: string;
  message: string;
  params: Record<string, string | number>;
}

/** A 2025 unit as the rules need it (from report_unit or data/units-2025.csv). */
export interface PlanUnitInfo {
  level: 'province' | 'commune';
  provinceCode: string;
}

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const isAmount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * Every rule a plan breaks, in the plan's order (empty when none): the data files' loader refuses a file with
 * any, and the API answers the first one's code with all of them in the details, writing nothing. With `units`
 * (the 2025 directory) the units are checked too: known, communes of the plan's province.
 */
export function planBreaches(plan: Plan, units?: (code: string) => PlanUnitInfo | undefined): PlanBreach[] {
  const breaches: PlanBreach[] = [];
  const add = (code: PlanRuleCode, field: string, message: string, params: PlanBreach['params'] = {}) =>
    breaches.push({ code, field, message, params });
  if (!PLAN_CODE.test(plan.code ?? ''))
    add('VALIDATION_FAILED', 'code', 'code must be lower-case words joined by hyphens');
  const periodValid = isDate(plan.from) && isDate(plan.to) && plan.from <= plan.to;
  if (!periodValid)
    add('PLAN_DATES_INVALID', 'from', 'from and to must be dates, from before to', { from: plan.from, to: plan.to });

  // Scope: a 2025 province and, optionally, communes of it.
  const province = plan.scope?.provinceCode ?? '';
  const communes = plan.scope?.communeCodes ?? null;
  if (!isProvinceCode(province))
    add('VALIDATION_FAILED', 'scope.provinceCode', 'scope.provinceCode must be a 2025 province code');
  else if (units && units(province)?.level !== 'province')
    add('UNKNOWN_UNIT', 'scope.provinceCode', `no 2025 province has code ${province}`, { unitCode: province });
  const seenCommunes = new Set<string>();
  for (const [index, commune] of (communes ?? []).entries()) {
    const field = `scope.communeCodes[${index}]`;
    if (!/^\d{5}$/.test(commune))
      add('VALIDATION_FAILED', field, `scope commune ${commune} is not a 2025 commune code`);
    else if (seenCommunes.has(commune))
      add('PLAN_DUPLICATE_CODE', field, `scope commune ${commune} appears twice`, {
        what: 'commune',
        itemCode: commune,
      });
    else checkCommune(commune, field, 'scope commune');
    seenCommunes.add(commune);
  }
  if (communes !== null && communes.length === 0)
    add(
      'VALIDATION_FAILED',
      'scope.communeCodes',
      'scope.communeCodes lists at least one commune, or is null for the province',
    );
  if (plan.unit?.era === '2025' && plan.unit.code !== province)
    checkCommune(plan.unit.code, 'unit.code', 'issuing unit');

  function checkCommune(code: string, field: string, what: string): void {
    if (!units) return;
    const unit = units(code);
    if (!unit) add('UNKNOWN_UNIT', field, `${what} ${code}: no 2025 unit has that code`, { unitCode: code });
    else if (unit.provinceCode !== province)
      add(
        'PLAN_COMMUNE_OUTSIDE_PROVINCE',
        field,
        `${what} ${code} lies in province ${unit.provinceCode}, not ${province}`,
        {
          unitCode: code,
          provinceCode: province,
        },
      );
  }

  // Targets.
  const codes = new Set<string>();
  for (const [index, target] of (plan.targets ?? []).entries()) {
    const at = `targets[${index}]`;
    const name = `target ${target.code}`;
    if (!ITEM_CODE.test(target.code ?? '')) add('VALIDATION_FAILED', `${at}.code`, `${name}: bad code`);
    if (codes.has(target.code))
      add('PLAN_DUPLICATE_CODE', `${at}.code`, `${name} appears twice`, { what: 'target', itemCode: target.code });
    codes.add(target.code);
    if (!TARGET_INDICATORS.includes(target.indicator))
      add('VALIDATION_FAILED', `${at}.indicator`, `${name}: unknown indicator`);
    if (!(typeof target.value === 'number' && Number.isFinite(target.value) && target.value > 0))
      add('VALIDATION_FAILED', `${at}.value`, `${name}: value must be positive`);
    if (!isDate(target.from) || !isDate(target.deadline) || target.from > target.deadline)
      add('PLAN_DATES_INVALID', `${at}.deadline`, `${name}: from and deadline must be dates, in order`, {
        from: target.from,
        to: target.deadline,
      });
    else if (periodValid && (target.from < plan.from || target.deadline > plan.to))
      add(
        'PLAN_TARGET_OUTSIDE_PERIOD',
        `${at}.deadline`,
        `${name}: ${target.from} – ${target.deadline} is not within the plan's ${plan.from} – ${plan.to}`,
        {
          targetCode: target.code,
          from: plan.from,
          to: plan.to,
        },
      );
    const params = target.params ?? {};
    const legalForm = params.legalForm;
    if (target.indicator === 'producer_share' && (!legalForm || !LEGAL_FORMS.includes(legalForm)))
      add('PLAN_TARGET_PARAMS_INVALID', `${at}.params.legalForm`, `${name}: producer_share needs a legal form`, {
        targetCode: target.code,
      });
    if (target.indicator !== 'producer_share' && legalForm !== undefined)
      add('PLAN_TARGET_PARAMS_INVALID', `${at}.params.legalForm`, `${name}: a legal form is for producer_share only`, {
        targetCode: target.code,
      });
    if (target.indicator !== 'certified_products' && (params.minStars !== undefined || params.kinds !== undefined))
      add('PLAN_TARGET_PARAMS_INVALID', `${at}.params`, `${name}: minStars and kinds are for certified_products only`, {
        targetCode: target.code,
      });
    if (!target.quote) add('VALIDATION_FAILED', `${at}.quote`, `${name}: quote the plan`);
    if (target.per !== undefined && target.unitCode !== undefined)
      add('PLAN_TARGET_SCOPE_INVALID', `${at}.per`, `${name}: either per commune or in one commune, not both`, {
        targetCode: target.code,
      });
    else if (target.per !== undefined && target.indicator === 'manual')
      add(
        'PLAN_TARGET_SCOPE_INVALID',
        `${at}.per`,
        `${name}: a manual target is recorded for the plan as a whole, not per commune`,
        {
          targetCode: target.code,
        },
      );
    else if (target.unitCode !== undefined) {
      if (communes !== null && !communes.includes(target.unitCode))
        add(
          'PLAN_TARGET_SCOPE_INVALID',
          `${at}.unitCode`,
          `${name}: ${target.unitCode} is not one of the plan's communes`,
          {
            targetCode: target.code,
          },
        );
      else if (communes === null) checkCommune(target.unitCode, `${at}.unitCode`, name);
    }
  }

  // Budget: its years within the plan's, each line's amounts in those years and never negative.
  const budget = plan.budget;
  if (budget) {
    const years = budget.years ?? [];
    const yearsText = years.join(', ');
    const budgetYear = (field: string, what: string, year: string) =>
      add('BUDGET_YEAR_NOT_IN_PLAN', field, `${what}: ${year} is not a year of the budget (${yearsText})`, {
        planCode: plan.code,
        year,
        years: yearsText,
      });
    if (years.length === 0) add('VALIDATION_FAILED', 'budget.years', 'budget.years lists at least one year');
    if (new Set(years).size !== years.length)
      add('VALIDATION_FAILED', 'budget.years', 'budget.years lists a year twice');
    if (periodValid)
      for (const year of years)
        if (!Number.isInteger(year) || year < yearOf(plan.from) || year > yearOf(plan.to))
          add(
            'PLAN_BUDGET_YEARS_OUTSIDE_PLAN',
            'budget.years',
            `budget year ${year} is outside the plan's years (${yearOf(plan.from)}-${yearOf(plan.to)})`,
            {
              year,
              from: yearOf(plan.from),
              to: yearOf(plan.to),
            },
          );
    const checkAmounts = (field: string, what: string, amounts: Record<string, number> | undefined) => {
      for (const [year, amount] of Object.entries(amounts ?? {})) {
        if (!years.includes(Number(year)) || !/^\d{4}$/.test(year)) budgetYear(`${field}.${year}`, what, year);
        else if (!isAmount(amount))
          add('VALIDATION_FAILED', `${field}.${year}`, `${what}: the amount for ${year} must be a number ≥ 0`);
      }
    };
    if (budget.statedTotal !== undefined && !isAmount(budget.statedTotal))
      add('VALIDATION_FAILED', 'budget.statedTotal', 'budget: the stated total must be a number ≥ 0');
    checkAmounts('budget.statedByYear', 'budget', budget.statedByYear);
    const sectionCodes = new Set<string>();
    const lineCodes = new Set<string>();
    for (const [s, section] of (budget.sections ?? []).entries()) {
      const at = `budget.sections[${s}]`;
      if (sectionCodes.has(section.code))
        add('PLAN_DUPLICATE_CODE', `${at}.code`, `budget section ${section.code} appears twice`, {
          what: 'budget section',
          itemCode: section.code,
        });
      sectionCodes.add(section.code);
      if (section.statedTotal !== undefined && !isAmount(section.statedTotal))
        add(
          'VALIDATION_FAILED',
          `${at}.statedTotal`,
          `budget section ${section.code}: the stated total must be a number ≥ 0`,
        );
      checkAmounts(`${at}.statedByYear`, `budget section ${section.code}`, section.statedByYear);
      for (const [l, line] of (section.lines ?? []).entries()) {
        const lineAt = `${at}.lines[${l}]`;
        if (!ITEM_CODE.test(line.code ?? ''))
          add('VALIDATION_FAILED', `${lineAt}.code`, `budget line ${line.code}: bad code`);
        if (lineCodes.has(line.code))
          add('PLAN_DUPLICATE_CODE', `${lineAt}.code`, `budget line ${line.code} appears twice`, {
            what: 'budget line',
            itemCode: line.code,
          });
        lineCodes.add(line.code);
        if (!isAmount(line.total))
          add('VALIDATION_FAILED', `${lineAt}.total`, `budget line ${line.code}: the total must be a number ≥ 0`);
        checkAmounts(`${lineAt}.amounts`, `budget line ${line.code}`, line.amounts);
      }
    }
  }
  return breaches;
}

/** What is wrong with a plan, in words (empty when nothing): the loader refuses a plan file with problems. */
export function planProblems(plan: Plan, units?: (code: string) => PlanUnitInfo | undefined): string[] {
  return planBreaches(plan, units).map((breach) => breach.message);
}

/** The pre-loaded plans (seeds 000, 002, 003), checked. */
export function readPlans(dir = PLANS_DIR, units?: (code: string) => PlanUnitInfo | undefined): Plan[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const plan = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Plan;
      const problems = planProblems(plan, units);
      if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
      return plan;
    });
}

/** The sum of a line's amounts, to the cent (a line's total when the plan prints none). */
export function sumAmounts(amounts: Record<string, number>): number {
  return Math.round(Object.values(amounts).reduce((sum, amount) => sum + amount, 0) * 100) / 100;
}

/** Sums of a budget: per section and year, and overall, from the lines (to compare with what is printed). */
export function budgetSums(budget: PlanBudget): {
  sections: { code: string; total: number; byYear: Record<string, number> }[];
  total: number;
  byYear: Record<string, number>;
} {
  const round = (value: number) => Math.round(value * 100) / 100;
  const byYear: Record<string, number> = Object.fromEntries(budget.years.map((year) => [String(year), 0]));
  const sections = budget.sections.map((section) => {
    const sectionByYear: Record<string, number> = Object.fromEntries(budget.years.map((year) => [String(year), 0]));
    let total = 0;
    for (const line of section.lines) {
      total += line.total;
      for (const [year, amount] of Object.entries(line.amounts))
        sectionByYear[year] = (sectionByYear[year] ?? 0) + amount;
    }
    for (const [year, amount] of Object.entries(sectionByYear)) byYear[year] = round((byYear[year] ?? 0) + amount);
    return {
      code: section.code,
      total: round(total),
      byYear: Object.fromEntries(Object.entries(sectionByYear).map(([year, amount]) => [year, round(amount)])),
    };
  });
  return { sections, total: round(sections.reduce((sum, section) => sum + section.total, 0)), byYear };
}

/**
 * The documents' fields in their written order, whatever order storage (jsonb sorts keys) gives them back in,
 * and without the fields left out: what the API answers is what the data file or the request holds.
 */
export function canonicalPlan(plan: Plan): Plan {
  return {
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    unit: pick(plan.unit, ['era', 'code', 'name', 'parent']),
    scope: pick(plan.scope, ['provinceCode', 'communeCodes', 'note']),
    from: plan.from,
    to: plan.to,
    source: pick(plan.source, ['seed', 'document', 'section', 'basis', 'remarks']),
    targets: plan.targets.map(canonicalTarget),
    ...(plan.budget ? { budget: canonicalBudget(plan.budget) } : {}),
  };
}

export function canonicalTarget(target: PlanTarget): PlanTarget {
  return pick(
    {
      ...target,
      params: target.params ? pick(target.params, ['minStars', 'kinds', 'legalForm']) : undefined,
    },
    ['code', 'labelVi', 'indicator', 'params', 'value', 'unit', 'from', 'deadline', 'quote', 'per', 'unitCode', 'note'],
  );
}

export function canonicalBudget(budget: PlanBudget): PlanBudget {
  return pick(
    {
      ...budget,
      statedByYear: budget.statedByYear && byYear(budget.statedByYear),
      sections: budget.sections.map((section) =>
        pick(
          {
            ...section,
            statedByYear: section.statedByYear && byYear(section.statedByYear),
            lines: section.lines.map(canonicalLine),
          },
          ['code', 'title', 'statedTotal', 'statedByYear', 'lines'],
        ),
      ),
    },
    ['currency', 'unitAmount', 'unitLabel', 'years', 'statedTotal', 'statedByYear', 'sections'],
  );
}

export function canonicalLine(line: BudgetLine): BudgetLine {
  return pick({ ...line, amounts: byYear(line.amounts) }, [
    'code',
    'item',
    'lead',
    'partners',
    'total',
    'amounts',
    'note',
  ]);
}

/** Years in order. */
function byYear(amounts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(amounts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The listed keys in that order, those undefined left out. */
function pick<T extends object>(value: T, keys: (keyof T)[]): T {
  const result: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) result[key] = value[key];
  return result as T;
}

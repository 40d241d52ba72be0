import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGAL_FORMS, type LegalForm, type RoundEntryKind } from '@ocop/contracts';

/** How a target's actual is measured: from the read models, or recorded by an officer. */
export const TARGET_INDICATORS = ['certified_products', 'producer_share', 'sales_points', 'manual'] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

export interface PlanTarget {
  code: string;
  labelVi: string;
  indicator: TargetIndicator;
  /** certified_products: minStars, kinds (new, upgrade, re_evaluation); producer_share: legalForm. */
  params?: { minStars?: number; kinds?: RoundEntryKind[]; legalForm?: LegalForm };
  /** At least this much by the deadline. */
  value: number;
  /** products, percent, sales_points, organisations, … */
  unit: string;
  from: string;
  deadline: string;
  /** The plan's own words. */
  quote: string;
}

export interface BudgetLine {
  code: string;
  item: string;
  lead: string[];
  partners: string[];
  /** The printed total of the line. */
  total: number;
  /** Amount per year (in the budget's unit), as printed; a year left out is none. */
  amounts: Record<string, number>;
  note?: string;
}

export interface BudgetSection {
  code: string;
  title: string;
  statedTotal: number;
  statedByYear: Record<string, number>;
  lines: BudgetLine[];
}

export interface PlanBudget {
  currency: 'VND';
  /** What one unit of the amounts is worth in VND (1,000,000: amounts in million VND). */
  unitAmount: number;
  unitLabel: string;
  years: number[];
  statedTotal: number;
  statedByYear: Record<string, number>;
  sections: BudgetSection[];
}

export interface Plan {
  code: string;
  title: string;
  issuer: string;
  /** The unit that issued the plan, in its own era (a legacy district, a province). */
  unit: { era: 'legacy' | '2025'; code: string; name: string; parent?: string };
  /** The 2025 units whose figures measure the plan: the province, or the communes now covering its area. */
  scope: { provinceCode: string; communeCodes: string[] | null; note: string };
  from: string;
  to: string;
  source: { seed: string; section: string; basis?: string; remarks?: string };
  targets: PlanTarget[];
  budget?: PlanBudget;
}

export const PLANS_DIR = join(__dirname, '..', '..', 'data', 'plans');

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a plan (empty when nothing): the loader refuses a plan file with problems. */
export function planProblems(plan: Plan): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9-]+$/.test(plan.code ?? '')) problems.push('code must be lower-case words joined by hyphens');
  if (!DATE.test(plan.from ?? '') || !DATE.test(plan.to ?? '') || plan.from > plan.to)
    problems.push('from and to must be dates, from before to');
  if (!/^\d{2}$/.test(plan.scope?.provinceCode ?? '')) problems.push('scope.provinceCode must be a 2025 province code');
  for (const commune of plan.scope?.communeCodes ?? [])
    if (!/^\d{5}$/.test(commune)) problems.push(`scope commune ${commune} is not a 2025 commune code`);
  const codes = new Set<string>();
  for (const target of plan.targets ?? []) {
    if (codes.has(target.code)) problems.push(`target ${target.code} appears twice`);
    codes.add(target.code);
    if (!TARGET_INDICATORS.includes(target.indicator)) problems.push(`target ${target.code}: unknown indicator`);
    if (!(target.value > 0)) problems.push(`target ${target.code}: value must be positive`);
    if (!DATE.test(target.from) || !DATE.test(target.deadline) || target.from > target.deadline)
      problems.push(`target ${target.code}: from and deadline must be dates, in order`);
    const legalForm = target.params?.legalForm;
    if (target.indicator === 'producer_share' && (!legalForm || !LEGAL_FORMS.includes(legalForm)))
      problems.push(`target ${target.code}: producer_share needs a legal form`);
    if (!target.quote) problems.push(`target ${target.code}: quote the plan`);
  }
  const lineCodes = new Set<string>();
  for (const section of plan.budget?.sections ?? [])
    for (const line of section.lines) {
      if (lineCodes.has(line.code)) problems.push(`budget line ${line.code} appears twice`);
      lineCodes.add(line.code);
      for (const [year, amount] of Object.entries(line.amounts))
        if (!plan.budget?.years.includes(Number(year)) || !(amount >= 0))
          problems.push(`budget line ${line.code}: bad amount for ${year}`);
    }
  return problems;
}

/** The pre-loaded plans (seeds 000, 002, 003), checked. */
export function readPlans(dir = PLANS_DIR): Plan[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const plan = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Plan;
      const problems = planProblems(plan);
      if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
      return plan;
    });
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

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetSums, planProblems, readPlans, type Plan } from './plan.data';

const plans = readPlans();
const plan = (code: string): Plan => plans.find((candidate) => candidate.code === code)!;
/** The source plans, beside the repository (shared/seeds) when it is checked out with them. */
const SEEDS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'seeds');

describe('pre-loaded plans (seeds 000, 002, 003)', () => {
  it('loads the three plans, their targets and the Lào Cai budget, all valid', () => {
    expect(plans.map((candidate) => candidate.code)).toEqual([
      'lang-giang-2024',
      'lao-cai-2018-2020',
      'ngoc-hoi-2021-2025',
    ]);
    for (const candidate of plans) expect(planProblems(candidate)).toEqual([]);
    expect(plan('ngoc-hoi-2021-2025').targets.map((t) => `${t.code} ${t.value} ${t.unit}`)).toEqual([
      'products-3-stars 5 products',
      'value-chain-products 10 products',
      'cooperative-share 30 percent',
      'cooperative-group-share 30 percent',
      'trained-labour-share 10 percent',
      'sales-points 1 sales_points',
    ]);
    expect(plan('lang-giang-2024').targets.map((t) => t.value)).toEqual([8, 1, 11]);
    expect(
      plan('lao-cai-2018-2020')
        .targets.filter((t) => t.code.startsWith('standardised-products-'))
        .map((t) => t.value),
    ).toEqual([10, 30, 20]);
  });

  it('maps each legacy district onto the 2025 communes that now hold it', () => {
    expect(plan('ngoc-hoi-2021-2025').scope).toEqual(
      expect.objectContaining({ provinceCode: '51', communeCodes: ['23377', '23383', '23392'] }),
    );
    expect(plan('lang-giang-2024').scope.communeCodes).toEqual(['07375', '07381', '07399', '07420', '07432']);
    expect(plan('lao-cai-2018-2020').scope).toEqual(
      expect.objectContaining({ provinceCode: '15', communeCodes: null }),
    );
  });

  it('adds the Lào Cai budget lines up to the printed totals, except the source’s own rounding', () => {
    const budget = plan('lao-cai-2018-2020').budget!;
    const sums = budgetSums(budget);
    expect(budget.statedByYear).toEqual({ '2018': 1414, '2019': 86232, '2020': 49796 });
    expect(sums.byYear['2019']).toBe(86232);
    expect(sums.byYear['2020']).toBe(49796);
    // 2018: the lines add up to 1,413.9 (IV.3 is printed 338,4 and section V carries 174,5) against 1,414 printed.
    expect(sums.byYear['2018']).toBeCloseTo(1413.9, 5);
    expect(sums.total).toBeCloseTo(137441.5, 5);
    for (const section of budget.sections) {
      const computed = sums.sections.find((candidate) => candidate.code === section.code)!;
      expect({ section: section.code, total: computed.total }).toEqual({
        section: section.code,
        total: section.statedTotal,
      });
      for (const [year, amount] of Object.entries(section.statedByYear))
        expect(Math.abs((computed.byYear[year] ?? 0) - amount)).toBeLessThanOrEqual(section.code === 'IV' ? 0.4 : 0);
    }
    expect(budget.sections.flatMap((section) => section.lines)).toHaveLength(38);
  });

  it('refuses a plan with a bad scope, a duplicate target or an amount outside the budget years', () => {
    const bad = JSON.parse(JSON.stringify(plan('lao-cai-2018-2020'))) as Plan;
    bad.scope.provinceCode = '1';
    bad.targets.push({ ...bad.targets[0]! });
    bad.budget!.sections[0]!.lines[0]!.amounts['2021'] = 5;
    expect(planProblems(bad)).toEqual([
      'scope.provinceCode must be a 2025 province code',
      'target standardised-products appears twice',
      'budget line I.1: bad amount for 2021',
    ]);
  });

  (existsSync(SEEDS) ? it : it.skip)('quotes every target verbatim from its seed plan', () => {
    for (const candidate of plans) {
      const text = readFileSync(join(SEEDS, candidate.source.seed), 'utf8').replace(/\s+/g, ' ');
      for (const target of candidate.targets)
        expect({ target: target.code, found: text.includes(target.quote) }).toEqual({
          target: target.code,
          found: true,
        });
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readUnits } from '../unit/units.data';
import {
  budgetSums,
  canonicalPlan,
  planBreaches,
  planProblems,
  readPlans,
  type Plan,
  type PlanTarget,
  type PlanUnitInfo,
} from './plan.data';

const units = new Map<string, PlanUnitInfo>(readUnits().map((unit) => [unit.code, unit]));
const lookup = (code: string) => units.get(code);
const plans = readPlans(undefined, lookup);
const plan = (code: string): Plan => plans.find((candidate) => candidate.code === code)!;
/** The source plans, beside the repository (shared/seeds) when it is checked out with them. */
const SEEDS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'seeds');
const MAPPING = join(__dirname, '..', '..', '..', 'registration', 'data', 'admin-unit-mapping.csv');

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
    expect(plan('lang-giang-2024').targets.map((t) => `${t.code} ${t.value}${t.per ? ` per ${t.per}` : ''}`)).toEqual([
      'new-products-3-stars 8',
      'upgrade-to-4-stars 1',
      're-evaluations 11',
      'new-product-3-stars-each-commune 1 per commune',
      'four-star-product-duong-duc 1',
    ]);
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

  (existsSync(MAPPING) ? it : it.skip)(
    'pins Dương Đức’s 4★ target to the 2025 commune that holds legacy Xã Dương Đức, and counts per 2025 commune',
    () => {
      const newCode = new Map(
        readFileSync(MAPPING, 'utf8')
          .split('\n')
          .filter((line) => line.includes(',commune,'))
          .map((line) => line.split(','))
          .map(([legacy, , current]) => [legacy!, current!]),
      );
      const langGiang = plan('lang-giang-2024');
      const pinned = langGiang.targets.find((target) => target.code === 'four-star-product-duong-duc')!;
      expect(newCode.get('07408')).toBe('07420'); // Xã Dương Đức → Xã Mỹ Thái
      expect(pinned).toEqual(
        expect.objectContaining({ unitCode: '07420', value: 1, params: { minStars: 4, kinds: ['new', 'upgrade'] } }),
      );
      expect(langGiang.scope.communeCodes).toContain(pinned.unitCode);
      const each = langGiang.targets.find((target) => target.code === 'new-product-3-stars-each-commune')!;
      expect(each).toEqual(
        expect.objectContaining({ per: 'commune', value: 1, params: { minStars: 3, kinds: ['new'] } }),
      );
      // The legacy communes and towns of district 217 all lie in the five communes of the scope (19 of them).
      const legacy = readFileSync(join(MAPPING, '..', 'admin-units.csv'), 'utf8')
        .split('\n')
        .map((line) => line.split(','))
        .filter(([era, , , level, , parent]) => era === 'legacy' && level === 'commune' && parent === '217')
        .map(([, code]) => code!);
      expect(legacy).toHaveLength(19);
      expect([...new Set(legacy.map((code) => newCode.get(code)))].sort()).toEqual(langGiang.scope.communeCodes);
    },
  );

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
      for (const [year, amount] of Object.entries(section.statedByYear!))
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
      'budget line I.1: 2021 is not a year of the budget (2018, 2019, 2020)',
    ]);
  });

  (existsSync(SEEDS) ? it : it.skip)('quotes every target verbatim from its seed plan', () => {
    for (const candidate of plans) {
      const text = readFileSync(join(SEEDS, candidate.source.seed!), 'utf8').replace(/\s+/g, ' ');
      for (const target of candidate.targets)
        expect({ target: target.code, found: text.includes(target.quote) }).toEqual({
          target: target.code,
          found: true,
        });
    }
  });
});

describe('plan rules (planBreaches): each broken rule with its stable code', () => {
  const base = (): Plan =>
    canonicalPlan({
      code: 'bac-ninh-2026',
      title: 'Kế hoạch OCOP tỉnh Bắc Ninh năm 2026',
      issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      unit: { era: '2025', code: '24', name: 'Tỉnh Bắc Ninh' },
      scope: { provinceCode: '24', communeCodes: ['07375', '07420'] },
      from: '2026-01-01',
      to: '2027-12-31',
      source: { document: 'Kế hoạch số 1/KH-UBND ngày 05/01/2026' },
      targets: [
        {
          code: 'stars',
          labelVi: 'Sản phẩm 3 sao',
          indicator: 'certified_products',
          params: { minStars: 3 },
          value: 4,
          unit: 'products',
          from: '2026-01-01',
          deadline: '2026-12-31',
          quote: 'ít nhất 04 sản phẩm',
        },
      ],
      budget: {
        currency: 'VND',
        unitAmount: 1_000_000,
        unitLabel: 'triệu đồng',
        years: [2026, 2027],
        sections: [
          {
            code: 'I',
            title: 'Tuyên truyền',
            lines: [
              { code: 'I.1', item: 'Hội nghị', lead: ['Sở NN'], partners: [], total: 30, amounts: { '2026': 30 } },
            ],
          },
        ],
      },
    });
  const codes = (plan: Plan) => planBreaches(plan, lookup).map((breach) => `${breach.code} ${breach.field}`);
  const target = (plan: Plan): PlanTarget => plan.targets[0]!;

  it('finds nothing wrong with a valid plan, and nothing with the pre-loaded ones checked against the 2025 units', () => {
    expect(codes(base())).toEqual([]);
    for (const candidate of plans) expect(codes(candidate)).toEqual([]);
  });

  it('dates in order, targets within the plan’s period', () => {
    const plan = base();
    plan.from = '2028-01-01';
    expect(codes(plan)).toEqual(['PLAN_DATES_INVALID from']);
    const late = base();
    target(late).deadline = '2028-03-31';
    expect(planBreaches(late, lookup)).toEqual([
      expect.objectContaining({
        code: 'PLAN_TARGET_OUTSIDE_PERIOD',
        field: 'targets[0].deadline',
        params: { targetCode: 'stars', from: '2026-01-01', to: '2027-12-31' },
      }),
    ]);
    const reversed = base();
    target(reversed).from = '2027-01-01';
    expect(codes(reversed)).toEqual(['PLAN_DATES_INVALID targets[0].deadline']);
  });

  it('indicator known, value > 0, producer_share with a legal form, parameters fitting the indicator, a quote', () => {
    const plan = base();
    Object.assign(target(plan), { indicator: 'stars_total', value: 0, quote: '' });
    expect(codes(plan)).toEqual([
      'VALIDATION_FAILED targets[0].indicator',
      'VALIDATION_FAILED targets[0].value',
      'PLAN_TARGET_PARAMS_INVALID targets[0].params',
      'VALIDATION_FAILED targets[0].quote',
    ]);
    const share = base();
    Object.assign(target(share), { indicator: 'producer_share', params: {}, unit: 'percent' });
    expect(codes(share)).toEqual(['PLAN_TARGET_PARAMS_INVALID targets[0].params.legalForm']);
    target(share).params = { legalForm: 'cooperative' };
    expect(codes(share)).toEqual([]);
  });

  it('per commune or one commune of the scope, never both, never a manual target per commune', () => {
    const plan = base();
    Object.assign(target(plan), { per: 'commune', unitCode: '07375' });
    expect(codes(plan)).toEqual(['PLAN_TARGET_SCOPE_INVALID targets[0].per']);
    const manual = base();
    Object.assign(target(manual), { indicator: 'manual', params: undefined, per: 'commune' });
    expect(codes(manual)).toEqual(['PLAN_TARGET_SCOPE_INVALID targets[0].per']);
    const elsewhere = base();
    target(elsewhere).unitCode = '07381';
    expect(codes(elsewhere)).toEqual(['PLAN_TARGET_SCOPE_INVALID targets[0].unitCode']);
    // A plan over the whole province: the target's commune must be one of the province's.
    const province = base();
    province.scope.communeCodes = null;
    target(province).unitCode = '14758';
    expect(codes(province)).toEqual(['PLAN_COMMUNE_OUTSIDE_PROVINCE targets[0].unitCode']);
    target(province).unitCode = '07381';
    expect(codes(province)).toEqual([]);
  });

  it('units known, communes of the plan’s province, each once', () => {
    const plan = base();
    plan.scope.provinceCode = '99';
    expect(codes(plan)[0]).toBe('UNKNOWN_UNIT scope.provinceCode');
    const foreign = base();
    foreign.scope.communeCodes = ['07375', '14758', '99999', '07375'];
    expect(codes(foreign)).toEqual([
      'PLAN_COMMUNE_OUTSIDE_PROVINCE scope.communeCodes[1]',
      'UNKNOWN_UNIT scope.communeCodes[2]',
      'PLAN_DUPLICATE_CODE scope.communeCodes[3]',
    ]);
    const issuer = base();
    issuer.unit = { era: '2025', code: '38', name: 'Tỉnh Thanh Hóa' };
    expect(codes(issuer)).toEqual(['PLAN_COMMUNE_OUTSIDE_PROVINCE unit.code']);
  });

  it('budget years within the plan’s, amounts in those years and ≥ 0, codes once', () => {
    const plan = base();
    plan.budget!.years = [2025, 2026];
    plan.budget!.sections[0]!.lines[0]!.amounts = { '2026': -5, '2027': 3 };
    plan.budget!.sections.push({ ...plan.budget!.sections[0]!, title: 'again' });
    plan.targets.push({ ...target(plan) });
    expect(codes(plan)).toEqual([
      'PLAN_DUPLICATE_CODE targets[1].code',
      'PLAN_BUDGET_YEARS_OUTSIDE_PLAN budget.years',
      'VALIDATION_FAILED budget.sections[0].lines[0].amounts.2026',
      'BUDGET_YEAR_NOT_IN_PLAN budget.sections[0].lines[0].amounts.2027',
      'PLAN_DUPLICATE_CODE budget.sections[1].code',
      'PLAN_DUPLICATE_CODE budget.sections[1].lines[0].code',
      'VALIDATION_FAILED budget.sections[1].lines[0].amounts.2026',
      'BUDGET_YEAR_NOT_IN_PLAN budget.sections[1].lines[0].amounts.2027',
    ]);
  });

  it('gives documents back in their written order, whatever order storage gave the keys in', () => {
    const shuffled = JSON.parse(
      JSON.stringify(plan('lao-cai-2018-2020'), (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    ) as Plan;
    expect(JSON.stringify(canonicalPlan(shuffled))).toBe(JSON.stringify(plan('lao-cai-2018-2020')));
  });
});

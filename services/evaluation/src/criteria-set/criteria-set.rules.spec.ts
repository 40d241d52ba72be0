import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PRODUCT_GROUPS } from '@ocop/contracts';
import { readRegulations } from '../regulation/regulation.data';
import type { RegulationVersion } from '../regulation/regulation.rules';
import { readShippedCriteriaSets } from './criteria-set.data';
import {
  maxPoints,
  scoreChoices,
  validateCriteriaSet,
  type CriteriaSetDocument,
  type Criterion,
  type ScoreChoices,
} from './criteria-set.rules';

const versions = readRegulations();
const v148 = versions.find((version) => version.code === '148/2023')!;

const criterion = (code: string, points: number[], extra: Partial<Criterion> = {}): Criterion => ({
  code,
  section: `${code.slice(0, 2)}. Mục`,
  text: `Tiêu chí ${code}`,
  options: points.map((value, i) => ({ code: 'abcdef'[i]!, text: `Mức ${value} điểm`, points: value })),
  requiredForStars: null,
  ...extra,
});

/** A small coherent 148 set: A 40, B 25, C 35; C2.1 required for 3★ (from 2 points), C3.1 for 5★ (from 3). */
function smallSet(): CriteriaSetDocument {
  return {
    versionCode: '148/2023',
    group: 'food',
    subgroup: null,
    title: 'Bộ tiêu chí thử',
    source: 'unit test',
    parts: [
      {
        code: 'A',
        name: 'Sản phẩm và sức mạnh của cộng đồng',
        criteria: [criterion('A1.1', [0, 10, 20]), criterion('A1.2', [0, 20])],
      },
      { code: 'B', name: 'Khả năng tiếp thị', criteria: [criterion('B1.1', [0, 5, 25])] },
      {
        code: 'C',
        name: 'Chất lượng sản phẩm',
        criteria: [
          criterion('C1.1', [0, 10, 20]),
          criterion('C2.1', [0, 2, 5], { requiredForStars: 3 }),
          criterion('C3.1', [0, 1, 3, 10], { requiredForStars: 5, requiredMinimumPoints: 3 }),
        ],
      },
    ],
  };
}

const best: ScoreChoices = { 'A1.1': 'c', 'A1.2': 'b', 'B1.1': 'c', 'C1.1': 'c', 'C2.1': 'c', 'C3.1': 'd' };

describe('criteria set rules', () => {
  it('accepts a coherent set', () => {
    expect(validateCriteriaSet(smallSet(), v148)).toEqual([]);
  });

  it("takes a criterion's best option as its maximum", () => {
    expect(maxPoints(criterion('X1', [3, 0, 5, 1]))).toBe(5);
  });

  it("refuses parts that do not add up to the version's maxima, or are not the version's parts", () => {
    const set = smallSet();
    set.parts[0]!.criteria[0] = criterion('A1.1', [0, 10, 19]);
    set.parts[2]!.code = 'D';
    expect(validateCriteriaSet(set, v148)).toEqual([
      'parts are A, B, D; version 148/2023 has A, B, C',
      "part A: the criteria's best options add up to 39, not 40",
    ]);
    const version1048 = versions.find((version) => version.code === '1048/2019')!;
    expect(validateCriteriaSet(smallSet(), version1048)).toEqual([
      'versionCode 148/2023 does not match version 1048/2019',
      "part A: the criteria's best options add up to 40, not 35",
      "part C: the criteria's best options add up to 35, not 40",
    ]);
  });

  it('refuses duplicate criterion codes, duplicate option codes and a repeated part', () => {
    const set = smallSet();
    set.parts[1]!.criteria = [criterion('A1.1', [0, 5, 25])];
    set.parts[2]!.criteria[0]!.options[1]!.code = 'a';
    expect(validateCriteriaSet(set, v148)).toEqual([
      'criterion code A1.1 is used twice',
      'criterion C1.1: option code a is used twice',
    ]);
    const repeated = smallSet();
    repeated.parts.push({ ...repeated.parts[1]!, criteria: [] });
    expect(validateCriteriaSet(repeated, v148)).toEqual([
      'part B appears twice',
      "part B: the criteria's best options add up to 0, not 25",
    ]);
  });

  it('wants at least two options, finite non-negative points, at most one worth 0', () => {
    const set = smallSet();
    set.parts[0]!.criteria = [criterion('A1.1', [40]), criterion('A1.2', [0, 0, -1, Number.NaN])];
    expect(validateCriteriaSet(set, v148)).toEqual([
      "part A: the criteria's best options add up to NaN, not 40",
      'criterion A1.1: needs at least 2 options',
      'criterion A1.2: option c has points -1, not a finite number >= 0',
      'criterion A1.2: option d has points NaN, not a finite number >= 0',
      'criterion A1.2: more than one option is worth 0',
      'criterion A1.2: no option is worth any points',
    ]);
  });

  it('keeps requiredMinimumPoints within the options and on required criteria only', () => {
    const set = smallSet();
    set.parts[2]!.criteria[1]!.requiredMinimumPoints = 6;
    set.parts[2]!.criteria[0]!.requiredMinimumPoints = 10;
    set.parts[1]!.criteria[0]!.requiredForStars = 2 as 3;
    expect(validateCriteriaSet(set, v148)).toEqual([
      'criterion B1.1: requiredForStars must be 3, 4, 5 or null',
      'criterion C1.1: requiredMinimumPoints is set but the criterion is not required',
      "criterion C2.1: requiredMinimumPoints 6 is outside its options' range (0, 5]",
    ]);
    set.parts[2]!.criteria[1]!.requiredMinimumPoints = 0;
    expect(validateCriteriaSet(set, v148)).toContain(
      "criterion C2.1: requiredMinimumPoints 0 is outside its options' range (0, 5]",
    );
  });

  it('scores the best choices 100 with no cap, and totals each part', () => {
    expect(scoreChoices(smallSet(), best)).toEqual({
      total: 100,
      partTotals: { A: 40, B: 25, C: 35 },
      missingCriteria: [],
      unknownCriteria: [],
      unknownOptions: [],
      missedRequirements: [],
      starCap: 5,
    });
  });

  it('meets a requirement exactly at its minimum and misses it one step short', () => {
    // C3.1 needs 3 points for 5★: option c (3) meets it, option b (1) does not.
    const exactly = scoreChoices(smallSet(), { ...best, 'C3.1': 'c' });
    expect(exactly).toEqual(expect.objectContaining({ total: 93, missedRequirements: [], starCap: 5 }));
    const short = scoreChoices(smallSet(), { ...best, 'C3.1': 'b' });
    expect(short).toEqual(
      expect.objectContaining({
        total: 91,
        missedRequirements: [{ criterion: 'C3.1', requiredForStars: 5 }],
        starCap: 4,
      }),
    );
    // C2.1 has no declared minimum: its lowest positive option (2 points) meets it, 0 does not.
    expect(scoreChoices(smallSet(), { ...best, 'C2.1': 'b' }).starCap).toBe(5);
    expect(scoreChoices(smallSet(), { ...best, 'C2.1': 'a', 'C3.1': 'a' })).toEqual(
      expect.objectContaining({
        missedRequirements: [
          { criterion: 'C2.1', requiredForStars: 3 },
          { criterion: 'C3.1', requiredForStars: 5 },
        ],
        starCap: 2,
      }),
    );
  });

  it('reports missing criteria, unknown criteria and unknown options (a required one counts as missed)', () => {
    const { 'A1.2': _dropped, ...partial } = best;
    const scored = scoreChoices(smallSet(), { ...partial, 'C2.1': 'z', 'Z9.9': 'a', constructor: 'a' });
    expect(scored).toEqual({
      total: 75,
      partTotals: { A: 20, B: 25, C: 30 },
      missingCriteria: ['A1.2'],
      unknownCriteria: ['Z9.9', 'constructor'],
      unknownOptions: [{ criterion: 'C2.1', option: 'z' }],
      missedRequirements: [{ criterion: 'C2.1', requiredForStars: 3 }],
      starCap: 2,
    });
    expect(scoreChoices(smallSet(), {}).missingCriteria).toHaveLength(6);
  });

  it('adds fractional points without floating-point noise', () => {
    const set = smallSet();
    set.parts[0]!.criteria = [criterion('A1.1', [0, 0.1, 20]), criterion('A1.2', [0, 0.2, 20])];
    expect(scoreChoices(set, { 'A1.1': 'b', 'A1.2': 'b' }).partTotals['A']).toBe(0.3);
  });
});

describe('shipped criteria sets', () => {
  const shipped = readShippedCriteriaSets(versions);
  const versionOf = (code: string): RegulationVersion => versions.find((version) => version.code === code)!;

  it('ship one set per product group for 148/2023', () => {
    const sets148 = shipped.filter((set) => set.document.versionCode === '148/2023');
    expect(sets148.map((set) => set.document.group).sort()).toEqual([...PRODUCT_GROUPS].sort());
    for (const set of sets148) expect(basename(set.path)).toBe(`${set.document.group}.json`);
  });

  it.each(readShippedCriteriaSets(versions).map((set) => [basename(set.path), set.document] as const))(
    '%s is valid against its version, 25-35 criteria, with mandatory criteria for 3, 4 and 5 stars',
    (_file, document) => {
      expect(validateCriteriaSet(document, versionOf(document.versionCode))).toEqual([]);
      const criteria = document.parts.flatMap((part) => part.criteria);
      expect(criteria.length).toBeGreaterThanOrEqual(25);
      expect(criteria.length).toBeLessThanOrEqual(35);
      const levels = new Set(criteria.map((c) => c.requiredForStars).filter((level) => level !== null));
      expect([...levels].sort()).toEqual([3, 4, 5]);
      expect(document.source).toMatch(/official appendix/);
      // Best choices everywhere score 100 with no cap; a product missing every 3★ requirement is capped at 2★.
      const top = Object.fromEntries(
        criteria.map((c) => [c.code, c.options.reduce((a, b) => (b.points > a.points ? b : a)).code]),
      );
      expect(scoreChoices(document, top)).toEqual(expect.objectContaining({ total: 100, starCap: 5 }));
      const worst = Object.fromEntries(
        criteria.map((c) => [c.code, c.options.reduce((a, b) => (b.points < a.points ? b : a)).code]),
      );
      const noPapers = Object.fromEntries(
        criteria.map((c) => [c.code, c.requiredForStars === 3 ? worst[c.code]! : top[c.code]!]),
      );
      expect(scoreChoices(document, noPapers).starCap).toBe(2);
    },
  );

  it("uses only subgroups of the group (registration's product-groups.json)", () => {
    const file = join(__dirname, '..', '..', '..', 'registration', 'data', 'product-groups.json');
    const { groups } = JSON.parse(readFileSync(file, 'utf8')) as {
      groups: { code: string; subgroups: { code: string }[] }[];
    };
    for (const { document } of shipped) {
      if (document.subgroup === null) continue;
      const group = groups.find((candidate) => candidate.code === document.group);
      expect(group?.subgroups.map((subgroup) => subgroup.code)).toContain(document.subgroup);
    }
  });
});

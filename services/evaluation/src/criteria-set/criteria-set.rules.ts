import { PRODUCT_GROUPS, type ProductGroup } from '@ocop/contracts';
import type { RegulationVersion } from '../regulation/regulation.rules';

/**
 * A criteria set (Bộ tiêu chí) of a regulation version for a product group or subgroup (OCOP.md §5.3):
 * parts → criteria → scored options, some criteria mandatory for a star level. Pure types and functions:
 * the sets are data, loaded and checked here, scored here.
 */
export interface CriteriaOption {
  code: string;
  text: string;
  points: number;
}

export const REQUIRED_STAR_LEVELS = [3, 4, 5] as const;
export type RequiredStarLevel = (typeof REQUIRED_STAR_LEVELS)[number];

export interface Criterion {
  /** e.g. "A1.1", unique in the set. */
  code: string;
  /** e.g. "A1. Tổ chức sản xuất". */
  section: string;
  /** The criterion, in Vietnamese. */
  text: string;
  /** At least two; codes unique within the criterion; points finite and >= 0, at most one option worth 0. */
  options: CriteriaOption[];
  /** Lowest star level that requires this criterion (tiêu chí bắt buộc), or null. Missing it caps stars at requiredForStars - 1. */
  requiredForStars: RequiredStarLevel | null;
  /** Minimum points of the chosen option to meet a required criterion (default: the lowest positive option's points). */
  requiredMinimumPoints?: number;
}

/** Parts A, B, C of the scorecard. */
export interface CriteriaPart {
  code: string;
  name: string;
  criteria: Criterion[];
}

export interface CriteriaSetDocument {
  /** A regulation version code from data/regulations.json, e.g. "148/2023". */
  versionCode: string;
  group: ProductGroup;
  /** A subgroup code of the group (registration's product-groups.json), or null for the whole group. */
  subgroup: string | null;
  title: string;
  /** Provenance: what the set was compiled from. */
  source: string;
  parts: CriteriaPart[];
}

/** Criterion code -> chosen option code. */
export interface ScoreChoices {
  [criterionCode: string]: string;
}

export interface ScoredChoices {
  total: number;
  partTotals: Record<string, number>;
  /** Criteria with no choice. */
  missingCriteria: string[];
  /** Codes in the choices that are not in the set. */
  unknownCriteria: string[];
  unknownOptions: { criterion: string; option: string }[];
  missedRequirements: { criterion: string; requiredForStars: number }[];
  /** Highest stars allowed by the missed requirements (5 when none missed). */
  starCap: number;
}

const TOP_STARS = 5;
/** Sums of points are compared with this tolerance (points may be halves). */
const EPSILON = 1e-9;

/** The points of the criterion's best option (0 for a criterion without options). */
export function maxPoints(criterion: Criterion): number {
  return criterion.options.reduce((max, option) => Math.max(max, option.points), 0);
}

/** The points a required criterion's chosen option needs: as declared, else the lowest positive option's. */
export function requiredPoints(criterion: Criterion): number {
  if (criterion.requiredMinimumPoints !== undefined) return criterion.requiredMinimumPoints;
  const positive = criterion.options.map((option) => option.points).filter((points) => points > 0);
  return positive.length > 0 ? Math.min(...positive) : 0;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function criterionProblems(criterion: Criterion): string[] {
  const problems: string[] = [];
  const at = `criterion ${criterion.code}`;
  if (criterion.text.trim() === '') problems.push(`${at}: the text is empty`);
  if (criterion.section.trim() === '') problems.push(`${at}: the section is empty`);
  if (criterion.options.length < 2) problems.push(`${at}: needs at least 2 options`);
  for (const code of duplicates(criterion.options.map((option) => option.code)))
    problems.push(`${at}: option code ${code} is used twice`);
  for (const option of criterion.options) {
    if (!Number.isFinite(option.points) || option.points < 0)
      problems.push(`${at}: option ${option.code} has points ${option.points}, not a finite number >= 0`);
    if (option.text.trim() === '') problems.push(`${at}: option ${option.code} has no text`);
  }
  if (criterion.options.filter((option) => option.points === 0).length > 1)
    problems.push(`${at}: more than one option is worth 0`);
  const best = maxPoints(criterion);
  if (!(best > 0)) problems.push(`${at}: no option is worth any points`);
  const required = criterion.requiredForStars;
  if (required !== null && !(REQUIRED_STAR_LEVELS as readonly number[]).includes(required))
    problems.push(`${at}: requiredForStars must be 3, 4, 5 or null`);
  if (criterion.requiredMinimumPoints !== undefined) {
    const minimum = criterion.requiredMinimumPoints;
    if (required === null) problems.push(`${at}: requiredMinimumPoints is set but the criterion is not required`);
    if (!Number.isFinite(minimum) || minimum <= 0 || minimum > best)
      problems.push(`${at}: requiredMinimumPoints ${minimum} is outside its options' range (0, ${best}]`);
  }
  return problems;
}

/**
 * Problems of a set against its regulation version ([] if valid): the parts are the version's, each
 * part's best options add up to the part's maximum, criterion codes are unique, options are well formed,
 * mandatory criteria can be met.
 */
export function validateCriteriaSet(doc: CriteriaSetDocument, version: RegulationVersion): string[] {
  const problems: string[] = [];
  if (doc.versionCode !== version.code)
    problems.push(`versionCode ${doc.versionCode} does not match version ${version.code}`);
  if (!(PRODUCT_GROUPS as readonly string[]).includes(doc.group)) problems.push(`unknown group ${doc.group}`);

  const partCodes = doc.parts.map((part) => part.code);
  const expected = Object.keys(version.partMaxima);
  for (const code of duplicates(partCodes)) problems.push(`part ${code} appears twice`);
  const missing = expected.filter((code) => !partCodes.includes(code));
  const extra = partCodes.filter((code) => !expected.includes(code));
  if (missing.length > 0 || extra.length > 0)
    problems.push(`parts are ${partCodes.join(', ') || 'none'}; version ${version.code} has ${expected.join(', ')}`);

  for (const part of doc.parts) {
    const maximum = version.partMaxima[part.code];
    if (maximum === undefined) continue;
    const sum = part.criteria.reduce((total, criterion) => total + maxPoints(criterion), 0);
    if (!(Math.abs(sum - maximum) <= EPSILON))
      problems.push(`part ${part.code}: the criteria's best options add up to ${sum}, not ${maximum}`);
  }

  const criteria = doc.parts.flatMap((part) => part.criteria);
  for (const code of duplicates(criteria.map((criterion) => criterion.code)))
    problems.push(`criterion code ${code} is used twice`);
  for (const criterion of criteria) problems.push(...criterionProblems(criterion));
  return problems;
}

/**
 * Scores one member's choices on a set: points per part and in total, what is missing or unknown, and the
 * mandatory criteria missed (a criterion without a valid choice counts as missed), which cap the stars.
 */
export function scoreChoices(doc: CriteriaSetDocument, choices: ScoreChoices): ScoredChoices {
  const partTotals: Record<string, number> = {};
  const missingCriteria: string[] = [];
  const unknownOptions: { criterion: string; option: string }[] = [];
  const missedRequirements: { criterion: string; requiredForStars: number }[] = [];
  const known = new Set<string>();
  let total = 0;

  for (const part of doc.parts) {
    let partTotal = 0;
    for (const criterion of part.criteria) {
      known.add(criterion.code);
      const chosen = Object.hasOwn(choices, criterion.code) ? choices[criterion.code] : undefined;
      const option =
        chosen === undefined ? undefined : criterion.options.find((candidate) => candidate.code === chosen);
      if (chosen === undefined) missingCriteria.push(criterion.code);
      else if (!option) unknownOptions.push({ criterion: criterion.code, option: chosen });
      const points = option?.points ?? 0;
      partTotal += points;
      if (criterion.requiredForStars !== null && (!option || points < requiredPoints(criterion) - EPSILON))
        missedRequirements.push({ criterion: criterion.code, requiredForStars: criterion.requiredForStars });
    }
    partTotals[part.code] = round(partTotal);
    total += partTotal;
  }

  const unknownCriteria = Object.keys(choices).filter((code) => !known.has(code));
  const starCap = missedRequirements.reduce((cap, missed) => Math.min(cap, missed.requiredForStars - 1), TOP_STARS);
  return {
    total: round(total),
    partTotals,
    missingCriteria,
    unknownCriteria,
    unknownOptions,
    missedRequirements,
    starCap,
  };
}

/** Rounds away floating-point noise of sums (0.1 + 0.2). */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

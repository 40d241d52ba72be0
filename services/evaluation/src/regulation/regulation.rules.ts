/**
 * The rules of a regulation version (OCOP.md §5.3-5.5), as data read from data/regulations.json. Pure
 * functions only: the same rules serve the API, the scoring and the workflows' decisions.
 */
export const COUNCIL_LEVELS = ['district', 'province', 'national'] as const;
export type CouncilLevel = (typeof COUNCIL_LEVELS)[number];

export interface StarBand {
  stars: number;
  /** Lower bound, inclusive; the band runs to the next band's bound, exclusive (scores are means). */
  from: number;
}

export interface LevelRule {
  level: CouncilLevel;
  /** Stars this level's decision recognises. */
  recognises: number[];
  /** From this score on, the product goes up to the next level (null: the top level). */
  forwardsFrom: number | null;
}

export interface RegulationVersion {
  code: string;
  /** The version whose criteria sets score rounds under this one (an amendment may keep its parent's). */
  criteriaVersion: string;
  title: string;
  /** Date (Asia/Ho_Chi_Minh) from which rounds use this version. */
  effectiveFrom: string;
  notes: string;
  partMaxima: Record<string, number>;
  partNames: Record<string, string>;
  starBands: StarBand[];
  minimumCertifiedStars: number;
  levels: LevelRule[];
  certificateValidityMonths: number;
  expiryNoticeDays: number;
}

export const MAX_SCORE = 100;

/** Checks a version is coherent: parts add up to 100, bands descend from 100 to 0, levels are known. */
export function validateVersion(version: RegulationVersion): string[] {
  const problems: string[] = [];
  const total = Object.values(version.partMaxima).reduce((sum, value) => sum + value, 0);
  if (total !== MAX_SCORE) problems.push(`parts add up to ${total}, not ${MAX_SCORE}`);
  const bounds = version.starBands.map((band) => band.from);
  if (bounds.some((bound, i) => i > 0 && bound >= bounds[i - 1]!)) problems.push('star bands must descend');
  if (bounds.at(-1) !== 0) problems.push('the lowest star band must start at 0');
  if (version.levels.length === 0 || version.levels.at(-1)!.forwardsFrom !== null)
    problems.push('the top level must not forward');
  if (!version.criteriaVersion) problems.push('criteriaVersion is required');
  for (const level of version.levels) {
    if (!(COUNCIL_LEVELS as readonly string[]).includes(level.level)) problems.push(`unknown level ${level.level}`);
  }
  return problems;
}

/** Stars for a score (a mean of members' totals): half-open bands, so 69.99 is 3★ and 70 is 4★. */
export function starsFor(version: RegulationVersion, score: number): number {
  if (!Number.isFinite(score) || score < 0 || score > MAX_SCORE)
    throw new RangeError(`score ${score} is outside 0..${MAX_SCORE}`);
  return version.starBands.find((band) => score >= band.from)!.stars;
}

export type Outcome =
  | { kind: 'recognised'; level: CouncilLevel; stars: number }
  | { kind: 'forwarded'; from: CouncilLevel; to: CouncilLevel; stars: number }
  | {
      kind: 'not_passed';
      level: CouncilLevel;
      stars: number;
      reason: 'below_certified_stars' | 'mandatory_criterion_missed' | 'not_recognised_here';
    };

/**
 * What a council at `level` decides for a product with `score`, its stars capped by missed mandatory
 * criteria (`starCap`, 5 when none missed). Forwarding wins over recognising here: a product that reaches
 * the next level's threshold, with stars the cap still allows there, goes up.
 */
export function outcomeAt(version: RegulationVersion, level: CouncilLevel, score: number, starCap = 5): Outcome {
  const index = version.levels.findIndex((rule) => rule.level === level);
  if (index === -1) throw new RangeError(`Version ${version.code} has no ${level} council`);
  const rule = version.levels[index]!;
  const bandStars = starsFor(version, score);
  const stars = Math.min(bandStars, starCap);
  if (stars < version.minimumCertifiedStars) {
    const reason = stars < bandStars ? 'mandatory_criterion_missed' : 'below_certified_stars';
    return { kind: 'not_passed', level, stars, reason };
  }
  const next = version.levels[index + 1];
  if (rule.forwardsFrom !== null && next && score >= rule.forwardsFrom && stars >= starsFor(version, rule.forwardsFrom))
    return { kind: 'forwarded', from: level, to: next.level, stars };
  if (rule.recognises.includes(stars)) return { kind: 'recognised', level, stars };
  return { kind: 'not_passed', level, stars, reason: 'not_recognised_here' };
}

/** The version in force on a date: the latest whose effectiveFrom is not after it. */
export function versionInForce(versions: RegulationVersion[], date: string): RegulationVersion | undefined {
  return [...versions]
    .filter((version) => version.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** Certificate expiry: the decision date plus the validity, in whole months (end-of-month safe). */
export function certificateExpiry(version: RegulationVersion, decisionDate: string): string {
  const [year, month, day] = decisionDate.split('-').map(Number) as [number, number, number];
  const totalMonths = year * 12 + (month - 1) + version.certificateValidityMonths;
  const targetYear = Math.floor(totalMonths / 12);
  const targetMonth = (totalMonths % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** on the way, achieved, missed (deadline passed), not_recorded (a manual target nobody has recorded yet) */
export type TargetStatus = 'achieved' | 'in_progress' | 'missed' | 'not_recorded';

export interface Judgement {
  /** actual / target, e.g. 0.6 (capped at neither end); null when not recorded. */
  progress: number | null;
  achieved: boolean;
  status: TargetStatus;
}

/** One actual against its target on `asOf`: achieved at the target or above, missed once the deadline passed. */
export function judge(actual: number | null, target: number, deadline: string, asOf: string): Judgement {
  const achieved = actual !== null && actual >= target;
  return {
    progress: actual === null ? null : Math.round((actual / target) * 10_000) / 10_000,
    achieved,
    status: actual === null ? 'not_recorded' : achieved ? 'achieved' : asOf > deadline ? 'missed' : 'in_progress',
  };
}

export interface UnitActual {
  unitCode: string;
  unitName: string;
  actual: number;
}

export interface UnitProgress extends UnitActual, Judgement {}

/**
 * A target that applies to each unit (`per: commune`): every unit judged on its own, and the target as a whole
 * by its weakest unit, so that it is achieved exactly when every unit achieved it (`actual` is that unit's,
 * `unitsAchieved` how many units did). No units at all is nothing achieved.
 */
export function judgeEach(
  units: UnitActual[],
  target: number,
  deadline: string,
  asOf: string,
): Judgement & { actual: number; units: UnitProgress[]; unitsAchieved: number; unitsTotal: number } {
  const judged = units.map((unit) => ({ ...unit, ...judge(unit.actual, target, deadline, asOf) }));
  const weakest = judged.length === 0 ? 0 : Math.min(...judged.map((unit) => unit.actual));
  return {
    actual: weakest,
    ...judge(weakest, target, deadline, asOf),
    units: judged,
    unitsAchieved: judged.filter((unit) => unit.achieved).length,
    unitsTotal: judged.length,
  };
}

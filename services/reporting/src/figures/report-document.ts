import type { UnitInfo } from '../unit/unit-directory.service';
import type { TargetProgress } from '../plan/plan.service';
import type { FlatFigures } from './figures.model';
import type { Period } from './period';

/** A unit's report for a period: what the API answers, what a submission freezes, what the exports print. */
export interface ReportDocument {
  unit: UnitInfo;
  period: Period;
  /** Figures "as at" this day (the period's end, or the day generated if the period is not over). */
  asOf: string;
  generatedAt: string;
  figures: FlatFigures;
  shares: { cooperatives: number; cooperativeGroups: number; cooperativesAndGroups: number };
  /** Each unit directly under (provinces of the nation, communes of a province); the unit's own rows; the total. */
  children: { unit: UnitInfo; figures: FlatFigures }[];
  own: FlatFigures | null;
  targets: TargetProgress[];
  /** Whether the promotion service's events are consumed (its contract exists). */
  promotion: boolean;
}

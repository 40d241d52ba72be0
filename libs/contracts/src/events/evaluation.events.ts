import { defineEvent } from './envelope';

export interface RegulationOverrideSetV1 {
  provinceCode: string;
  versionCode: string;
  /** Date (Asia/Ho_Chi_Minh) from which the province's rounds use the version. */
  effectiveFrom: string;
  setBy: string;
}

export const EvaluationEvents = {
  regulationOverrideSet: defineEvent<RegulationOverrideSetV1>('ocop.evaluation.regulation.override-set.v1'),
} as const;

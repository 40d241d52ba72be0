import { defineEvent } from './envelope';

export interface RegulationOverrideSetV1 {
  provinceCode: string;
  versionCode: string;
  /** Date (Asia/Ho_Chi_Minh) from which the province's rounds use the version. */
  effectiveFrom: string;
  setBy: string;
}

export interface CouncilFormedV1 {
  councilId: string;
  name: string;
  level: 'district' | 'province' | 'national';
  unitCode: string;
  provinceCode: string;
  memberCount: number;
}

export interface CouncilMembersChangedV1 {
  councilId: string;
  memberCount: number;
}

export const EvaluationEvents = {
  councilFormed: defineEvent<CouncilFormedV1>('ocop.evaluation.council.formed.v1'),
  councilMembersChanged: defineEvent<CouncilMembersChangedV1>('ocop.evaluation.council.members-changed.v1'),
  regulationOverrideSet: defineEvent<RegulationOverrideSetV1>('ocop.evaluation.regulation.override-set.v1'),
} as const;

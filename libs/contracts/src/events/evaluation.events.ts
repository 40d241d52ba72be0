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

export type EvaluationLevel = 'district' | 'province' | 'national';
export type RoundPhase = 'draft' | 'open' | 'scoring' | 'deliberation' | 'decided' | 'closed';
/** Why a product is in a round (OCOP.md §4): a new product, an upgrade, or re-evaluation of an expiring certificate. */
export type RoundEntryKind = 'new' | 'upgrade' | 're_evaluation';
/** Grounds for revocation (OCOP.md §5.5). */
export const REVOCATION_REASONS = [
  'not_re_evaluated',
  'failed_mandatory_at_re_evaluation',
  'food_safety_violation',
  'quality_or_design_not_kept',
  'no_quality_or_traceability_records',
  'facility_suspended',
  'mark_misused',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface RoundOpenedV1 {
  roundId: string;
  name: string;
  level: EvaluationLevel;
  unitCode: string;
  provinceCode: string;
  versionCode: string;
  dossierDeadline: string;
  meetingDate: string;
}

export interface RoundPhaseChangedV1 {
  roundId: string;
  from: RoundPhase;
  to: RoundPhase;
  level: EvaluationLevel;
  provinceCode: string;
  changedBy: string;
  changedAt: string;
}

export interface RoundScheduleChangedV1 {
  roundId: string;
  dossierDeadline: string;
  meetingDate: string;
  scoringDeadline: string;
}

export interface RoundClosedV1 {
  roundId: string;
  provinceCode: string;
  closedAt: string;
}

export interface ProductEnteredRoundV1 {
  roundId: string;
  productId: string;
  kind: RoundEntryKind;
  level: EvaluationLevel;
  provinceCode: string;
  communeCode: string;
  enteredAt: string;
}

export interface ProductLeftRoundV1 {
  roundId: string;
  productId: string;
  reason: string;
  /** The product still holds a valid certificate (an upgrade or re-evaluation withdrawn). */
  hasValidCertificate: boolean;
  leftAt: string;
}

export interface ScorecardSubmittedV1 {
  roundId: string;
  productId: string;
  memberId: string;
  /** 1 for the first scoring, 2+ for re-scores after a spread. */
  attempt: number;
  total: number;
  submittedAt: string;
}

export interface ScorecardsReopenedV1 {
  roundId: string;
  productId: string;
  memberIds: string[];
  reason: string;
}

export interface ProductScoredV1 {
  roundId: string;
  productId: string;
  score: number;
  aggregation: 'mean' | 'median';
  stars: number;
  /** Highest stars the missed mandatory criteria allow (5 when none missed). */
  starCap: number;
  /** Two members' totals differ by more than the round's spread threshold. */
  flagged: boolean;
  memberCount: number;
}

export interface ProductForwardedV1 {
  roundId: string;
  productId: string;
  from: EvaluationLevel;
  to: EvaluationLevel;
  score: number;
  stars: number;
  decisionId: string;
  /** The package the next level receives: the minutes, each member's total, the dossier. */
  minutesRef: string;
  memberTotals: number[];
  dossierRef: string;
}

export interface ProductNotPassedV1 {
  roundId: string;
  productId: string;
  level: EvaluationLevel;
  score: number;
  stars: number;
  reason: string;
  feedback: string;
  hasValidCertificate: boolean;
}

export interface RoundDecidedV1 {
  roundId: string;
  decisionId: string;
  decisionNumber: string;
  decisionDate: string;
  recognised: number;
  forwarded: number;
  notPassed: number;
}

export interface CertificateIssuedV1 {
  certificateId: string;
  number: string;
  productId: string;
  producerId: string;
  productName: string;
  producerName: string;
  group: string;
  stars: number;
  level: EvaluationLevel;
  kind: RoundEntryKind;
  issuingUnitCode: string;
  provinceCode: string;
  communeCode: string;
  decisionId: string;
  issuedOn: string;
  validUntil: string;
  /** The certificate this one replaces (upgrade, re-evaluation), if any. */
  supersedes: string | null;
  /**
   * `register`: issued before the platform and recorded from the province's register (the product then
   * enters as certified from `idea`); absent or `round`: issued by a round's decision.
   */
  source?: 'round' | 'register';
}

export interface CertificateSupersededV1 {
  certificateId: string;
  number: string;
  productId: string;
  supersededBy: string;
  supersededOn: string;
}

export interface CertificateRevokedV1 {
  certificateId: string;
  number: string;
  productId: string;
  provinceCode: string;
  reason: RevocationReason;
  decisionId: string;
  revokedOn: string;
}

export interface CertificateExpiredV1 {
  certificateId: string;
  number: string;
  productId: string;
  provinceCode: string;
  expiredOn: string;
}

export interface CertificateExpiryNoticeV1 {
  certificateId: string;
  number: string;
  productId: string;
  productName: string;
  producerId: string;
  producerName: string;
  provinceCode: string;
  communeCode: string;
  validUntil: string;
  /** reminder: the early one (configurable); notice: the formal one at least 30 days before (OCOP.md §5.5). */
  kind: 'reminder' | 'notice';
  daysBefore: number;
}

export interface ScoringReminderV1 {
  roundId: string;
  roundName: string;
  memberId: string;
  /** The member's account (token sub), to address the reminder; null when the member has none yet. */
  userId: string | null;
  memberName: string;
  pendingProductIds: string[];
  /** Which reminder: `meeting-day`, `scoring-deadline-eve`, … */
  occasion: string;
  scoringDeadline: string;
}

export const EvaluationEvents = {
  roundOpened: defineEvent<RoundOpenedV1>('ocop.evaluation.round.opened.v1'),
  roundPhaseChanged: defineEvent<RoundPhaseChangedV1>('ocop.evaluation.round.phase-changed.v1'),
  roundClosed: defineEvent<RoundClosedV1>('ocop.evaluation.round.closed.v1'),
  roundScheduleChanged: defineEvent<RoundScheduleChangedV1>('ocop.evaluation.round.schedule-changed.v1'),
  roundDecided: defineEvent<RoundDecidedV1>('ocop.evaluation.round.decided.v1'),
  scoringReminder: defineEvent<ScoringReminderV1>('ocop.evaluation.round.scoring-reminder.v1'),
  productEnteredRound: defineEvent<ProductEnteredRoundV1>('ocop.evaluation.round.product-entered.v1'),
  productLeftRound: defineEvent<ProductLeftRoundV1>('ocop.evaluation.round.product-left.v1'),
  scorecardSubmitted: defineEvent<ScorecardSubmittedV1>('ocop.evaluation.scorecard.submitted.v1'),
  scorecardsReopened: defineEvent<ScorecardsReopenedV1>('ocop.evaluation.scorecard.reopened.v1'),
  productScored: defineEvent<ProductScoredV1>('ocop.evaluation.product.scored.v1'),
  productForwarded: defineEvent<ProductForwardedV1>('ocop.evaluation.product.forwarded.v1'),
  productNotPassed: defineEvent<ProductNotPassedV1>('ocop.evaluation.product.not-passed.v1'),
  certificateIssued: defineEvent<CertificateIssuedV1>('ocop.evaluation.certificate.issued.v1'),
  certificateSuperseded: defineEvent<CertificateSupersededV1>('ocop.evaluation.certificate.superseded.v1'),
  certificateRevoked: defineEvent<CertificateRevokedV1>('ocop.evaluation.certificate.revoked.v1'),
  certificateExpired: defineEvent<CertificateExpiredV1>('ocop.evaluation.certificate.expired.v1'),
  certificateExpiryNotice: defineEvent<CertificateExpiryNoticeV1>('ocop.evaluation.certificate.expiry-notice.v1'),
  councilFormed: defineEvent<CouncilFormedV1>('ocop.evaluation.council.formed.v1'),
  councilMembersChanged: defineEvent<CouncilMembersChangedV1>('ocop.evaluation.council.members-changed.v1'),
  regulationOverrideSet: defineEvent<RegulationOverrideSetV1>('ocop.evaluation.regulation.override-set.v1'),
} as const;

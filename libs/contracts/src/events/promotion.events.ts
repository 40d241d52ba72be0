import { defineEvent } from './envelope';

/** Trade promotion (OCOP.md §6): what promotion publishes, for reporting and for the people it notifies. */

export const PROMOTION_EVENT_KINDS = [
  'fair',
  'exhibition',
  'livestream',
  'ecommerce_campaign',
  'trade_mission',
] as const;
export type PromotionEventKind = (typeof PROMOTION_EVENT_KINDS)[number];
export const PROMOTION_EVENT_LEVELS = ['commune', 'district', 'province', 'national', 'international'] as const;
export type PromotionEventLevel = (typeof PROMOTION_EVENT_LEVELS)[number];

export const SALES_POINT_KINDS = [
  'showroom',
  'airport_shop',
  'supermarket_corner',
  'tourist_site_shop',
  'highway_rest_stop',
  'other',
] as const;
export type SalesPointKind = (typeof SALES_POINT_KINDS)[number];

export const LISTING_PLATFORMS = [
  'shopee',
  'lazada',
  'tiki',
  'tiktok_shop',
  'sendo',
  'postmart',
  'voso',
  'facebook',
  'website',
  'other',
] as const;
export type ListingPlatform = (typeof LISTING_PLATFORMS)[number];

/** What a certificate's end does to the records that relied on it, and why. */
export type SuspensionReason = 'certificate_expired' | 'certificate_revoked';

export const REWARD_STATUSES = ['pending', 'approved', 'paid', 'rejected'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** Kinds of producer support (seed 003, BIỂU 2: trademark management, packaging, labels and stamps; OCOP.md §6). */
export const SUPPORT_KINDS = [
  'trademark',
  'packaging',
  'labels',
  'traceability_stamps',
  'machinery',
  'training',
] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_REQUEST_STATUSES = ['requested', 'approved', 'rejected', 'delivered'] as const;
export type SupportRequestStatus = (typeof SUPPORT_REQUEST_STATUSES)[number];

export interface PromotionEventPlannedV1 {
  eventId: string;
  name: string;
  kind: PromotionEventKind;
  level: PromotionEventLevel;
  unitCode: string;
  provinceCode: string;
  organiserName: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
}

export interface PromotionEventCancelledV1 {
  eventId: string;
  provinceCode: string;
  reason: string;
  cancelledAt: string;
}

export interface ProductEnrolledV1 {
  eventId: string;
  enrolmentId: string;
  productId: string;
  producerId: string;
  certificateId: string;
  stars: number;
  provinceCode: string;
  enrolledAt: string;
}

export interface ProductWithdrawnFromEventV1 {
  eventId: string;
  enrolmentId: string;
  productId: string;
  provinceCode: string;
  reason: string;
  withdrawnAt: string;
}

export interface PromotionEventResultsV1 {
  eventId: string;
  provinceCode: string;
  kind: PromotionEventKind;
  level: PromotionEventLevel;
  startsOn: string;
  endsOn: string;
  visitors: number;
  salesVnd: number;
  contractsSigned: number;
  contractsValueVnd: number;
  products: number;
  recordedAt: string;
}

export interface SalesPointOpenedV1 {
  salesPointId: string;
  name: string;
  kind: SalesPointKind;
  operatorName: string;
  unitCode: string;
  provinceCode: string;
  openedOn: string;
}

export interface SalesPointClosedV1 {
  salesPointId: string;
  provinceCode: string;
  closedOn: string;
}

export interface ProductConsignedV1 {
  salesPointId: string;
  consignmentId: string;
  productId: string;
  producerId: string;
  certificateId: string;
  stars: number;
  provinceCode: string;
  consignedOn: string;
}

export interface ConsignmentEndedV1 {
  salesPointId: string;
  consignmentId: string;
  productId: string;
  provinceCode: string;
  reason: string;
  endedOn: string;
}

export interface ListingPublishedV1 {
  listingId: string;
  productId: string;
  producerId: string;
  certificateId: string;
  platform: ListingPlatform;
  url: string;
  provinceCode: string;
  publishedAt: string;
}

export interface ListingStatusChangedV1 {
  listingId: string;
  productId: string;
  provinceCode: string;
  from: 'active' | 'suspended' | 'delisted';
  to: 'active' | 'suspended' | 'delisted';
  reason: string;
  changedAt: string;
}

/** One enrolment, consignment or listing a notice is about. */
export interface SuspendedItem {
  kind: 'enrolment' | 'consignment' | 'listing';
  id: string;
  /** The event, sales point or listing the product is in. */
  holderId: string;
  holderName: string;
}

/** Who is told: the organiser of an event, the operator of a sales point or of a listing. */
export interface NoticeAddressee {
  role: 'event_organiser' | 'sales_point_operator' | 'listing_operator';
  name: string;
  unitCode: string;
  provinceCode: string;
}

/**
 * A certificate ended (expired or revoked) and the product left every event, sales point and listing that
 * relied on it, or a new certificate brought it back. One event per organiser or operator.
 */
export interface SuspensionNoticeV1 {
  addressee: NoticeAddressee;
  reason: SuspensionReason;
  productId: string;
  productName: string;
  producerId: string;
  producerName: string;
  certificateId: string;
  certificateNumber: string;
  /** The date the certificate ended. */
  effectiveOn: string;
  items: SuspendedItem[];
}

export interface SuspensionLiftedV1 {
  addressee: NoticeAddressee;
  productId: string;
  productName: string;
  producerId: string;
  producerName: string;
  /** The new certificate that brought the product back. */
  certificateId: string;
  certificateNumber: string;
  stars: number;
  validUntil: string;
  items: SuspendedItem[];
}

export interface RewardCreatedV1 {
  rewardId: string;
  policyCode: string;
  payerUnitCode: string;
  certificateId: string;
  certificateNumber: string;
  productId: string;
  producerId: string;
  provinceCode: string;
  stars: number;
  previousStars: number | null;
  reason: 'new_certificate' | 'upgrade';
  amountVnd: number;
  budgetYear: number;
}

export interface RewardStatusChangedV1 {
  rewardId: string;
  certificateId: string;
  productId: string;
  producerId: string;
  payerUnitCode: string;
  provinceCode: string;
  budgetYear: number;
  amountVnd: number;
  from: RewardStatus;
  to: RewardStatus;
  /** The rejection's reason, or the payment's reference. */
  note: string | null;
  changedBy: string;
  changedAt: string;
}

export interface SupportProgrammeCreatedV1 {
  programmeId: string;
  name: string;
  unitCode: string;
  provinceCode: string;
  year: number;
  kinds: SupportKind[];
  budgetVnd: number;
}

export interface SupportRequestedV1 {
  requestId: string;
  programmeId: string;
  producerId: string;
  productId: string | null;
  kind: SupportKind;
  requestedAmountVnd: number;
  provinceCode: string;
  requestedAt: string;
}

export interface SupportRequestStatusChangedV1 {
  requestId: string;
  programmeId: string;
  producerId: string;
  productId: string | null;
  kind: SupportKind;
  provinceCode: string;
  year: number;
  from: SupportRequestStatus;
  to: SupportRequestStatus;
  approvedAmountVnd: number | null;
  note: string | null;
  changedBy: string;
  changedAt: string;
}

export const PromotionEvents = {
  eventPlanned: defineEvent<PromotionEventPlannedV1>('ocop.promotion.event.planned.v1'),
  eventCancelled: defineEvent<PromotionEventCancelledV1>('ocop.promotion.event.cancelled.v1'),
  eventResultsRecorded: defineEvent<PromotionEventResultsV1>('ocop.promotion.event.results-recorded.v1'),
  productEnrolled: defineEvent<ProductEnrolledV1>('ocop.promotion.event.product-enrolled.v1'),
  productWithdrawn: defineEvent<ProductWithdrawnFromEventV1>('ocop.promotion.event.product-withdrawn.v1'),
  salesPointOpened: defineEvent<SalesPointOpenedV1>('ocop.promotion.sales-point.opened.v1'),
  salesPointClosed: defineEvent<SalesPointClosedV1>('ocop.promotion.sales-point.closed.v1'),
  productConsigned: defineEvent<ProductConsignedV1>('ocop.promotion.sales-point.product-consigned.v1'),
  consignmentEnded: defineEvent<ConsignmentEndedV1>('ocop.promotion.sales-point.consignment-ended.v1'),
  listingPublished: defineEvent<ListingPublishedV1>('ocop.promotion.listing.published.v1'),
  listingStatusChanged: defineEvent<ListingStatusChangedV1>('ocop.promotion.listing.status-changed.v1'),
  suspensionNotice: defineEvent<SuspensionNoticeV1>('ocop.promotion.suspension.notice.v1'),
  suspensionLifted: defineEvent<SuspensionLiftedV1>('ocop.promotion.suspension.lifted.v1'),
  rewardCreated: defineEvent<RewardCreatedV1>('ocop.promotion.reward.created.v1'),
  rewardStatusChanged: defineEvent<RewardStatusChangedV1>('ocop.promotion.reward.status-changed.v1'),
  supportProgrammeCreated: defineEvent<SupportProgrammeCreatedV1>('ocop.promotion.support.programme-created.v1'),
  supportRequested: defineEvent<SupportRequestedV1>('ocop.promotion.support.requested.v1'),
  supportRequestStatusChanged: defineEvent<SupportRequestStatusChangedV1>(
    'ocop.promotion.support.request-status-changed.v1',
  ),
} as const;

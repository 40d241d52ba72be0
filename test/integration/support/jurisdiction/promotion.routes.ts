import { addDays } from '@ocop/contracts';
import { UNITS, type Fixtures } from './fixtures';
import { LISTED_DOWN, type RecordRef, type RouteTable } from './matrix';
import { has } from './registration.routes';

const v1 = '/api/v1';
/** Promotion's records belong to a province (events, sales points, listings, programmes, requests). */
const province = (fx: Fixtures): RecordRef => ({
  unit: UNITS.province,
  level: 'province',
  producerId: fx.registration.producerId,
});
/** The reward (and its budget) of the Thanh Hóa 2021 certificate: the province that pays it. */
const payer = (fx: Fixtures): RecordRef => ({
  unit: UNITS.siblingProvince,
  level: 'province',
  producerId: fx.promotion.rewardProducerId,
});
const NOT_YOURS = 'deny:PROMOTION_NOT_YOUR_PRODUCT';
const event = (fx: Fixtures) => `${v1}/promotion-events/${fx.promotion.eventId}`;
const point = (fx: Fixtures) => `${v1}/sales-points/${fx.promotion.salesPointId}`;
const listing = (fx: Fixtures) => `${v1}/listings/${fx.promotion.listingId}`;
const reward = (fx: Fixtures) => `${v1}/rewards/${fx.promotion.rewardId}`;
const programme = (fx: Fixtures) => `${v1}/support-programmes/${fx.promotion.programmeId}`;
const supportRequest = (fx: Fixtures) => `${v1}/support-requests/${fx.promotion.supportRequestId}`;

/**
 * Promotion: everything belongs to a province (a commune-level user opens none of it); a producer's user
 * sees its own producer's certificates, listings, rewards and support requests.
 */
export const PROMOTION_ROUTES: RouteTable = {
  'GET /api/v1/audit-log': {
    kind: 'list',
    record: province,
    request: (fx) => ({ path: `${v1}/audit-log`, query: { entityId: fx.promotion.eventId } }),
    listed: (answer, fx) => has(answer, 'entityId', fx.promotion.eventId),
  },
  'GET /api/v1/certificates': {
    kind: 'list',
    record: province,
    producer: 'hidden',
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/certificates` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.certificateId),
  },
  'GET /api/v1/listings': {
    kind: 'list',
    record: province,
    producer: 'hidden',
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/listings` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.listingId),
  },
  'POST /api/v1/listings': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${v1}/listings`,
      body: { productId: fx.registration.productId, platform: 'shopee', url: 'https://shopee.vn/vai-thieu-i.9.9' },
    }),
  },
  'GET /api/v1/listings/:listingId': {
    kind: 'record',
    record: province,
    producer: NOT_YOURS,
    request: (fx) => ({ path: listing(fx) }),
  },
  'POST /api/v1/listings/:listingId/delisting': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${listing(fx)}/delisting`, body: { reason: 'Gian hàng ngừng hoạt động' } }),
  },
  'POST /api/v1/listings/:listingId/relisting': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${listing(fx)}/relisting` }),
  },
  'GET /api/v1/products/:productId/promotion': {
    kind: 'record',
    record: province,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${v1}/products/${fx.registration.productId}/promotion` }),
  },
  'GET /api/v1/promotion-events': {
    kind: 'list',
    record: province,
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/promotion-events` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.eventId),
  },
  'POST /api/v1/promotion-events': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${v1}/promotion-events`,
      body: {
        name: `Hội chợ thử ${probe.seq}`,
        kind: 'fair',
        level: 'province',
        unitCode: UNITS.province,
        provinceCode: UNITS.province,
        organiserName: 'Sở Công Thương tỉnh Bắc Ninh',
        place: 'Quảng trường Kinh Bắc',
        startsOn: addDays(fx.today, 60),
        endsOn: addDays(fx.today, 62),
        capacity: 5,
      },
    }),
  },
  'GET /api/v1/promotion-events/:eventId': { kind: 'record', record: province, request: (fx) => ({ path: event(fx) }) },
  'PATCH /api/v1/promotion-events/:eventId': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({ path: event(fx), body: { place: `Quảng trường Kinh Bắc, khu ${probe.seq}` } }),
  },
  'POST /api/v1/promotion-events/:eventId/cancellation': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${event(fx)}/cancellation`, body: { reason: 'Thời tiết xấu' } }),
  },
  'GET /api/v1/promotion-events/:eventId/enrolments': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${event(fx)}/enrolments` }),
  },
  'POST /api/v1/promotion-events/:eventId/enrolments': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${event(fx)}/enrolments`, body: { productId: fx.registration.productId } }),
  },
  'GET /api/v1/promotion-events/:eventId/enrolments.xlsx': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({ path: `${event(fx)}/enrolments.xlsx` }),
  },
  'POST /api/v1/promotion-events/:eventId/enrolments/:productId/withdrawal': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({
      path: `${event(fx)}/enrolments/${fx.registration.productId}/withdrawal`,
      body: { reason: 'Chủ thể không bố trí được hàng' },
    }),
  },
  'PUT /api/v1/promotion-events/:eventId/results': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${event(fx)}/results`,
      body: { visitors: 1000, salesVnd: 5_000_000, contractsSigned: 1 },
    }),
  },
  'GET /api/v1/reward-budgets/:unitCode/:year': {
    kind: 'record',
    record: payer,
    request: () => ({ path: `${v1}/reward-budgets/${UNITS.siblingProvince}/2021` }),
  },
  'PUT /api/v1/reward-budgets/:unitCode/:year': {
    kind: 'record',
    record: payer,
    request: () => ({ path: `${v1}/reward-budgets/${UNITS.siblingProvince}/2021`, body: { amountVnd: 50_000_000 } }),
  },
  'GET /api/v1/reward-policies': { kind: 'open', request: () => ({ path: `${v1}/reward-policies` }) },
  'GET /api/v1/reward-policies/:code/quote': {
    kind: 'open',
    request: () => ({
      path: `${v1}/reward-policies/thanh-hoa-2021/quote`,
      query: { stars: 4, issuedOn: '2021-10-01' },
    }),
  },
  'GET /api/v1/rewards': {
    kind: 'list',
    record: payer,
    producer: 'hidden',
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/rewards` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.rewardId),
  },
  'POST /api/v1/rewards': {
    kind: 'record',
    record: payer,
    request: (fx) => ({ path: `${v1}/rewards`, body: { certificateId: fx.promotion.rewardCertificateId } }),
  },
  'GET /api/v1/rewards/:rewardId': {
    kind: 'record',
    record: payer,
    producer: NOT_YOURS,
    request: (fx) => ({ path: reward(fx) }),
  },
  'POST /api/v1/rewards/:rewardId/approval': {
    kind: 'record',
    record: payer,
    request: (fx) => ({ path: `${reward(fx)}/approval` }),
  },
  'POST /api/v1/rewards/:rewardId/payment': {
    kind: 'record',
    record: payer,
    request: (fx) => ({ path: `${reward(fx)}/payment`, body: { paidOn: '2021-12-20', paymentRef: 'UNC 125/KBNN' } }),
  },
  'POST /api/v1/rewards/:rewardId/rejection': {
    kind: 'record',
    record: payer,
    last: true,
    request: (fx) => ({ path: `${reward(fx)}/rejection`, body: { reason: 'Chưa có quyết định phân bổ kinh phí' } }),
  },
  'GET /api/v1/rewards/payouts.xlsx': {
    kind: 'record',
    heavy: true,
    record: payer,
    request: () => ({ path: `${v1}/rewards/payouts.xlsx`, query: { unit: UNITS.siblingProvince, year: 2021 } }),
  },
  'GET /api/v1/sales-points': {
    kind: 'list',
    record: province,
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/sales-points` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.salesPointId),
  },
  'POST /api/v1/sales-points': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${v1}/sales-points`,
      body: {
        name: `Điểm bán thử ${probe.seq}`,
        kind: 'showroom',
        operatorName: 'Trung tâm Xúc tiến Thương mại',
        unitCode: UNITS.province,
        provinceCode: UNITS.province,
        address: 'Số 1 đường Lý Thái Tổ',
        openedOn: fx.today,
      },
    }),
  },
  'GET /api/v1/sales-points/:salesPointId': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: point(fx) }),
  },
  'PATCH /api/v1/sales-points/:salesPointId': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({ path: point(fx), body: { address: `Số ${probe.seq} đường Lý Thái Tổ` } }),
  },
  'POST /api/v1/sales-points/:salesPointId/closure': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${point(fx)}/closure`, body: { closedOn: fx.today, reason: 'Hết hợp đồng thuê' } }),
  },
  'GET /api/v1/sales-points/:salesPointId/consignments': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${point(fx)}/consignments` }),
  },
  'POST /api/v1/sales-points/:salesPointId/consignments': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${point(fx)}/consignments`, body: { productId: fx.registration.productId } }),
  },
  'POST /api/v1/sales-points/:salesPointId/consignments/:productId/withdrawal': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({
      path: `${point(fx)}/consignments/${fx.registration.productId}/withdrawal`,
      body: { reason: 'Hết hàng' },
    }),
  },
  'GET /api/v1/support-programmes': {
    kind: 'list',
    record: province,
    producer: 'allow',
    relations: { child: 'allow' },
    rule: `${LISTED_DOWN}; producers see every programme (open calls)`,
    request: () => ({ path: `${v1}/support-programmes` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.programmeId),
  },
  'POST /api/v1/support-programmes': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${v1}/support-programmes`,
      body: {
        name: `Chương trình hỗ trợ thử ${probe.seq}`,
        unitCode: UNITS.province,
        provinceCode: UNITS.province,
        organiserName: 'Sở Nông nghiệp và Môi trường',
        year: fx.year,
        kinds: ['labels'],
        budgetVnd: 10_000_000,
      },
    }),
  },
  'GET /api/v1/support-programmes/:programmeId': {
    kind: 'record',
    record: province,
    producer: 'allow',
    rule: 'producers read every programme (open calls)',
    request: (fx) => ({ path: programme(fx) }),
  },
  'POST /api/v1/support-programmes/:programmeId/requests': {
    kind: 'record',
    record: province,
    producer: NOT_YOURS,
    request: (fx, probe) => ({
      path: `${programme(fx)}/requests`,
      body: {
        ...(probe.role === 'producer' ? {} : { producerId: fx.registration.producerId }),
        producerName: 'HTX Nông nghiệp Tân Dĩnh',
        productId: fx.registration.productId,
        kind: 'labels',
        description: 'In 2.000 tem truy xuất',
        requestedAmountVnd: 1_000_000,
      },
    }),
  },
  'GET /api/v1/support-programmes/:programmeId/requests.xlsx': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({ path: `${programme(fx)}/requests.xlsx` }),
  },
  'GET /api/v1/support-requests': {
    kind: 'list',
    record: province,
    producer: 'hidden',
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/support-requests` }),
    listed: (answer, fx) => has(answer, 'id', fx.promotion.supportRequestId),
  },
  'GET /api/v1/support-requests/:requestId': {
    kind: 'record',
    record: province,
    producer: NOT_YOURS,
    request: (fx) => ({ path: supportRequest(fx) }),
  },
  'POST /api/v1/support-requests/:requestId/approval': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${supportRequest(fx)}/approval`, body: {} }),
  },
  'POST /api/v1/support-requests/:requestId/delivery': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${supportRequest(fx)}/delivery`, body: { deliveredOn: fx.today } }),
  },
  'POST /api/v1/support-requests/:requestId/rejection': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${supportRequest(fx)}/rejection`, body: { reason: 'Vượt định mức hỗ trợ' } }),
  },
  'GET /health/,ready': { kind: 'public', request: () => ({ path: '/health/ready' }) },
  'GET /health/live': { kind: 'public', request: () => ({ path: '/health/live' }) },
};

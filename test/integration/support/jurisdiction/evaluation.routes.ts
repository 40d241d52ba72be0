import { addDays } from '@ocop/contracts';
import { MEMBERS, UNITS, type Fixtures } from './fixtures';
import { LISTED_DOWN, type RecordRef, type RouteTable } from './matrix';
import { has } from './registration.routes';

const v1 = '/api/v1';
/** Councils and rounds belong to their province. */
const province = (): RecordRef => ({ unit: UNITS.province, level: 'province' });
/** A product, and its certificate when read, belong to its commune. */
const commune = (): RecordRef => ({ unit: UNITS.commune, level: 'commune' });
const national = (): RecordRef => ({ unit: 'VN', level: 'national' });
const round = (fx: Fixtures) => `${v1}/rounds/${fx.evaluation.roundId}`;
const openRound = (fx: Fixtures) => `${v1}/rounds/${fx.evaluation.openRoundId}`;
const certificate = (fx: Fixtures) => `${v1}/certificates/${fx.evaluation.certificateId}`;
const councilMembers = [
  { fullName: 'Lê Văn Chủ', organisation: 'UBND tỉnh', role: 'chair', userId: MEMBERS.chair },
  { fullName: 'Nguyễn Văn Một', organisation: 'Sở Công Thương', role: 'member', userId: MEMBERS.m1 },
  { fullName: 'Phạm Thị Hai', organisation: 'Sở Y tế', role: 'member', userId: MEMBERS.m2 },
  { fullName: 'Vũ Văn Thư', organisation: 'Văn phòng Điều phối NTM', role: 'secretary', userId: MEMBERS.secretary },
];
const decision = (fx: Fixtures, seq: number) => ({
  number: `${seq}/QĐ-UBND`,
  decisionDate: fx.today,
  signerName: 'Lê Văn Chủ',
  signerTitle: 'CHỦ TỊCH',
  issuerName: 'Ủy ban nhân dân tỉnh Bắc Ninh',
});
const SEAT = 'council members act by their seat in the round’s council, whatever the unit in their token';

/**
 * Evaluation: councils, rounds and their scorecards belong to the province; a certificate is read where its
 * product's commune is and revoked by the province. Reads act on the decided round (product X and its
 * certificate), writes on a round still open, with no product.
 */
export const EVALUATION_ROUTES: RouteTable = {
  'GET /api/v1/audit-log': {
    kind: 'list',
    record: province,
    request: (fx) => ({ path: `${v1}/audit-log`, query: { entityId: fx.evaluation.roundId } }),
    listed: (answer, fx) => has(answer, 'entityId', fx.evaluation.roundId),
  },
  'GET /api/v1/certificates': {
    kind: 'list',
    record: commune,
    request: () => ({ path: `${v1}/certificates` }),
    listed: (answer, fx) => has(answer, 'id', fx.evaluation.certificateId),
  },
  'GET /api/v1/certificates/:certificateId': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: certificate(fx) }),
  },
  'GET /api/v1/certificates/:certificateId/pdf': {
    kind: 'record',
    heavy: true,
    record: commune,
    request: (fx) => ({ path: `${certificate(fx)}/pdf` }),
  },
  'POST /api/v1/certificates/register': {
    kind: 'record',
    record: commune,
    // Product X is certified already: an allowed caller gets 409 REGISTER_PRODUCT_IN_CYCLE, nothing written.
    request: (fx, probe) => ({
      path: `${v1}/certificates/register`,
      body: {
        decision: { ...decision(fx, probe.seq), level: 'province', issuingUnitCode: UNITS.province },
        certificates: [{ productId: fx.registration.productId, number: `GCN-${probe.seq}`, stars: 3 }],
      },
    }),
  },
  'POST /api/v1/certificates/:certificateId/revocation': {
    kind: 'record',
    last: true,
    record: province,
    rule: 'a certificate is revoked by its province (or the ministry), not by its commune',
    request: (fx, probe) => ({
      path: `${certificate(fx)}/revocation`,
      body: { ...decision(fx, probe.seq), reason: 'food_safety_violation' },
    }),
  },
  'GET /api/v1/councils': {
    kind: 'list',
    record: province,
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/councils` }),
    listed: (answer, fx) => has(answer, 'id', fx.evaluation.councilId),
  },
  'POST /api/v1/councils': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${v1}/councils`,
      body: {
        name: `Hội đồng thử ${probe.seq}`,
        level: 'province',
        unitCode: UNITS.province,
        provinceCode: UNITS.province,
        termStart: `${fx.year}-01-01`,
        members: councilMembers,
      },
    }),
  },
  'GET /api/v1/councils/:councilId': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${v1}/councils/${fx.evaluation.councilId}` }),
  },
  'PUT /api/v1/councils/:councilId/members': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${v1}/councils/${fx.evaluation.councilId}/members`, body: { members: councilMembers } }),
  },
  'GET /api/v1/criteria-sets': { kind: 'open', request: () => ({ path: `${v1}/criteria-sets` }) },
  'POST /api/v1/criteria-sets': {
    kind: 'record',
    record: national,
    rule: 'criteria sets are the ministry’s: imported from the national level only',
    request: (fx) => ({ path: `${v1}/criteria-sets`, body: fx.evaluation.criteriaSet }),
  },
  'GET /api/v1/criteria-sets/:criteriaSetId': {
    kind: 'open',
    request: (fx) => ({ path: `${v1}/criteria-sets/${fx.evaluation.criteriaSetId}` }),
  },
  'GET /api/v1/criteria-sets/:criteriaSetId/export': {
    kind: 'open',
    request: (fx) => ({ path: `${v1}/criteria-sets/${fx.evaluation.criteriaSetId}/export` }),
  },
  'GET /api/v1/products/:productId/lifecycle': {
    kind: 'record',
    record: commune,
    // Asked of the product's workflow, deleted in the fixtures (no worker runs here): allowed callers get 404.
    request: (fx) => ({ path: `${v1}/products/${fx.registration.productId}/lifecycle` }),
  },
  'GET /api/v1/public/certificates/:number': {
    kind: 'public',
    request: (fx) => ({ path: `${v1}/public/certificates/${fx.evaluation.certificateNumber}` }),
  },
  'GET /api/v1/regulations': { kind: 'open', request: () => ({ path: `${v1}/regulations` }) },
  'GET /api/v1/regulations/in-force': {
    kind: 'open',
    request: (fx) => ({ path: `${v1}/regulations/in-force`, query: { date: fx.today, province: UNITS.province } }),
  },
  'GET /api/v1/regulations/overrides': { kind: 'open', request: () => ({ path: `${v1}/regulations/overrides` }) },
  'PUT /api/v1/regulations/overrides/:provinceCode': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${v1}/regulations/overrides/${UNITS.province}`,
      body: { versionCode: '1489/2025', effectiveFrom: fx.today, reason: 'Áp dụng Quyết định 1489/2025' },
    }),
  },
  'GET /api/v1/rounds': {
    kind: 'list',
    record: province,
    relations: { child: 'allow' },
    rule: LISTED_DOWN,
    request: () => ({ path: `${v1}/rounds` }),
    listed: (answer, fx) => has(answer, 'id', fx.evaluation.roundId),
  },
  'POST /api/v1/rounds': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${v1}/rounds`,
      body: {
        name: `Đợt thử ${probe.seq}`,
        councilId: fx.evaluation.councilId,
        dossierDeadline: addDays(fx.today, 40),
        meetingDate: addDays(fx.today, 45),
      },
    }),
  },
  'GET /api/v1/rounds/:roundId': { kind: 'record', record: province, request: (fx) => ({ path: round(fx) }) },
  'PATCH /api/v1/rounds/:roundId': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({ path: openRound(fx), body: { name: `Đợt 2 (sửa ${probe.seq})` } }),
  },
  'PUT /api/v1/rounds/:roundId/attendance': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${openRound(fx)}/attendance`,
      body: { presentMemberIds: Object.values(fx.evaluation.memberIds) },
    }),
  },
  'POST /api/v1/rounds/:roundId/decision': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${openRound(fx)}/decision`,
      body: { ...decision(fx, probe.seq), minutesRef: `BB-${probe.seq}` },
    }),
  },
  'GET /api/v1/rounds/:roundId/interests': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${round(fx)}/interests` }),
  },
  'POST /api/v1/rounds/:roundId/phase': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${openRound(fx)}/phase`, body: { to: 'scoring' } }),
  },
  'GET /api/v1/rounds/:roundId/products': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${round(fx)}/products` }),
  },
  'POST /api/v1/rounds/:roundId/products': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${openRound(fx)}/products`,
      body: { productId: fx.registration.productId, kind: 'new' },
    }),
  },
  'POST /api/v1/rounds/:roundId/products/:productId/interests': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${openRound(fx)}/products/${fx.registration.productId}/interests`,
      // A member declares their own interest; staff record one for a member.
      body: {
        reason: 'Người thân là thành viên hợp tác xã',
        ...(probe.role === 'council_member' || probe.role === 'council_secretary'
          ? {}
          : { memberId: fx.evaluation.memberIds.m1 }),
      },
    }),
  },
  'POST /api/v1/rounds/:roundId/products/:productId/removal': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${openRound(fx)}/products/${fx.registration.productId}/removal`,
      body: { reason: 'Hồ sơ chưa đủ' },
    }),
  },
  'POST /api/v1/rounds/:roundId/products/:productId/rescore': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${round(fx)}/products/${fx.registration.productId}/rescore`,
      body: { reason: 'Chênh lệch điểm' },
    }),
  },
  'PUT /api/v1/rounds/:roundId/products/:productId/scorecard': {
    kind: 'record',
    record: province,
    seat: true,
    admin: 'deny:NOT_A_COUNCIL_MEMBER',
    rule: SEAT,
    request: (fx) => ({
      path: `${round(fx)}/products/${fx.registration.productId}/scorecard`,
      body: { choices: {} },
    }),
  },
  'POST /api/v1/rounds/:roundId/products/:productId/scorecard/submit': {
    kind: 'record',
    record: province,
    seat: true,
    admin: 'deny:NOT_A_COUNCIL_MEMBER',
    rule: SEAT,
    request: (fx) => ({ path: `${round(fx)}/products/${fx.registration.productId}/scorecard/submit`, body: {} }),
  },
  'POST /api/v1/rounds/:roundId/products/:productId/spread-acceptance': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${round(fx)}/products/${fx.registration.productId}/spread-acceptance`,
      body: { note: 'Hội đồng chấp nhận chênh lệch' },
    }),
  },
  'GET /api/v1/rounds/:roundId/progress': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${round(fx)}/progress` }),
  },
  'GET /api/v1/rounds/:roundId/quorum': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${round(fx)}/quorum` }),
  },
  'GET /api/v1/rounds/:roundId/scorecards': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${round(fx)}/scorecards` }),
  },
  'GET /api/v1/rounds/:roundId/scorecards/mine': {
    kind: 'record',
    record: province,
    seat: true,
    admin: 'deny:NOT_A_COUNCIL_MEMBER',
    rule: SEAT,
    request: (fx) => ({ path: `${round(fx)}/scorecards/mine` }),
  },
  'GET /api/v1/rounds/:roundId/scores.xlsx': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({ path: `${round(fx)}/scores.xlsx` }),
  },
  'GET /health/,ready': { kind: 'public', request: () => ({ path: '/health/ready' }) },
  'GET /health/live': { kind: 'public', request: () => ({ path: '/health/live' }) },
};

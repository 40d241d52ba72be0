import { planOf, UNITS, type Fixtures } from './fixtures';
import type { RecordRef, RouteTable } from './matrix';
import { has, rows } from './registration.routes';

const v1 = '/api/v1';
/** Bắc Ninh's monthly report to the ministry, its plan, figures and contacts. */
const province = (): RecordRef => ({ unit: UNITS.province, level: 'province' });
/** The notification of commune C (and producer A's copy). */
const commune = (fx: Fixtures): RecordRef => ({
  unit: UNITS.commune,
  level: 'commune',
  producerId: fx.registration.producerId,
});
const report = (fx: Fixtures) => `${v1}/reports/${fx.reporting.reportId}`;
const planPath = (fx: Fixtures) => `${v1}/plans/${fx.reporting.planCode}`;
const NOT_YOUR_UNIT = 'deny:REPORT_NOT_YOUR_UNIT';
const WRONG_LEVEL = 'deny:REPORT_WRONG_LEVEL';
const NOT_ADDRESSED = 'deny:404:NOTIFICATION_NOT_FOUND';
/** A unit writes its own report only; the admin may act for any unit. */
const OWN_REPORT = {
  relations: { parent: NOT_YOUR_UNIT, child: NOT_YOUR_UNIT, sibling: NOT_YOUR_UNIT },
  admin: 'allow',
  rule: 'a unit writes and submits its own report only (the level above reads it); admins act for any unit',
} as const;
/** The recipient (the level above) accepts or returns a submitted report. */
const RECIPIENT = {
  relations: { own: WRONG_LEVEL, parent: 'allow', child: WRONG_LEVEL, sibling: WRONG_LEVEL },
  admin: 'allow',
  rule: 'only the recipient (the level above) accepts or returns a report; admins act for any unit',
} as const;
const OPERATORS = 'operators’ actions: admins only, from any unit';
const PLAN_READ = 'a plan is read throughout its province (by its communes too) and by the ministry';

/**
 * Reporting: reports belong to their unit and go to the level above; figures, completeness and contacts
 * name the unit they are about; a notification is addressed to one unit (or user, or producer) only.
 */
export const REPORTING_ROUTES: RouteTable = {
  'GET /api/v1/admin/read-models/rebuild': {
    kind: 'system',
    rule: OPERATORS,
    request: () => ({ path: `${v1}/admin/read-models/rebuild` }),
  },
  'POST /api/v1/admin/read-models/rebuild': {
    kind: 'system',
    rule: OPERATORS,
    last: true,
    request: () => ({ path: `${v1}/admin/read-models/rebuild` }),
  },
  'GET /api/v1/admin/schedules': {
    kind: 'system',
    rule: OPERATORS,
    request: () => ({ path: `${v1}/admin/schedules` }),
  },
  'POST /api/v1/admin/schedules/:obligationCode/trigger': {
    kind: 'system',
    rule: OPERATORS,
    // After the schedules' sync (a schedule not synced yet answers 500).
    last: true,
    request: () => ({ path: `${v1}/admin/schedules/province-month/trigger` }),
  },
  'POST /api/v1/admin/schedules/sync': {
    kind: 'system',
    rule: OPERATORS,
    request: () => ({ path: `${v1}/admin/schedules/sync` }),
  },
  'GET /api/v1/audit-log': {
    kind: 'list',
    record: province,
    request: (fx) => ({ path: `${v1}/audit-log`, query: { entityId: fx.reporting.reportId } }),
    listed: (answer, fx) => has(answer, 'entityId', fx.reporting.reportId),
  },
  'GET /api/v1/notification-contacts/:unitCode': {
    kind: 'record',
    record: province,
    request: () => ({ path: `${v1}/notification-contacts/${UNITS.province}` }),
  },
  'PUT /api/v1/notification-contacts/:unitCode': {
    kind: 'record',
    record: province,
    request: () => ({
      path: `${v1}/notification-contacts/${UNITS.province}`,
      body: { emails: ['vpdp.ocop@bacninh.gov.vn'] },
    }),
  },
  'GET /api/v1/notifications': {
    kind: 'list',
    record: commune,
    producer: 'hidden',
    relations: { parent: 'hidden' },
    rule: 'an inbox holds what is addressed to the unit itself, the user, or the producer: not the units below',
    request: () => ({ path: `${v1}/notifications` }),
    listed: (answer, fx) =>
      rows(answer).some(
        (row) => row['id'] === fx.reporting.notificationId || row['id'] === fx.reporting.producerNotificationId,
      ),
  },
  'POST /api/v1/notifications/:notificationId/read': {
    kind: 'record',
    record: commune,
    producer: NOT_ADDRESSED,
    relations: { parent: NOT_ADDRESSED, sibling: NOT_ADDRESSED },
    rule: 'only the addressee marks a notification read; to anyone else it does not exist (404)',
    request: (fx, probe) => ({
      path: `${v1}/notifications/${
        probe.role === 'producer' ? fx.reporting.producerNotificationId : fx.reporting.notificationId
      }/read`,
    }),
  },
  'GET /api/v1/plans': {
    kind: 'list',
    record: province,
    relations: { child: 'allow' },
    rule: PLAN_READ,
    request: () => ({ path: `${v1}/plans` }),
    listed: (answer, fx) => has(answer, 'code', fx.reporting.planCode),
  },
  'POST /api/v1/plans': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({ path: `${v1}/plans`, body: planOf(`ke-hoach-thu-${probe.seq}`, fx.year) }),
  },
  'GET /api/v1/plans/:planCode': {
    kind: 'record',
    record: province,
    relations: { child: 'allow' },
    rule: PLAN_READ,
    request: (fx) => ({ path: planPath(fx) }),
  },
  'PATCH /api/v1/plans/:planCode': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: planPath(fx),
      body: { title: `Kế hoạch OCOP tỉnh Bắc Ninh (sửa lần ${probe.seq})` },
    }),
  },
  'DELETE /api/v1/plans/:planCode/budget': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${planPath(fx)}/budget` }),
  },
  'GET /api/v1/plans/:planCode/budget': {
    kind: 'record',
    record: province,
    relations: { child: 'allow' },
    rule: PLAN_READ,
    request: (fx) => ({ path: `${planPath(fx)}/budget` }),
  },
  'PUT /api/v1/plans/:planCode/budget': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${planPath(fx)}/budget`,
      body: planOf(fx.reporting.planCode, fx.year)['budget'] as object,
    }),
  },
  'PUT /api/v1/plans/:planCode/budget/:lineCode/actuals/:year': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${planPath(fx)}/budget/I.1/actuals/${fx.year}`,
      body: { value: 40, note: 'Theo báo cáo quyết toán' },
    }),
  },
  'POST /api/v1/plans/:planCode/budget/lines': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${planPath(fx)}/budget/lines`,
      body: {
        section: 'I',
        code: `I.${probe.seq}`,
        item: 'Hội chợ',
        lead: ['Sở Công Thương'],
        partners: [],
        amounts: { [fx.year]: 10 },
      },
    }),
  },
  'DELETE /api/v1/plans/:planCode/budget/lines/:lineCode': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${planPath(fx)}/budget/lines/I.2` }),
  },
  'PUT /api/v1/plans/:planCode/budget/lines/:lineCode': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${planPath(fx)}/budget/lines/I.1`,
      body: {
        item: 'Hội nghị triển khai (2 đợt)',
        lead: ['Sở Nông nghiệp và Môi trường'],
        partners: [],
        amounts: { [fx.year]: 60 },
      },
    }),
  },
  'GET /api/v1/plans/:planCode/progress': {
    kind: 'record',
    record: province,
    relations: { child: 'allow' },
    rule: PLAN_READ,
    request: (fx) => ({ path: `${planPath(fx)}/progress` }),
  },
  'POST /api/v1/plans/:planCode/targets': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${planPath(fx)}/targets`,
      body: {
        code: `sales-points-${probe.seq}`,
        labelVi: 'Điểm giới thiệu và bán sản phẩm OCOP',
        indicator: 'sales_points',
        value: 1,
        unit: 'sales_points',
        from: `${fx.year}-01-01`,
        deadline: `${fx.year}-12-31`,
        quote: 'xây dựng 01 điểm bán sản phẩm OCOP',
      },
    }),
  },
  'DELETE /api/v1/plans/:planCode/targets/:targetCode': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${planPath(fx)}/targets/to-remove` }),
  },
  'PUT /api/v1/plans/:planCode/targets/:targetCode': {
    kind: 'record',
    record: province,
    request: (fx, probe) => ({
      path: `${planPath(fx)}/targets/products-3-stars`,
      body: {
        labelVi: 'Sản phẩm OCOP đạt 3 sao trở lên',
        indicator: 'certified_products',
        params: { minStars: 3 },
        value: 2 + (probe.seq % 5),
        unit: 'products',
        from: `${fx.year}-01-01`,
        deadline: `${fx.year}-12-31`,
      },
    }),
  },
  'PUT /api/v1/plans/:planCode/targets/:targetCode/actual': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${planPath(fx)}/targets/trained-labour/actual`,
      body: { value: 12, note: 'Theo báo cáo tổng kết' },
    }),
  },
  'POST /api/v1/plans/:planCode/withdrawal': {
    kind: 'record',
    record: province,
    last: true,
    request: (fx) => ({ path: `${planPath(fx)}/withdrawal`, body: { reason: 'Thay thế bằng kế hoạch mới' } }),
  },
  'GET /api/v1/reporting-obligations': { kind: 'open', request: () => ({ path: `${v1}/reporting-obligations` }) },
  'GET /api/v1/reporting-obligations/:code/calendar': {
    kind: 'open',
    request: (fx) => ({ path: `${v1}/reporting-obligations/province-month/calendar`, query: { year: fx.year } }),
  },
  'GET /api/v1/reports': {
    kind: 'list',
    record: province,
    request: () => ({ path: `${v1}/reports` }),
    listed: (answer, fx) => has(answer, 'id', fx.reporting.reportId),
  },
  'POST /api/v1/reports': {
    kind: 'record',
    record: province,
    ...OWN_REPORT,
    request: (fx) => ({
      path: `${v1}/reports`,
      body: { obligationCode: 'province-month', periodKey: fx.reporting.otherPeriodKey, unitCode: UNITS.province },
    }),
  },
  'GET /api/v1/reports/:reportId': { kind: 'record', record: province, request: (fx) => ({ path: report(fx) }) },
  'PATCH /api/v1/reports/:reportId': {
    kind: 'record',
    record: province,
    ...OWN_REPORT,
    request: (fx, probe) => ({ path: report(fx), body: { summary: `Tóm tắt ${probe.seq}` } }),
  },
  'POST /api/v1/reports/:reportId/accept': {
    kind: 'record',
    record: province,
    ...RECIPIENT,
    request: (fx) => ({ path: `${report(fx)}/accept`, body: {} }),
  },
  'GET /api/v1/reports/:reportId/document': {
    kind: 'record',
    record: province,
    request: (fx) => ({ path: `${report(fx)}/document` }),
  },
  'GET /api/v1/reports/:reportId/export': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({ path: `${report(fx)}/export`, query: { format: 'csv' } }),
  },
  'POST /api/v1/reports/:reportId/return': {
    kind: 'record',
    record: province,
    ...RECIPIENT,
    request: (fx) => ({ path: `${report(fx)}/return`, body: { reason: 'Bổ sung số liệu quý' } }),
  },
  'POST /api/v1/reports/:reportId/submit': {
    kind: 'record',
    record: province,
    ...OWN_REPORT,
    request: (fx) => ({ path: `${report(fx)}/submit`, body: {} }),
  },
  'GET /api/v1/reports/completeness': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${v1}/reports/completeness`,
      query: { obligation: 'province-month', period: fx.reporting.periodKey, unit: UNITS.province },
    }),
  },
  'GET /api/v1/reports/figures': {
    kind: 'record',
    record: province,
    request: (fx) => ({
      path: `${v1}/reports/figures`,
      query: { unit: UNITS.province, period: fx.reporting.periodKey },
    }),
  },
  'GET /api/v1/reports/figures/export.csv': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({
      path: `${v1}/reports/figures/export.csv`,
      query: { unit: UNITS.province, period: fx.reporting.periodKey },
    }),
  },
  'GET /api/v1/reports/figures/export.pdf': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({
      path: `${v1}/reports/figures/export.pdf`,
      query: { unit: UNITS.province, period: fx.reporting.periodKey },
    }),
  },
  'GET /api/v1/reports/figures/export.xlsx': {
    kind: 'record',
    heavy: true,
    record: province,
    request: (fx) => ({
      path: `${v1}/reports/figures/export.xlsx`,
      query: { unit: UNITS.province, period: fx.reporting.periodKey },
    }),
  },
  'GET /health/,ready': { kind: 'public', request: () => ({ path: '/health/ready' }) },
  'GET /health/live': { kind: 'public', request: () => ({ path: '/health/live' }) },
};

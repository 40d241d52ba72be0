import { jpeg, pdf, UNITS, type Fixtures } from './fixtures';
import type { Answer, RecordRef, RouteTable } from './matrix';

/** The rows of a list answer: a page's items or a bare array. */
export function rows(answer: Answer): Record<string, unknown>[] {
  const json = answer.json as { items?: unknown } | unknown[] | undefined;
  if (Array.isArray(json)) return json as Record<string, unknown>[];
  return Array.isArray(json?.items) ? (json.items as Record<string, unknown>[]) : [];
}

export const has = (answer: Answer, field: string, value: string): boolean =>
  rows(answer).some((row) => row[field] === value);

const v1 = '/api/v1';
/** Producer A's records in commune C. */
const commune = (fx: Fixtures): RecordRef => ({
  unit: UNITS.commune,
  level: 'commune',
  producerId: fx.registration.producerId,
});
const NOT_YOURS = 'deny:NOT_YOUR_PRODUCT';
const product = (fx: Fixtures) => `${v1}/products/${fx.registration.productId}`;
const work = (fx: Fixtures) => `${v1}/products/${fx.registration.workProductId}`;
const application = (fx: Fixtures) => `${v1}/applications/${fx.registration.applicationId}`;
const cycle = (fx: Fixtures) => `${v1}/cycles/${UNITS.commune}/${fx.registration.cycleYear}`;

/**
 * Registration: producers and products belong to their commune. Reads act on product X (certified, with its
 * dossier, photo, application), writes on product W (an idea of the same producer) so that they reach the
 * checks of a product still in the cycle.
 */
export const REGISTRATION_ROUTES: RouteTable = {
  'GET /api/v1/admin-units': { kind: 'open', request: () => ({ path: `${v1}/admin-units`, query: { limit: 5 } }) },
  'GET /api/v1/admin-units/:code': { kind: 'open', request: () => ({ path: `${v1}/admin-units/${UNITS.province}` }) },
  'GET /api/v1/admin-units/:code/subtree': {
    kind: 'open',
    request: () => ({ path: `${v1}/admin-units/${UNITS.commune}/subtree` }),
  },
  'GET /api/v1/admin-units/legacy/:code/current': {
    kind: 'open',
    request: () => ({ path: `${v1}/admin-units/legacy/217/current` }),
  },
  'GET /api/v1/applications': {
    kind: 'list',
    record: commune,
    producer: 'hidden',
    request: () => ({ path: `${v1}/applications` }),
    listed: (answer, fx) => has(answer, 'id', fx.registration.applicationId),
  },
  'GET /api/v1/applications/:applicationId': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: application(fx) }),
  },
  'POST /api/v1/applications/:applicationId/documents': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({
      path: `${application(fx)}/documents`,
      fields: { item: 'self_assessment_report' },
      file: { field: 'file', content: pdf('tự đánh giá'), filename: 'tu-danh-gia.pdf', contentType: 'application/pdf' },
    }),
  },
  'GET /api/v1/applications/:applicationId/documents/:documentId': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${application(fx)}/documents/${fx.registration.applicationDocumentId}` }),
  },
  'POST /api/v1/applications/:applicationId/withdrawal': {
    last: true,
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${application(fx)}/withdrawal`, body: { reason: 'Chủ thể rút đơn để bổ sung hồ sơ' } }),
  },
  'GET /api/v1/audit-log': {
    kind: 'list',
    record: commune,
    request: (fx) => ({ path: `${v1}/audit-log`, query: { entityId: fx.registration.productId } }),
    listed: (answer, fx) => has(answer, 'entityId', fx.registration.productId),
  },
  'GET /api/v1/cycles': {
    kind: 'list',
    record: commune,
    request: (fx) => ({ path: `${v1}/cycles`, query: { year: fx.registration.cycleYear } }),
    listed: (answer) => has(answer, 'unitCode', UNITS.commune),
  },
  'POST /api/v1/cycles': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: `${v1}/cycles`, body: { unitCode: UNITS.commune, year: fx.registration.cycleYear + 1 } }),
  },
  'GET /api/v1/cycles/:unitCode/:year': { kind: 'record', record: commune, request: (fx) => ({ path: cycle(fx) }) },
  'PUT /api/v1/cycles/:unitCode/:year/calendar': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: `${cycle(fx)}/calendar`, body: { steps: fx.registration.cycleSteps } }),
  },
  'GET /api/v1/producers': {
    kind: 'list',
    record: commune,
    request: () => ({ path: `${v1}/producers` }),
    listed: (answer, fx) => has(answer, 'id', fx.registration.producerId),
  },
  'POST /api/v1/producers': {
    kind: 'record',
    record: commune,
    request: (_fx, probe) => ({
      path: `${v1}/producers`,
      body: {
        taxCode: `25${String(probe.seq).padStart(8, '0')}`,
        name: `Hộ kinh doanh thử ${probe.seq}`,
        legalForm: 'business_household',
        communeCode: UNITS.commune,
      },
    }),
  },
  'GET /api/v1/producers/:producerId': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: `${v1}/producers/${fx.registration.producerId}` }),
  },
  'PATCH /api/v1/producers/:producerId': {
    kind: 'record',
    record: commune,
    request: (fx, probe) => ({
      path: `${v1}/producers/${fx.registration.producerId}`,
      body: { representative: `Nguyễn Văn Đại Diện ${probe.seq}` },
    }),
  },
  'GET /api/v1/producers/:producerId/history': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: `${v1}/producers/${fx.registration.producerId}/history` }),
  },
  'GET /api/v1/producers/export.csv': {
    kind: 'list',
    record: commune,
    request: () => ({ path: `${v1}/producers/export.csv` }),
    listed: (answer, fx) => answer.text.includes(fx.registration.producerTaxCode),
  },
  'GET /api/v1/product-groups': { kind: 'open', request: () => ({ path: `${v1}/product-groups` }) },
  'GET /api/v1/products': {
    kind: 'list',
    record: commune,
    request: () => ({ path: `${v1}/products` }),
    listed: (answer, fx) => has(answer, 'id', fx.registration.productId),
  },
  'POST /api/v1/products': {
    kind: 'record',
    record: commune,
    request: (fx, probe) => ({
      path: `${v1}/products`,
      body: { producerId: fx.registration.producerId, name: `Sản phẩm thử ${probe.seq}`, group: 'food' },
    }),
  },
  'GET /api/v1/products/:productId': { kind: 'record', record: commune, request: (fx) => ({ path: product(fx) }) },
  'PATCH /api/v1/products/:productId': {
    kind: 'record',
    record: commune,
    request: (fx, probe) => ({ path: work(fx), body: { description: `Mô tả sửa lần ${probe.seq}` } }),
  },
  'GET /api/v1/products/:productId/applications': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/applications` }),
  },
  'POST /api/v1/products/:productId/applications': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/applications`, body: { kind: 'upgrade', targetStars: 5 } }),
  },
  'GET /api/v1/products/:productId/business-plan': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/business-plan` }),
  },
  'POST /api/v1/products/:productId/business-plan': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({
      path: `${work(fx)}/business-plan`,
      body: { summary: 'Sản xuất 10 tấn mỳ gạo mỗi năm, đóng gói 500 g, bán tại điểm OCOP' },
    }),
  },
  'GET /api/v1/products/:productId/certificates': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/certificates` }),
  },
  'GET /api/v1/products/:productId/dossier': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/dossier` }),
  },
  'POST /api/v1/products/:productId/dossier': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${work(fx)}/dossier` }),
  },
  'POST /api/v1/products/:productId/dossier/documents': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({
      path: `${work(fx)}/dossier/documents`,
      fields: { item: 'test_results' },
      file: { field: 'file', content: pdf('kiểm nghiệm'), filename: 'kiem-nghiem.pdf', contentType: 'application/pdf' },
    }),
  },
  'GET /api/v1/products/:productId/dossier/documents/:documentId': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/dossier/documents/${fx.registration.documentId}` }),
  },
  'POST /api/v1/products/:productId/dossier/samples-received': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: `${work(fx)}/dossier/samples-received` }),
  },
  'GET /api/v1/products/:productId/photos': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/photos` }),
  },
  'POST /api/v1/products/:productId/photos': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({
      path: `${work(fx)}/photos`,
      fields: { caption: 'Ảnh bao bì' },
      file: { field: 'file', content: jpeg(7), filename: 'bao-bi.jpg', contentType: 'image/jpeg' },
    }),
  },
  'DELETE /api/v1/products/:productId/photos/:photoId': {
    last: true,
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${work(fx)}/photos/${fx.registration.workPhotoId}` }),
  },
  'GET /api/v1/products/:productId/photos/:photoId': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/photos/${fx.registration.photoId}` }),
  },
  'PATCH /api/v1/products/:productId/photos/:photoId': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx, probe) => ({
      path: `${work(fx)}/photos/${fx.registration.workPhotoId}`,
      body: { caption: `Chú thích ${probe.seq}` },
    }),
  },
  'PUT /api/v1/products/:productId/photos/order': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${work(fx)}/photos/order`, body: { photoIds: [fx.registration.workPhotoId] } }),
  },
  'POST /api/v1/products/:productId/pre-assessment': {
    kind: 'record',
    record: commune,
    request: (fx) => ({
      path: `${work(fx)}/pre-assessment`,
      body: {
        criteria: Object.fromEntries(
          ['localOrigin', 'localLabour', 'ideaOrigin', 'localIdentity'].map((criterion) => [
            criterion,
            { met: true, findings: 'Đạt theo biên bản kiểm tra' },
          ]),
        ),
        officerName: 'Nguyễn Thị Bình',
        assessedOn: fx.today,
      },
    }),
  },
  'GET /api/v1/products/:productId/pre-assessments': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/pre-assessments` }),
  },
  'POST /api/v1/products/:productId/selection': {
    kind: 'record',
    record: commune,
    request: (fx) => ({ path: `${work(fx)}/selection`, body: { decision: 'accepted' } }),
  },
  'GET /api/v1/products/:productId/selections': {
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${product(fx)}/selections` }),
  },
  'POST /api/v1/products/:productId/withdrawal': {
    last: true,
    kind: 'record',
    record: commune,
    producer: NOT_YOURS,
    request: (fx) => ({ path: `${work(fx)}/withdrawal`, body: { reason: 'Chủ thể tạm dừng sản xuất' } }),
  },
  'GET /api/v1/products/export.csv': {
    kind: 'list',
    record: commune,
    request: () => ({ path: `${v1}/products/export.csv` }),
    listed: (answer, fx) => answer.text.includes(fx.registration.productId),
  },
  'GET /health/,ready': { kind: 'public', request: () => ({ path: '/health/ready' }) },
  'GET /health/live': { kind: 'public', request: () => ({ path: '/health/live' }) },
};

import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testToken, type TestDatabase } from '@ocop/testing';
import type { DocumentStorageKind } from '../../src/config/registration.config';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

const MAX_BYTES = 4_096;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
const FOOD_DOCUMENTS = [
  'registration_form',
  'business_plan',
  'organisation_description',
  'business_registration',
  'quality_self_declaration',
  'food_safety_certificate',
  'test_results',
  'self_assessment_report',
];
const criteria = (met: boolean) => ({
  localOrigin: { met: true, findings: 'Mật ong thu từ các đàn ong trong xã' },
  localLabour: { met: true, findings: '25 lao động là người địa phương' },
  ideaOrigin: { met: true, findings: 'Ý tưởng của hội nuôi ong xã' },
  localIdentity: {
    met,
    findings: met ? 'Gắn với vùng vải thiều Lục Ngạn - Lạng Giang' : 'Chưa thể hiện bản sắc địa phương trên bao bì',
  },
});

/**
 * The dossier suite, run once per document storage (dossier.int-spec.ts: local disk; dossier-s3.int-spec.ts:
 * an S3-compatible server). One storage per test file, since the API module reads its configuration once.
 */
export function describeDossierSuite(storage: DocumentStorageKind): void {
  describe(`registration: dossier, documents and the commune pre-assessment (${storage} storage)`, () => {
    let testApp: RegistrationTestApp | undefined;
    let app: INestApplication;
    let db: TestDatabase;
    let commune: string;
    let producerUser: string;
    let productId: string;
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const http = () => request(app.getHttpServer());
    const upload = (
      item: string,
      content: Buffer,
      contentType = 'application/pdf',
      filename = `${item}.pdf`,
      token = producerUser,
    ) =>
      http()
        .post(`/api/v1/products/${productId}/dossier/documents`)
        .set(auth(token))
        .field('item', item)
        .attach('file', content, { filename, contentType });
    interface DossierBody {
      complete: boolean;
      completeness: number;
      checklist: { code: string; document: { id: string } | null }[];
    }
    const dossier = async (): Promise<DossierBody> =>
      (await http().get(`/api/v1/products/${productId}/dossier`).set(auth(commune)).expect(200)).body as DossierBody;
    const status = async () =>
      (await http().get(`/api/v1/products/${productId}`).set(auth(commune)).expect(200)).body.status as string;
    const storedFiles = async () => (await testApp!.storedKeys(`${productId}/`)).length;

    beforeAll(async () => {
      testApp = await startRegistrationTestApp('dossier', { DOCUMENT_MAX_BYTES: String(MAX_BYTES) }, { storage });
      ({ app, db } = testApp);
      commune = await testToken({ roles: ['commune_officer'], unitCode: '07381', subject: 'ubnd-xa-tien-luc' });
      const producer = await http()
        .post('/api/v1/producers')
        .set(auth(commune))
        .send({
          taxCode: '2400300001',
          name: 'Hội Nuôi ong xã Nghĩa Hòa',
          legalForm: 'cooperative_group',
          communeCode: '07381',
        })
        .expect(201);
      producerUser = await testToken({ roles: ['producer'], unitCode: '07381', producerId: producer.body.id });
      const product = await http()
        .post('/api/v1/products')
        .set(auth(commune))
        .send({ producerId: producer.body.id, name: 'Mật ong Nghĩa Hòa', group: 'food', subgroup: 'processed' })
        .expect(201);
      productId = product.body.id;
      await http()
        .post(`/api/v1/products/${productId}/selection`)
        .set(auth(commune))
        .send({ decision: 'accepted' })
        .expect(200);
      await http()
        .post(`/api/v1/products/${productId}/business-plan`)
        .set(auth(producerUser))
        .send({ summary: 'Mở rộng đàn ong lên 300 thùng, đóng chai 500 ml, bán qua điểm OCOP' })
        .expect(200);
    });

    afterAll(async () => {
      await testApp?.close();
    });

    it('opens the dossier with the checklist of the product’s group', async () => {
      const opened = await http().post(`/api/v1/products/${productId}/dossier`).set(auth(producerUser)).expect(200);
      expect(opened.body.checklist.map((entry: { code: string }) => entry.code)).toEqual([
        ...FOOD_DOCUMENTS,
        'samples_received',
      ]);
      expect(opened.body).toEqual(expect.objectContaining({ complete: false, completeness: 0, amendable: true }));
      expect(await status()).toBe('dossier');
      const again = await http().post(`/api/v1/products/${productId}/dossier`).set(auth(producerUser));
      expect(again.body.code).toBe('PRODUCT_STAGE_CONFLICT');
    });

    it('refuses bad files with a stable code and stores nothing', async () => {
      await upload('registration_form', pdf('phiếu đăng ký')).expect(201);
      const rowsBefore = await db.query('SELECT id FROM registration.dossier_document');
      const filesBefore = await storedFiles();
      const cases: Array<[request.Test, number, string]> = [
        [upload('test_results', Buffer.alloc(MAX_BYTES + 1, 0x25)), 413, 'DOCUMENT_TOO_LARGE'],
        [upload('test_results', Buffer.from('plain text'), 'text/plain', 'a.txt'), 415, 'DOCUMENT_TYPE_NOT_ALLOWED'],
        [
          upload('test_results', Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf', 'a.pdf'),
          415,
          'DOCUMENT_TYPE_NOT_ALLOWED',
        ],
        [upload('tourism_site_description', pdf('x')), 400, 'DOSSIER_ITEM_UNKNOWN'],
        [
          http()
            .post(`/api/v1/products/${productId}/dossier/documents`)
            .set(auth(producerUser))
            .field('item', 'test_results'),
          400,
          'FILE_REQUIRED',
        ],
      ];
      for (const [send, statusCode, code] of cases) {
        const response = await send;
        expect({ status: response.status, code: response.body.code }).toEqual({ status: statusCode, code });
      }
      expect(await db.query('SELECT id FROM registration.dossier_document')).toHaveLength(rowsBefore.length);
      expect(await storedFiles()).toBe(filesBefore);
    });

    it('pre-assesses only a complete dossier; a criterion not met keeps it a dossier', async () => {
      const incomplete = await http()
        .post(`/api/v1/products/${productId}/pre-assessment`)
        .set(auth(commune))
        .send({ criteria: criteria(true), officerName: 'Nguyễn Thị Bình', assessedOn: '2026-05-12' });
      expect(incomplete.status).toBe(409);
      expect(incomplete.body.code).toBe('DOSSIER_INCOMPLETE');
      expect(incomplete.body.details.missing).toContain('samples_received');

      for (const item of FOOD_DOCUMENTS.slice(1)) await upload(item, pdf(item)).expect(201);
      await http().post(`/api/v1/products/${productId}/dossier/samples-received`).set(auth(commune)).expect(200);
      expect(await dossier()).toEqual(expect.objectContaining({ complete: true, completeness: 100 }));

      const failed = await http()
        .post(`/api/v1/products/${productId}/pre-assessment`)
        .set(auth(commune))
        .send({ criteria: criteria(false), officerName: 'Nguyễn Thị Bình', assessedOn: '2026-05-12' })
        .expect(201);
      expect(failed.body.passed).toBe(false);
      expect(await status()).toBe('dossier');

      const passed = await http()
        .post(`/api/v1/products/${productId}/pre-assessment`)
        .set(auth(commune))
        .send({ criteria: criteria(true), officerName: 'Nguyễn Thị Bình', assessedOn: '2026-05-20' })
        .expect(201);
      expect(passed.body.passed).toBe(true);
      expect(await status()).toBe('pre_assessed');
      const history = await http().get(`/api/v1/products/${productId}/pre-assessments`).set(auth(commune)).expect(200);
      expect(history.body.map((assessment: { passed: boolean }) => assessment.passed)).toEqual([false, true]);
    });

    it('keeps amendments (the old file superseded, not deleted) and sends the dossier back for a new pre-assessment', async () => {
      const before = (await dossier()).checklist.find((entry) => entry.code === 'test_results')!.document!;
      const content = pdf('kết quả kiểm nghiệm bổ sung 2026');
      const amended = await upload('test_results', content, 'application/pdf', 'Phiếu kiểm nghiệm.pdf').expect(201);
      expect(amended.body.fileName).toBe('Phiếu kiểm nghiệm.pdf');
      expect(await status()).toBe('dossier');
      const rows = await db.query<{ id: string; superseded_at: Date | null }>(
        `SELECT id, superseded_at FROM registration.dossier_document WHERE product_id = $1 AND item = 'test_results' ORDER BY uploaded_at`,
        [productId],
      );
      expect(rows.map((row) => [row.id, row.superseded_at !== null])).toEqual([
        [before.id, true],
        [amended.body.id, false],
      ]);

      const downloaded = await http()
        .get(`/api/v1/products/${productId}/dossier/documents/${amended.body.id}`)
        .set(auth(commune))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(downloaded.body as Buffer, content)).toBe(0);
      expect(downloaded.headers['content-type']).toBe('application/pdf');

      const subjects = await db.query<{ subject: string; amendment: boolean | null }>(
        `SELECT subject, (envelope->'data'->>'amendment')::boolean AS amendment FROM registration.outbox_event
        WHERE envelope->'data'->>'productId' = $1 AND subject LIKE '%document-added%' ORDER BY sequence`,
        [productId],
      );
      expect(subjects.map((row) => row.amendment)).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        false,
        true,
      ]);
    });
  });
}

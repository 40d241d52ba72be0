import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testToken, type TestDatabase } from '@ocop/testing';
import { startRegistrationTestApp, type RegistrationTestApp } from './registration-test-app';

jest.setTimeout(60_000);

const MAX_BYTES = 2_048;
const MAX_PHOTOS = 3;
// Only the first bytes are checked (no decoding): enough of each format's signature.
const jpeg = (fill = 1) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, fill)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 2)]);
const webp = () =>
  Buffer.concat([Buffer.from('RIFF'), Buffer.from([200, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(200, 3)]);

interface PhotoBody {
  id: string;
  position: number;
  caption: string | null;
  contentType: string;
  sha256: string;
  deletedAt: string | null;
  deletedBy: string | null;
}

/** Photos go through the S3 storage here (the dossier suite covers both storages). */
describe('registration: product photos (s3 storage)', () => {
  let testApp: RegistrationTestApp | undefined;
  let app: INestApplication;
  let db: TestDatabase;
  let commune: string;
  let producerUser: string;
  let productId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const http = () => request(app.getHttpServer());
  const photosUrl = () => `/api/v1/products/${productId}/photos`;
  const upload = (content: Buffer, contentType: string, filename: string, caption?: string, token = producerUser) => {
    const call = http().post(photosUrl()).set(auth(token));
    if (caption !== undefined) void call.field('caption', caption);
    return call.attach('file', content, { filename, contentType });
  };
  const list = async (query = '') =>
    (await http().get(`${photosUrl()}${query}`).set(auth(commune)).expect(200)).body as PhotoBody[];
  const binary = (response: request.Test) =>
    response.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const counts = async () => ({
    rows: (await db.query('SELECT id FROM registration.product_photo')).length,
    events: (await db.query(`SELECT id FROM registration.outbox_event WHERE subject LIKE '%photo%'`)).length,
    objects: (await testApp!.storedKeys(`photos/${productId}/`)).length,
  });

  beforeAll(async () => {
    testApp = await startRegistrationTestApp(
      'photos',
      { PHOTO_MAX_BYTES: String(MAX_BYTES), PRODUCT_PHOTOS_MAX: String(MAX_PHOTOS) },
      { storage: 's3' },
    );
    ({ app, db } = testApp);
    commune = await testToken({ roles: ['commune_officer'], unitCode: '07381', subject: 'ubnd-xa-nghia-hoa' });
    const producer = await http()
      .post('/api/v1/producers')
      .set(auth(commune))
      .send({ taxCode: '2400300011', name: 'HTX Mật ong Nghĩa Hòa', legalForm: 'cooperative', communeCode: '07381' })
      .expect(201);
    producerUser = await testToken({
      roles: ['producer'],
      unitCode: '07381',
      producerId: producer.body.id,
      subject: 'htx-mat-ong',
    });
    const product = await http()
      .post('/api/v1/products')
      .set(auth(commune))
      .send({ producerId: producer.body.id, name: 'Mật ong hoa vải Nghĩa Hòa', group: 'food', subgroup: 'processed' })
      .expect(201);
    productId = product.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('adds JPEG, PNG and WebP photos in order, with captions, and serves them back unchanged', async () => {
    const first = await upload(jpeg(), 'image/jpeg', 'chai-mat-ong.jpg', 'Chai 500 ml').expect(201);
    expect(first.body).toEqual(
      expect.objectContaining({
        position: 1,
        caption: 'Chai 500 ml',
        contentType: 'image/jpeg',
        uploadedBy: 'htx-mat-ong',
      }),
    );
    await upload(png(), 'image/png', 'nhan.png', undefined, commune).expect(201);
    await upload(webp(), 'image/webp', 'to-ong.webp', '  Tổ ong  ').expect(201);
    const photos = await list();
    expect(photos.map((photo) => [photo.position, photo.contentType, photo.caption])).toEqual([
      [1, 'image/jpeg', 'Chai 500 ml'],
      [2, 'image/png', null],
      [3, 'image/webp', 'Tổ ong'],
    ]);

    const downloaded = await binary(http().get(`${photosUrl()}/${first.body.id}`).set(auth(producerUser))).expect(200);
    expect(Buffer.compare(downloaded.body as Buffer, jpeg())).toBe(0);
    expect(downloaded.headers['content-type']).toBe('image/jpeg');
    expect(downloaded.headers['digest']).toBe(`sha-256=${Buffer.from(first.body.sha256, 'hex').toString('base64')}`);
    expect((await testApp!.storedKeys(`photos/${productId}/`)).sort()).toEqual(
      photos.map((photo) => `photos/${productId}/${photo.id}`).sort(),
    );
    const events = await db.query<{ position: number }>(
      `SELECT (envelope->'data'->>'position')::int AS position FROM registration.outbox_event
        WHERE subject = 'ocop.registration.product.photo-added.v1' ORDER BY sequence`,
    );
    expect(events.map((event) => event.position)).toEqual([1, 2, 3]);
  });

  it('refuses bad photos, and a photo too many, with stable codes and writes nothing', async () => {
    const before = await counts();
    const cases: Array<[request.Test, number, string]> = [
      [upload(Buffer.concat([jpeg(), Buffer.alloc(MAX_BYTES)]), 'image/jpeg', 'big.jpg'), 413, 'PHOTO_TOO_LARGE'],
      [upload(Buffer.from('GIF89a........'), 'image/gif', 'a.gif'), 415, 'PHOTO_TYPE_NOT_ALLOWED'],
      [upload(jpeg(), 'image/png', 'renamed.png'), 415, 'PHOTO_TYPE_NOT_ALLOWED'],
      [upload(Buffer.from('%PDF-1.4 not a photo'), 'application/pdf', 'a.pdf'), 415, 'PHOTO_TYPE_NOT_ALLOWED'],
      [http().post(photosUrl()).set(auth(producerUser)).field('caption', 'x'), 400, 'FILE_REQUIRED'],
      [upload(jpeg(7), 'image/jpeg', 'fourth.jpg'), 409, 'PHOTO_LIMIT_REACHED'],
    ];
    for (const [send, status, code] of cases) {
      const response = await send;
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    }
    const otherProducer = await testToken({
      roles: ['producer'],
      unitCode: '07381',
      producerId: '00000000-0000-4000-8000-000000000000',
    });
    const notTheirs = await upload(jpeg(), 'image/jpeg', 'x.jpg', undefined, otherProducer);
    expect(notTheirs.body.code).toBe('NOT_YOUR_PRODUCT');
    expect(await counts()).toEqual(before);
  });

  it('reorders and re-captions photos; an order that is not every photo once is refused', async () => {
    const [a, b, c] = (await list()).map((photo) => photo.id) as [string, string, string];
    const reordered = await http()
      .put(`${photosUrl()}/order`)
      .set(auth(producerUser))
      .send({ photoIds: [c, a, b] })
      .expect(200);
    expect(reordered.body.map((photo: PhotoBody) => [photo.id, photo.position])).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    for (const photoIds of [
      [c, a],
      [c, a, a],
      [c, a, b, '00000000-0000-4000-8000-000000000000'],
    ]) {
      const refused = await http().put(`${photosUrl()}/order`).set(auth(producerUser)).send({ photoIds });
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 400,
        code: 'PHOTO_ORDER_MISMATCH',
      });
    }
    await http()
      .patch(`${photosUrl()}/${b}`)
      .set(auth(producerUser))
      .send({ caption: 'Nhãn truy xuất nguồn gốc' })
      .expect(200);
    expect((await list()).map((photo) => [photo.id, photo.caption])).toEqual([
      [c, 'Tổ ong'],
      [a, 'Chai 500 ml'],
      [b, 'Nhãn truy xuất nguồn gốc'],
    ]);
  });

  it('deletes softly: recorded with who and when, the file kept, the others close the gap', async () => {
    const [c, a, b] = (await list()).map((photo) => photo.id) as [string, string, string];
    const deleted = await http().delete(`${photosUrl()}/${a}`).set(auth(commune)).expect(200);
    expect(deleted.body).toEqual(expect.objectContaining({ id: a, deletedBy: 'ubnd-xa-nghia-hoa' }));
    expect((await list()).map((photo) => [photo.id, photo.position])).toEqual([
      [c, 1],
      [b, 2],
    ]);
    const withDeleted = await list('?includeDeleted=true');
    expect(withDeleted.find((photo) => photo.id === a)).toEqual(
      expect.objectContaining({ deletedBy: 'ubnd-xa-nghia-hoa', deletedAt: expect.any(String) }),
    );
    const gone = await http().get(`${photosUrl()}/${a}`).set(auth(commune));
    expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 404, code: 'PHOTO_NOT_FOUND' });
    const again = await http().delete(`${photosUrl()}/${a}`).set(auth(commune));
    expect(again.body.code).toBe('PHOTO_NOT_FOUND');
    expect(await testApp!.storedKeys(`photos/${productId}/${a}`)).toEqual([`photos/${productId}/${a}`]);
    const removed = await db.query(
      `SELECT id FROM registration.outbox_event WHERE subject = 'ocop.registration.product.photo-removed.v1'`,
    );
    expect(removed).toHaveLength(1);
    // Room again for a third photo.
    await upload(jpeg(9), 'image/jpeg', 'moi.jpg').expect(201);
  });

  it('locks photos once the product is in a round, as its name and description', async () => {
    const [first] = await list();
    await db.query(`UPDATE registration.product SET status = 'in_evaluation' WHERE id = $1`, [productId]);
    const before = await counts();
    const attempts = [
      upload(jpeg(), 'image/jpeg', 'late.jpg', undefined, commune),
      http().delete(`${photosUrl()}/${first!.id}`).set(auth(producerUser)),
      http().patch(`${photosUrl()}/${first!.id}`).set(auth(producerUser)).send({ caption: 'Muộn' }),
      http()
        .put(`${photosUrl()}/order`)
        .set(auth(producerUser))
        .send({ photoIds: [first!.id] }),
    ];
    for (const attempt of attempts) {
      const response = await attempt;
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 409, code: 'PRODUCT_LOCKED' });
    }
    expect(await counts()).toEqual(before);
    // Still readable.
    await http().get(`${photosUrl()}/${first!.id}`).set(auth(commune)).expect(200);
  });
});

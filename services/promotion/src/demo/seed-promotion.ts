#!/usr/bin/env node
/**
 * Demo data, promotion part: Bắc Giang's provincial fair ("Hội chợ OCOP tỉnh Bắc Giang 2024") and its
 * introduction and sales point, with the province's certified products enrolled at the fair and put on
 * consignment, over promotion's HTTP API as a promotion officer would. The certified products are those of
 * evaluation's demo rounds, found in promotion's own certificate read model (fed by certificate.issued);
 * the script waits until that holds as many valid certificates of the province as evaluation lists.
 *
 * Data: data/demo/bac-giang-2024.json. tools/demo/dist/seed-demo.js runs it after evaluation's rounds
 * (a tool may not import a service's code). Idempotent: the fair and the sales point are found by name,
 * products already enrolled or on consignment are left as they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';

interface DemoFile {
  provinceCode: string;
  organiser: { subject: string; name: string };
  fair: { name: string; startsOn: string; endsOn: string; capacity: number } & Record<string, string | number>;
  salesPoint: { name: string } & Record<string, string>;
}

interface CertificateRecord {
  number: string;
  productId: string;
  productName: string;
  producerName: string;
  stars: number;
  issuedOn: string;
  validUntil: string;
}

interface Named {
  id: string;
  name: string;
}

export const DEMO_PROMOTION_FILE = join(__dirname, '..', '..', 'data', 'demo', 'bac-giang-2024.json');

class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  async expect<T>(method: string, path: string, body: unknown, ...statuses: number[]): Promise<T> {
    const response = await this.call<T>(method, path, body);
    if (!statuses.includes(response.status))
      throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  get<T>(path: string): Promise<T> {
    return this.expect<T>('GET', path, undefined, 200);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SeedPromotionOptions {
  promotionUrl: string;
  evaluationUrl: string;
  /** How long to wait for promotion's read model to catch up with evaluation. */
  waitMs: number;
  log?: (line: string) => void;
}

export interface SeedPromotionResult {
  fairId: string;
  salesPointId: string;
  products: number;
  enrolledNow: number;
  consignedNow: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  await seedPromotion({
    promotionUrl:
      process.env['PROMOTION_URL'] ?? `http://127.0.0.1:${process.env['PROMOTION_HTTP_PORT'] ?? 3003}/api/v1`,
    evaluationUrl:
      process.env['EVALUATION_URL'] ?? `http://127.0.0.1:${process.env['EVALUATION_HTTP_PORT'] ?? 3002}/api/v1`,
    waitMs: Number(process.env['DEMO_PROMOTION_TIMEOUT_SECONDS'] ?? 120) * 1000,
  });
  console.log(`[demo] promotion done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** The fair and the sales point with the province's certified products; safe to run again. */
export async function seedPromotion(options: SeedPromotionOptions): Promise<SeedPromotionResult> {
  const { promotionUrl, evaluationUrl, waitMs } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const data = JSON.parse(readFileSync(DEMO_PROMOTION_FILE, 'utf8')) as DemoFile;
  const province = data.provinceCode;
  const token = await mintLocalToken({
    secret: localTokenSecret(),
    subject: data.organiser.subject,
    name: data.organiser.name,
    roles: ['promotion_officer'],
    unitCode: province,
    expiresIn: '30m',
  });
  const promotion = new Client(promotionUrl, token);
  const evaluation = new Client(evaluationUrl, token);

  const certificates = await certifiedProducts(promotion, evaluation, province, waitMs, log);
  log(`[demo] promotion: ${certificates.length} products of province ${province} hold a valid certificate`);

  const fair = await ensureByName(promotion, '/promotion-events', `province=${province}&year=2024`, data.fair, log);
  const enrolled = new Set(
    (await promotion.get<{ productId: string; status: string }[]>(`/promotion-events/${fair.id}/enrolments`))
      .filter((row) => row.status !== 'withdrawn')
      .map((row) => row.productId),
  );
  let enrolledNow = 0;
  const refused: string[] = [];
  for (const certificate of certificates) {
    if (enrolled.has(certificate.productId)) continue;
    const response = await promotion.call<{ code?: string }>('POST', `/promotion-events/${fair.id}/enrolments`, {
      productId: certificate.productId,
    });
    if (response.status === 201) enrolledNow += 1;
    else refused.push(`${certificate.productName}: ${response.body.code ?? response.status}`);
  }
  log(
    `[demo] ${fair.name}: ${enrolledNow} products enrolled now, ${enrolled.size} already there` +
      (refused.length ? `; refused: ${refused.join(', ')}` : ''),
  );

  const point = await ensureByName(promotion, '/sales-points', `province=${province}`, data.salesPoint, log);
  const consigned = new Set(
    (await promotion.get<{ productId: string; status: string }[]>(`/sales-points/${point.id}/consignments`))
      .filter((row) => row.status !== 'withdrawn')
      .map((row) => row.productId),
  );
  let consignedNow = 0;
  for (const certificate of certificates) {
    if (consigned.has(certificate.productId)) continue;
    const response = await promotion.call<{ code?: string }>('POST', `/sales-points/${point.id}/consignments`, {
      productId: certificate.productId,
      consignedOn: later(data.salesPoint['openedOn'] ?? certificate.issuedOn, certificate.issuedOn),
    });
    if (response.status === 201) consignedNow += 1;
    else log(`[demo]   not consigned: ${certificate.productName} (${response.body.code ?? response.status})`);
  }
  log(`[demo] ${point.name}: ${consignedNow} products consigned now, ${consigned.size} already there`);
  return { fairId: fair.id, salesPointId: point.id, products: certificates.length, enrolledNow, consignedNow };
}

/**
 * The province's products with a valid certificate in promotion's read model, once it holds as many as
 * evaluation lists (its consumer may still be catching up with the rounds' certificate.issued events).
 */
async function certifiedProducts(
  promotion: Client,
  evaluation: Client,
  province: string,
  waitMs: number,
  log: (line: string) => void,
): Promise<CertificateRecord[]> {
  const expected = await evaluation
    .get<{ total: number }>(`/certificates?province=${province}&status=valid&limit=1`)
    .then((page) => page.total)
    .catch(() => null);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const page = await promotion.get<{ items: CertificateRecord[]; total: number }>(
      `/certificates?province=${province}&status=valid&limit=500`,
    );
    const enough = expected === null ? page.total > 0 : page.total >= expected;
    if (enough || Date.now() > deadline) {
      if (!enough)
        log(`[demo] promotion has recorded ${page.total} of ${expected ?? '?'} certificates; going on with those`);
      const byProduct = new Map<string, CertificateRecord>();
      for (const item of page.items) if (!byProduct.has(item.productId)) byProduct.set(item.productId, item);
      return [...byProduct.values()].sort((a, b) => a.productName.localeCompare(b.productName, 'vi'));
    }
    await sleep(1000);
  }
}

/** Finds a record by its exact name in a list, or creates it. */
async function ensureByName(
  client: Client,
  path: string,
  filter: string,
  body: { name: string },
  log: (line: string) => void,
): Promise<Named> {
  const page = await client.get<{ items: Named[] }>(`${path}?${filter}&limit=100&q=${encodeURIComponent(body.name)}`);
  const found = page.items.find((item) => item.name === body.name);
  if (found) return found;
  const created = await client.expect<Named>('POST', path, body, 201);
  log(`[demo] created ${created.name}`);
  return created;
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(`[demo] promotion failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });

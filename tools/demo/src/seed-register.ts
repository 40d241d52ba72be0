/**
 * The demo's certificates issued before the platform: the 2021 certificates the 2024 re-evaluations renew
 * and the 3-star one the upgrade builds on, recorded from the province's register over evaluation's API
 * (POST /certificates/register), one decision at a time, as the province's staff would. Registration then
 * shows each product certified, and the product's workflow expires at once a certificate whose validity is
 * past. A product that already has a certificate is left alone, so a second run changes nothing.
 */
import { dateInVietnam } from '@ocop/contracts';
import { Api, errorCode, requestError } from './http';

export interface RegisterDecision {
  key: string;
  number: string;
  decisionDate: string;
  signerName: string;
  signerTitle: string;
  issuerName: string;
  level: 'district' | 'province';
  issuingUnitCode: string;
}

export interface RegisterEntry {
  productId: string;
  name: string;
  decision: string;
  number: string;
  stars: number;
}

interface CertificateView {
  number: string;
  validUntil: string;
}

interface RecordedView {
  certificates: (CertificateView & { productId: string })[];
}

interface ProductView {
  status: string;
}

/** How long registration may take to show a recorded certificate's product certified (or expired). */
const SETTLE_MS = 120_000;

export async function recordRegister(
  evaluation: Api,
  registration: Api,
  decisions: RegisterDecision[],
  entries: RegisterEntry[],
  progress: (done: number, total: number) => void,
): Promise<{ recorded: number }> {
  const missing: RegisterEntry[] = [];
  for (const entry of entries) {
    const held = await evaluation.get<{ total: number }>(`/certificates?productId=${entry.productId}&limit=1`);
    if (held.total === 0) missing.push(entry);
  }
  const today = dateInVietnam(new Date());
  const expected = new Map<string, string>();
  for (const decision of decisions) {
    const certificates = missing.filter((entry) => entry.decision === decision.key);
    if (certificates.length === 0) continue;
    const { key: _key, ...fields } = decision;
    const body = {
      decision: fields,
      certificates: certificates.map(({ productId, number, stars }) => ({ productId, number, stars })),
    };
    // Evaluation learns of a product from registration's event: a product registered a moment ago may not be
    // there yet (404 REGISTER_PRODUCT_UNKNOWN, nothing written), so the request is sent again until it is.
    const deadline = Date.now() + SETTLE_MS;
    let response = await evaluation.call<RecordedView>('POST', '/certificates/register', body);
    while (errorCode(response) === 'REGISTER_PRODUCT_UNKNOWN' && Date.now() < deadline) {
      await sleep(300);
      response = await evaluation.call<RecordedView>('POST', '/certificates/register', body);
    }
    if (response.status !== 201) throw requestError('POST', '/certificates/register', response);
    for (const certificate of response.body.certificates)
      expected.set(certificate.productId, certificate.validUntil < today ? 'expired' : 'certified');
  }
  // Each product must have settled before the rounds enter it: certified, then expired by its timer.
  const deadline = Date.now() + SETTLE_MS;
  let done = 0;
  for (const [productId, status] of expected) {
    for (;;) {
      const product = await registration.get<ProductView>(`/products/${productId}`);
      if (product.status === status) break;
      if (Date.now() > deadline)
        throw new Error(
          `Product ${productId} is ${product.status}, not ${status}, ${SETTLE_MS / 1000}s after its certificate ` +
            'was recorded: are the outbox relays, the event handlers and the workers running? See .local/logs/.',
        );
      await sleep(300);
    }
    progress(++done, expected.size);
  }
  return { recorded: expected.size };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

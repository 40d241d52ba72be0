import type { ProductApplicationKind } from '@ocop/contracts';
import { RegistrationErrors } from '../registration.errors';
import type { ProductCertificateEntity } from '../product-cycle/product-certificate.entity';

export const MAX_STARS = 5;

/** A YYYY-MM-DD date moved by whole months; a day past the target month's end becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** First day a valid certificate may be re-evaluated without a notice: `windowMonths` before its last valid day. */
export function reEvaluationOpensOn(validUntil: string, windowMonths: number): string {
  return addMonths(validUntil, -windowMonths);
}

export type CertificateFacts = Pick<
  ProductCertificateEntity,
  'number' | 'stars' | 'validUntil' | 'status' | 'noticeKind'
>;

export interface Refusal {
  code: string;
  params: Record<string, string | number>;
}

/**
 * Whether a product holding `certificate` (its latest valid or expired one, or none) may apply, `today` being
 * the date in Vietnam (OCOP.md §5.5). Re-evaluation: an expired certificate, or a valid one within the
 * window or after evaluation's expiry reminder or notice. Upgrade: a valid certificate below 5 stars and a
 * higher target. Null when allowed.
 */
export function refusalFor(
  kind: ProductApplicationKind,
  targetStars: number | null,
  certificate: CertificateFacts | null,
  today: string,
  windowMonths: number,
  productId: string,
): Refusal | null {
  if (!certificate || (certificate.status !== 'valid' && certificate.status !== 'expired')) {
    return { code: RegistrationErrors.PRODUCT_NOT_CERTIFIED, params: { productId } };
  }
  if (kind === 're_evaluation') {
    if (certificate.status === 'expired' || certificate.noticeKind !== null) return null;
    const opensOn = reEvaluationOpensOn(certificate.validUntil, windowMonths);
    if (today >= opensOn) return null;
    return {
      code: RegistrationErrors.RE_EVALUATION_WINDOW_NOT_OPEN,
      params: { number: certificate.number, validUntil: certificate.validUntil, opensOn },
    };
  }
  if (certificate.status !== 'valid') {
    return { code: RegistrationErrors.UPGRADE_NEEDS_VALID_CERTIFICATE, params: { number: certificate.number } };
  }
  if (certificate.stars >= MAX_STARS) return { code: RegistrationErrors.UPGRADE_ALREADY_FIVE_STARS, params: {} };
  if (targetStars === null || targetStars <= certificate.stars || targetStars > MAX_STARS) {
    return {
      code: RegistrationErrors.UPGRADE_TARGET_INVALID,
      params: { targetStars: targetStars ?? 'none', currentStars: certificate.stars },
    };
  }
  return null;
}

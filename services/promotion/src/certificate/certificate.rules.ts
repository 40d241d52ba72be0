/**
 * Only certified products are promoted (OCOP.md §6): a product takes part in an event, a sales point or a
 * listing on the strength of a certificate that is in force, with enough stars, over the dates concerned.
 * Pure rules over promotion's read model of evaluation's certificates.
 */
export const CERTIFICATE_RECORD_STATUSES = ['valid', 'superseded', 'revoked', 'expired'] as const;
export type CertificateRecordStatus = (typeof CERTIFICATE_RECORD_STATUSES)[number];

/** The least stars a certificate has (only 3★ and above are certified, OCOP.md §5.5). */
export const CERTIFIED_MIN_STARS = 3;

export interface CertificateFacts {
  id: string;
  number: string;
  stars: number;
  issuedOn: string;
  validUntil: string;
  status: CertificateRecordStatus;
}

export type EligibilityRefusal =
  | { code: 'PROMOTION_PRODUCT_NOT_CERTIFIED' }
  | { code: 'PROMOTION_CERTIFICATE_NOT_IN_FORCE'; number: string; status: CertificateRecordStatus }
  | { code: 'PROMOTION_STARS_BELOW_MINIMUM'; stars: number; minStars: number }
  | {
      code: 'PROMOTION_CERTIFICATE_NOT_VALID_ON_DATES';
      number: string;
      issuedOn: string;
      validUntil: string;
      from: string;
      to: string;
    };

export type Eligibility<C extends CertificateFacts> =
  { ok: true; certificate: C } | { ok: false; refusal: EligibilityRefusal };

/**
 * The stored status as of `today`: a certificate past its last valid day is expired even before
 * evaluation's `certificate.expired` event arrives.
 */
export function effectiveStatus(certificate: CertificateFacts, today: string): CertificateRecordStatus {
  return certificate.status === 'valid' && certificate.validUntil < today ? 'expired' : certificate.status;
}

/** The certificate is in force on every day from `from` to `to` (inclusive). */
export function coversDates(certificate: CertificateFacts, from: string, to: string): boolean {
  return certificate.status === 'valid' && certificate.issuedOn <= from && certificate.validUntil >= to;
}

/**
 * Which of a product's certificates lets it take part from `from` to `to` with at least `minStars`: the
 * one with most stars (then the longest validity) among those in force over the whole period. Otherwise
 * why not, in this order: never certified; no certificate in force (the latest one's status); too few
 * stars; in force, but not over those dates.
 */
export function certificateFor<C extends CertificateFacts>(
  certificates: readonly C[],
  window: { from: string; to: string; today: string },
  minStars: number = CERTIFIED_MIN_STARS,
): Eligibility<C> {
  if (certificates.length === 0) return { ok: false, refusal: { code: 'PROMOTION_PRODUCT_NOT_CERTIFIED' } };
  const inForce = certificates.filter((certificate) => effectiveStatus(certificate, window.today) === 'valid');
  if (inForce.length === 0) {
    const latest = [...certificates].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0]!;
    return {
      ok: false,
      refusal: {
        code: 'PROMOTION_CERTIFICATE_NOT_IN_FORCE',
        number: latest.number,
        status: effectiveStatus(latest, window.today),
      },
    };
  }
  const enough = inForce.filter((certificate) => certificate.stars >= minStars);
  if (enough.length === 0)
    return {
      ok: false,
      refusal: {
        code: 'PROMOTION_STARS_BELOW_MINIMUM',
        stars: Math.max(...inForce.map((certificate) => certificate.stars)),
        minStars,
      },
    };
  const best = (candidates: C[]) =>
    [...candidates].sort((a, b) => b.stars - a.stars || b.validUntil.localeCompare(a.validUntil))[0]!;
  const covering = enough.filter((certificate) => coversDates(certificate, window.from, window.to));
  if (covering.length > 0) return { ok: true, certificate: best(covering) };
  const closest = best(enough);
  return {
    ok: false,
    refusal: {
      code: 'PROMOTION_CERTIFICATE_NOT_VALID_ON_DATES',
      number: closest.number,
      issuedOn: closest.issuedOn,
      validUntil: closest.validUntil,
      from: window.from,
      to: window.to,
    },
  };
}

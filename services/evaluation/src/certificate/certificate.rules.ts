import { addDays, type CertificateIssuedV1 } from '@ocop/contracts';
import type { CertificateEntity, CertificateStoredStatus } from './certificate.entity';

/** What a reader sees: the stored status, with "expiring" for a valid one inside the notice period. */
export type CertificateStatus = CertificateStoredStatus | 'expiring';

export function certificateStatus(
  stored: CertificateStoredStatus,
  validUntil: string,
  today: string,
  noticeDays: number,
): CertificateStatus {
  if (stored !== 'valid') return stored;
  // validUntil is the last valid day; past it the expiry timer will end it (shown as expired already).
  if (today > validUntil) return 'expired';
  return addDays(today, noticeDays) >= validUntil ? 'expiring' : 'valid';
}

/** `OCOP-<issuing unit>-<year>-<sequence>`: readable, URL-safe (the QR opens it), unique nationally. */
export function certificateNumber(issuingUnitCode: string, year: number, sequence: number): string {
  return `OCOP-${issuingUnitCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

/** What `certificate.issued` says of a certificate, whichever way it was issued. */
export function certificateIssuedData(certificate: CertificateEntity): CertificateIssuedV1 {
  return {
    certificateId: certificate.id,
    number: certificate.number,
    productId: certificate.productId,
    producerId: certificate.producerId,
    productName: certificate.productName,
    producerName: certificate.producerName,
    group: certificate.group,
    stars: certificate.stars,
    level: certificate.level,
    kind: certificate.kind,
    issuingUnitCode: certificate.issuingUnitCode,
    provinceCode: certificate.provinceCode,
    communeCode: certificate.communeCode,
    decisionId: certificate.decisionId,
    issuedOn: certificate.issuedOn,
    validUntil: certificate.validUntil,
    supersedes: certificate.supersedes,
    source: certificate.source,
  };
}

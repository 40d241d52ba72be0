import { addDays } from '@ocop/contracts';
import type { CertificateStoredStatus } from './certificate.entity';

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

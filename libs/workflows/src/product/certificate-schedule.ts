import type { ProductCertificateState } from '@ocop/contracts';

const DAY_MS = 86_400_000;
/** Vietnam has no daylight saving: midnight there is 17:00 UTC the day before. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export interface CertificateSchedule {
  reminder: number;
  notice: number;
  /** The start (00:00 Asia/Ho_Chi_Minh) of the day after the last valid day. */
  expiry: number;
}

/** When each step of a certificate's end falls due (epoch ms). Pure: safe in workflow code. */
export function certificateSchedule(certificate: ProductCertificateState): CertificateSchedule {
  const expiry = Date.parse(`${certificate.validUntil}T00:00:00Z`) + DAY_MS - VIETNAM_OFFSET_MS;
  return {
    reminder: expiry - certificate.reminderDays * DAY_MS,
    notice: expiry - certificate.noticeDays * DAY_MS,
    expiry,
  };
}

export type CertificateStep = 'reminder' | 'notice' | 'expiry';

/**
 * The next step still to take, in order, given what the state records as done. A step whose time passed
 * while a later one is also due collapses into the later one (no reminder after the notice's time).
 */
export function nextDue(
  schedule: CertificateSchedule,
  now: number,
  done: Pick<ProductCertificateState, 'remindedAt' | 'noticedAt' | 'expiredAt'> = {},
): { step: CertificateStep; at: number } | undefined {
  if (done.expiredAt) return undefined;
  if (now >= schedule.expiry) return { step: 'expiry', at: schedule.expiry };
  if (!done.noticedAt && now >= schedule.notice) return { step: 'notice', at: schedule.notice };
  if (!done.remindedAt && !done.noticedAt && schedule.reminder < schedule.notice)
    return { step: 'reminder', at: schedule.reminder };
  if (!done.noticedAt) return { step: 'notice', at: schedule.notice };
  return { step: 'expiry', at: schedule.expiry };
}

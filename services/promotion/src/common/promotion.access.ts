import type { Role } from '@ocop/contracts';
import { AppException, type AuthUser, type JurisdictionService } from '@ocop/nest-common';
import { PromotionErrors } from './promotion.errors';

/** Manage events, sales points, listings and support programmes (and record deliveries). */
export const MANAGERS = [
  'promotion_officer',
  'province_officer',
  'ministry_officer',
] as const satisfies readonly Role[];
/** Approve, reject and pay rewards; approve and reject support. */
export const APPROVERS = ['province_officer', 'ministry_officer'] as const satisfies readonly Role[];
/** Read everything within their unit. */
export const READERS = [...MANAGERS, 'auditor'] as const satisfies readonly Role[];
/** Routes a producer may also read: only their own records. */
export const READERS_AND_PRODUCERS = [...READERS, 'producer'] as const satisfies readonly Role[];

const STAFF: readonly Role[] = [...READERS, 'admin'];

/** A producer's user without any officer role: sees and acts on its own producer's records only. */
export function actsAsProducer(user: AuthUser): boolean {
  return user.roles.includes('producer') && !user.roles.some((role) => STAFF.includes(role));
}

/** Staff: the record's province in their jurisdiction; a producer: its own record. */
export async function assertMayRead(
  jurisdiction: JurisdictionService,
  user: AuthUser,
  record: { provinceCode: string; producerId?: string | null },
): Promise<void> {
  if (actsAsProducer(user)) {
    if (!user.producerId || record.producerId !== user.producerId)
      throw new AppException(PromotionErrors.PROMOTION_NOT_YOUR_PRODUCT);
    return;
  }
  await jurisdiction.assertWithin(user, record.provinceCode);
}

/**
 * The province a list is scoped to: the one asked for (checked against the user's jurisdiction), else the
 * user's own; none for the ministry (the whole country).
 */
export async function listProvince(
  jurisdiction: JurisdictionService,
  user: AuthUser,
  requested: string | undefined,
): Promise<string | undefined> {
  return (await jurisdiction.listScope(user, requested)).provinceCode;
}

/** The actor recorded for changes an event handler makes. */
export const SYSTEM_ACTOR = 'system:promotion';

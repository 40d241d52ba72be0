import { ROLES, type Role } from '@ocop/contracts';

/** The authenticated caller, from the token's claims. */
export interface AuthUser {
  /** Subject: the user's id at the identity provider. */
  id: string;
  name?: string;
  roles: Role[];
  /** Code of the administrative unit the user acts for; `VN` for the ministry. */
  unitCode: string;
  /** For the `producer` role: the producer whose records the user may touch. */
  producerId?: string;
}

/** Claims of an OCOP token besides the registered ones (sub, iss, aud, exp). */
export interface OcopClaims {
  name?: string;
  roles: string[];
  unit: string;
  producer_id?: string;
}

export function toAuthUser(payload: Record<string, unknown>): AuthUser | null {
  const roles = payload['roles'];
  const unit = payload['unit'];
  if (typeof payload['sub'] !== 'string' || typeof unit !== 'string' || !Array.isArray(roles)) return null;
  if (!roles.every((role): role is Role => (ROLES as readonly unknown[]).includes(role))) return null;
  const user: AuthUser = { id: payload['sub'], roles, unitCode: unit };
  if (typeof payload['name'] === 'string') user.name = payload['name'];
  if (typeof payload['producer_id'] === 'string') user.producerId = payload['producer_id'];
  return user;
}

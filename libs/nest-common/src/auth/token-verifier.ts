import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { BaseServiceConfig } from '../config/base-service.config';
import { toAuthUser, type AuthUser } from './auth-user';

/** Tokens kept verified at most; the oldest is dropped first. */
const CACHE_ENTRIES = 10_000;
/** How long a verified token is reused without checking its signature again (never past its `exp`). */
const CACHE_MS = 5 * 60_000;

/**
 * Verifies bearer tokens: HS256 with JWT_SECRET locally, or the keys of JWT_JWKS_URL (OIDC) in production.
 * A token verified once is reused until its expiry (at most CACHE_MS): staff send the same token with every
 * request, and verifying it again is a noticeable share of a list request's time. Failures are not kept.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, { user: AuthUser; until: number }>();

  constructor(@Inject(BaseServiceConfig) private readonly config: BaseServiceConfig) {
    if (config.JWT_JWKS_URL) {
      this.key = createRemoteJWKSet(new URL(config.JWT_JWKS_URL));
      this.algorithms = ['RS256', 'ES256', 'PS256'];
    } else {
      this.key = new TextEncoder().encode(config.JWT_SECRET);
      this.algorithms = ['HS256'];
    }
  }

  /** The user, or null when the token is not valid. */
  async verify(token: string): Promise<AuthUser | null> {
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached && now < cached.until) return cached.user;
    if (cached) this.verified.delete(token);
    try {
      const options = {
        algorithms: this.algorithms,
        ...(this.config.JWT_ISSUER ? { issuer: this.config.JWT_ISSUER } : {}),
        ...(this.config.JWT_AUDIENCE ? { audience: this.config.JWT_AUDIENCE } : {}),
      };
      const { payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      const user = toAuthUser(payload);
      if (user && payload.exp !== undefined) {
        if (this.verified.size >= CACHE_ENTRIES) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(token, { user, until: Math.min(payload.exp * 1000, now + CACHE_MS) });
      }
      return user;
    } catch {
      return null;
    }
  }
}

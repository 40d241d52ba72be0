import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { BaseServiceConfig } from '../config/base-service.config';
import { toAuthUser, type AuthUser } from './auth-user';

/** Verifies bearer tokens: HS256 with JWT_SECRET locally, or the keys of JWT_JWKS_URL (OIDC) in production. */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

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
      return toAuthUser(payload);
    } catch {
      return null;
    }
  }
}

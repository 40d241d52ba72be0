import { SignJWT } from 'jose';
import { BaseServiceConfig } from '../config/base-service.config';
import { mintLocalToken } from './mint-token';
import { TokenVerifier } from './token-verifier';

const secret = 's'.repeat(48);

function verifier(overrides: Partial<BaseServiceConfig> = {}): TokenVerifier {
  const config = Object.assign(new BaseServiceConfig(), { JWT_SECRET: secret, ...overrides });
  return new TokenVerifier(config);
}

describe('TokenVerifier', () => {
  it('accepts a locally minted token and reads roles and unit', async () => {
    const token = await mintLocalToken({ secret, subject: 'u1', roles: ['province_officer'], unitCode: '24', name: 'Trần Thị B' });
    await expect(verifier().verify(token)).resolves.toEqual({ id: 'u1', roles: ['province_officer'], unitCode: '24', name: 'Trần Thị B' });
  });

  it('refuses a token signed with another secret, an expired one, and one with an unknown role', async () => {
    const other = await mintLocalToken({ secret: 'o'.repeat(48), subject: 'u1', roles: ['auditor'], unitCode: 'VN' });
    const expired = await mintLocalToken({ secret, subject: 'u1', roles: ['auditor'], unitCode: 'VN', expiresIn: '-1m' });
    const unknownRole = await new SignJWT({ roles: ['king'], unit: 'VN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    for (const token of [other, expired, unknownRole, 'not-a-jwt']) {
      await expect(verifier().verify(token)).resolves.toBeNull();
    }
  });

  it('checks issuer and audience when configured', async () => {
    const token = await mintLocalToken({ secret, subject: 'u1', roles: ['auditor'], unitCode: 'VN', issuer: 'ocop', audience: 'api' });
    await expect(verifier({ JWT_ISSUER: 'ocop', JWT_AUDIENCE: 'api' }).verify(token)).resolves.not.toBeNull();
    await expect(verifier({ JWT_ISSUER: 'someone-else' }).verify(token)).resolves.toBeNull();
  });
});

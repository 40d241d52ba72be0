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
    const token = await mintLocalToken({
      secret,
      subject: 'u1',
      roles: ['province_officer'],
      unitCode: '24',
      name: 'Trần Thị B',
    });
    await expect(verifier().verify(token)).resolves.toEqual({
      id: 'u1',
      roles: ['province_officer'],
      unitCode: '24',
      name: 'Trần Thị B',
    });
  });

  it('refuses a token signed with another secret, an expired one, and one with an unknown role', async () => {
    const other = await mintLocalToken({ secret: 'o'.repeat(48), subject: 'u1', roles: ['auditor'], unitCode: 'VN' });
    const expired = await mintLocalToken({
      secret,
      subject: 'u1',
      roles: ['auditor'],
      unitCode: 'VN',
      expiresIn: '-1m',
    });
    const unknownRole = await new SignJWT({ roles: ['king'], unit: 'VN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    for (const token of [other, expired, unknownRole, 'not-a-jwt']) {
      await expect(verifier().verify(token)).resolves.toBeNull();
    }
  });

  it('reuses a verified token until its expiry, not after', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const token = await mintLocalToken({
        secret,
        subject: 'u2',
        roles: ['auditor'],
        unitCode: 'VN',
        expiresIn: '90s',
      });
      const once = verifier();
      const user = await once.verify(token);
      expect(user).toEqual(expect.objectContaining({ id: 'u2' }));
      jest.setSystemTime(new Date('2026-12-07T08:01:00Z'));
      await expect(once.verify(token)).resolves.toBe(user);
      jest.setSystemTime(new Date('2026-12-07T08:01:31Z'));
      await expect(once.verify(token)).resolves.toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('checks issuer and audience when configured', async () => {
    const token = await mintLocalToken({
      secret,
      subject: 'u1',
      roles: ['auditor'],
      unitCode: 'VN',
      issuer: 'ocop',
      audience: 'api',
    });
    await expect(verifier({ JWT_ISSUER: 'ocop', JWT_AUDIENCE: 'api' }).verify(token)).resolves.not.toBeNull();
    await expect(verifier({ JWT_ISSUER: 'someone-else' }).verify(token)).resolves.toBeNull();
  });
});

describe('TokenVerifier with an OIDC provider (JWKS)', () => {
  it('verifies RS256 tokens with the provider’s published keys and refuses others', async () => {
    const { createServer } = await import('node:http');
    const { exportJWK, generateKeyPair } = await import('jose');
    const provider = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(provider.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const sign = (key: Parameters<SignJWT['sign']>[0]) =>
        new SignJWT({ roles: ['ministry_officer'], unit: 'VN' })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject('oidc-user')
          .setIssuer('https://id.example.gov.vn')
          .setExpirationTime('5m')
          .sign(key);
      const jwks = verifier({
        JWT_SECRET: undefined,
        JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
        JWT_ISSUER: 'https://id.example.gov.vn',
      });
      await expect(jwks.verify(await sign(provider.privateKey))).resolves.toEqual({
        id: 'oidc-user',
        roles: ['ministry_officer'],
        unitCode: 'VN',
      });
      await expect(jwks.verify(await sign(stranger.privateKey))).resolves.toBeNull();
      // A locally minted HS256 token is not accepted when the platform trusts the provider.
      await expect(
        jwks.verify(await mintLocalToken({ secret, subject: 'u', roles: ['admin'], unitCode: 'VN' })),
      ).resolves.toBeNull();
    } finally {
      server.close();
    }
  });
});

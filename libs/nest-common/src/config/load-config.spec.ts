import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseServiceConfig } from './base-service.config';
import { ConfigValidationError, loadConfig } from './load-config';

class TestConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3999;
}

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('applies defaults and converts numbers from strings', () => {
    const config = loadConfig(TestConfig, { JWT_SECRET: secret, HTTP_PORT: '4100', DATABASE_POOL_SIZE: '7' });
    expect(config.HTTP_PORT).toBe(4100);
    expect(config.DATABASE_POOL_SIZE).toBe(7);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('names every bad variable, and hides secrets and passwords', () => {
    let error: unknown;
    try {
      loadConfig(TestConfig, {
        HTTP_PORT: '70000',
        DATABASE_URL: 'mysql://u:hunter2@h/db',
        NATS_URL: 'http://x',
        TEMPORAL_ADDRESS: 'nohost',
        JWT_SECRET: 'short',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const name of ['HTTP_PORT', 'DATABASE_URL', 'NATS_URL', 'TEMPORAL_ADDRESS', 'JWT_SECRET', 'LOG_LEVEL']) {
      expect(problems).toContain(name);
    }
    expect(problems).not.toContain('hunter2');
    expect(problems).not.toContain('short');
  });

  it('requires a JWT secret unless a JWKS URL is configured', () => {
    expect(() => loadConfig(TestConfig, {})).toThrow(/JWT_SECRET/);
    expect(loadConfig(TestConfig, { JWT_JWKS_URL: 'https://id.example.gov.vn/jwks.json' }).JWT_SECRET).toBeUndefined();
  });

  it('reads NAME_FILE for declared variables only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'secret'), `${secret}\n`);
    const config = loadConfig(TestConfig, {
      JWT_SECRET_FILE: join(dir, 'secret'),
      UNRELATED_FILE: join(dir, 'does-not-exist'),
    });
    expect(config.JWT_SECRET).toBe(secret);
  });
});

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { connect } from 'nats';
import { Client } from 'pg';
import { BASE_DATABASE_URL, freePort, OCOP_HOME, REPO_ROOT, TEMPORAL_ADDRESS } from '@ocop/testing';

jest.setTimeout(240_000);

const run = promisify(execFile);

/** Runs `infra/stack.sh <command>` with the given environment; never the machine's shared servers' lifecycle. */
async function stack(command: 'up' | 'down' | 'status', env: Record<string, string>): Promise<string> {
  const { stdout, stderr } = await run('bash', [join(REPO_ROOT, 'infra', 'stack.sh'), command], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', ...env },
    timeout: 180_000,
  });
  return `${stdout}\n${stderr}`;
}

/** A private OCOP_HOME that shares the installed tools (no second PyPI install). */
function privateHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'ocop-infra-'));
  // A private PostgreSQL runs as the unprivileged `postgres` user, which must reach its data directory.
  chmodSync(home, 0o755);
  symlinkSync(join(OCOP_HOME, 'venv'), join(home, 'venv'));
  return home;
}

async function answers(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

const postgresAnswers = (url: string) =>
  answers(async () => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
  });
const natsAnswers = (url: string) =>
  answers(async () => {
    const nc = await connect({ servers: url, timeout: 2_000, reconnect: false });
    await (await nc.jetstreamManager()).getAccountInfo();
    await nc.close();
  });
const temporalAnswers = (address: string) =>
  answers(async () => {
    const connection = await Connection.connect({ address, connectTimeout: 2_000 });
    await connection.workflowService.getSystemInfo({});
    await connection.close();
  });

describe('infra/stack.sh', () => {
  describe('when nothing answers at the configured addresses, it starts its own', () => {
    let env: Record<string, string>;

    beforeAll(async () => {
      const [pg, nats, monitor, temporal, ui] = await Promise.all([
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
      ]);
      env = {
        OCOP_HOME: privateHome(),
        DATABASE_URL: `postgres://postgres@127.0.0.1:${pg}/ocop`,
        NATS_URL: `nats://127.0.0.1:${nats}`,
        NATS_MONITOR_PORT: String(monitor),
        TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
        TEMPORAL_UI_PORT: String(ui),
      };
    });

    afterAll(async () => {
      await stack('down', env).catch(() => undefined);
      rmSync(env['OCOP_HOME']!, { recursive: true, force: true });
    });

    it('starts PostgreSQL, NATS with JetStream and Temporal, is idempotent, and stops them', async () => {
      await stack('up', env);
      const status = await stack('status', env);
      expect(status).toMatch(/postgres: own/);
      expect(status).toMatch(/nats: own/);
      expect(status).toMatch(/temporal: own/);
      expect(await postgresAnswers(env['DATABASE_URL']!)).toBe(true);
      expect(await natsAnswers(env['NATS_URL']!)).toBe(true);
      expect(await temporalAnswers(env['TEMPORAL_ADDRESS']!)).toBe(true);

      const again = await stack('up', env);
      expect(again).toMatch(/already running/);

      await stack('down', env);
      expect(await postgresAnswers(env['DATABASE_URL']!)).toBe(false);
      expect(await natsAnswers(env['NATS_URL']!)).toBe(false);
      expect(await temporalAnswers(env['TEMPORAL_ADDRESS']!)).toBe(false);
    });
  });

  describe('when servers answer at the configured addresses, it reuses them and never stops them', () => {
    const env = {
      OCOP_HOME: '',
      DATABASE_URL: BASE_DATABASE_URL,
      NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      TEMPORAL_ADDRESS,
    };

    beforeAll(() => {
      env.OCOP_HOME = privateHome();
    });

    afterAll(async () => {
      // Stops only what this private home started (nothing, when the test passes).
      await stack('down', env).catch(() => undefined);
      rmSync(env.OCOP_HOME, { recursive: true, force: true });
    });

    it('reuses all three', async () => {
      // Precondition: scripts/test.sh brought the stack up before jest.
      expect(await postgresAnswers(env.DATABASE_URL)).toBe(true);
      expect(await natsAnswers(env.NATS_URL)).toBe(true);
      expect(await temporalAnswers(env.TEMPORAL_ADDRESS)).toBe(true);
      await stack('up', env);
      const status = await stack('status', env);
      expect(status).toMatch(/postgres: reused/);
      expect(status).toMatch(/nats: reused/);
      expect(status).toMatch(/temporal: reused/);
      await stack('down', env);
      expect(await postgresAnswers(env.DATABASE_URL)).toBe(true);
      expect(await natsAnswers(env.NATS_URL)).toBe(true);
      expect(await temporalAnswers(env.TEMPORAL_ADDRESS)).toBe(true);
    });
  });
});

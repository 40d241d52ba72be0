import { execFile, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './tools';

const run = promisify(execFile);

/**
 * The directory of PostgreSQL's server binaries (initdb, pg_ctl, postgres), found the way
 * infra/postgres.sh finds them: `PG_BINDIR`, then `pg_config --bindir`, then the highest Debian
 * `/usr/lib/postgresql/<version>/bin`, then `initdb` on PATH.
 */
export function postgresBinDir(): string {
  const usable = (dir: string | undefined): dir is string =>
    !!dir && ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name)));
  const candidates: (string | undefined)[] = [process.env['PG_BINDIR']];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on PATH
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  try {
    candidates.push(join(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim(), '..'));
  } catch {
    // no initdb on PATH
  }
  const found = candidates.find(usable);
  if (!found)
    throw new Error('PostgreSQL server binaries not found: set PG_BINDIR or run `bash infra/postgres.sh start`');
  return found;
}

/** How `pg_ctl stop` ends the server: `fast` rolls back open transactions, `immediate` is a crash. */
export type PostgresStopMode = 'smart' | 'fast' | 'immediate';

/**
 * A private PostgreSQL cluster (initdb in a temporary directory, trust auth, a free loopback port) for
 * suites that stop, crash or restart the database. Never the machine's shared server. As root, initdb and
 * pg_ctl run as the `postgres` system user (they refuse root), as infra/postgres.sh does.
 */
export class TestPostgresServer {
  private running = false;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly binDir: string,
    private readonly osUser: { name: string; uid: number; gid: number } | undefined,
  ) {}

  static async start(): Promise<TestPostgresServer> {
    const binDir = postgresBinDir();
    const dir = mkdtempSync(join(tmpdir(), 'ocop-pg-'));
    const osUser = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
    const server = new TestPostgresServer(await freePort(), dir, binDir, osUser);
    try {
      await server.init();
      await server.resume();
    } catch (error) {
      await server.destroy();
      throw error;
    }
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  get logFile(): string {
    return join(this.dir, 'postgres.log');
  }

  /** The server's URL for a database (`postgres` by default). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** Starts the server (again) on the same port and data directory; waits until it accepts connections. */
  async resume(): Promise<void> {
    if (this.running) return;
    await this.pgCtl(['start', '-w', '-t', '60', '-l', this.logFile]);
    this.running = true;
  }

  /**
   * Stops the server with `pg_ctl stop -m <mode>` and waits until it is down. `immediate` kills every backend
   * at once (no checkpoint; the next start runs crash recovery), like a crash of the server.
   */
  async halt(mode: PostgresStopMode = 'fast'): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.pgCtl(['stop', '-m', mode, '-w', '-t', '60']);
  }

  /** Stops the server if it runs and removes its directory. */
  async destroy(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await this.pgCtl(['stop', '-m', 'immediate', '-w', '-t', '30']).catch(() => undefined);
    }
    this.running = false;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The last lines of the server's log (for failure messages). */
  logTail(lines = 20): string {
    if (!existsSync(this.logFile)) return '';
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  private async init(): Promise<void> {
    mkdirSync(join(this.dir, 'run'));
    writeFileSync(this.logFile, '');
    if (this.osUser) {
      for (const path of [this.dir, join(this.dir, 'run'), this.logFile])
        chownSync(path, this.osUser.uid, this.osUser.gid);
    }
    const args = ['-D', this.dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8'];
    try {
      await this.as('initdb', [...args, '--locale=C.UTF-8']);
    } catch {
      rmSync(this.dataDir, { recursive: true, force: true });
      await this.as('initdb', [...args, '--no-locale']);
    }
    const conf = [
      '# written by libs/testing TestPostgresServer',
      `listen_addresses = '127.0.0.1'`,
      `port = ${this.port}`,
      `unix_socket_directories = '${join(this.dir, 'run')}'`,
      'max_connections = 50',
      'shared_buffers = 32MB',
      '',
    ].join('\n');
    appendFileSync(join(this.dataDir, 'postgresql.conf'), `\n${conf}`);
  }

  private pgCtl(args: string[]): Promise<void> {
    return this.as('pg_ctl', ['-D', this.dataDir, '-s', ...args]).catch((error: unknown) => {
      throw new Error(`pg_ctl ${args[0]} failed: ${String(error)}\n${this.logTail()}`);
    });
  }

  /** Runs one of the server binaries, as the `postgres` user when this process is root. Never blocks the event loop. */
  private async as(binary: string, args: string[]): Promise<void> {
    const path = join(this.binDir, binary);
    const [command, commandArgs] = this.osUser
      ? ['runuser', ['-u', this.osUser.name, '--', path, ...args]]
      : [path, args];
    await run(command, commandArgs, { timeout: 120_000, env: { PATH: process.env['PATH'] ?? '', LANG: 'C.UTF-8' } });
  }
}

function systemUser(name: string): { name: string; uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { name, uid, gid };
  } catch {
    throw new Error(`running as root needs a '${name}' system user to run PostgreSQL (initdb refuses root)`);
  }
}

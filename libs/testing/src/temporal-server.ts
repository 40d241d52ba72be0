import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '@ocop/nest-common';
import { eventually, freePort, toolBinary } from './tools';

/**
 * A private `temporal server start-dev` on a free loopback port with its state in a SQLite file of its own
 * (as infra/temporal.sh runs the local one), for suites that stop and restart Temporal. The `default`
 * namespace has the platform's search attributes. Never the machine's shared server.
 */
export class TestTemporalServer {
  private process?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<TestTemporalServer> {
    const server = new TestTemporalServer(await freePort(), mkdtempSync(join(tmpdir(), 'ocop-temporal-')));
    try {
      await server.resume();
      await server.withClient(async (client) => {
        // A fresh namespace answers describe before its search attributes can be listed; retry briefly.
        await eventually(() => ensureSearchAttributes(client, server.namespace), {
          timeoutMs: 30_000,
          intervalMs: 200,
          description: 'search attributes registered',
        });
      });
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  readonly namespace = 'default';

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The SQLite file holding every workflow, timer and task queue: kept across `halt`/`resume`. */
  get dbFile(): string {
    return join(this.dir, 'temporal.db');
  }

  get logFile(): string {
    return join(this.dir, 'temporal.log');
  }

  get isRunning(): boolean {
    return this.process !== undefined;
  }

  /** Starts the server (again) on the same port and state file; resolves once the namespace answers. */
  async resume(): Promise<void> {
    if (this.process) return;
    const log = openSync(this.logFile, 'a');
    const child = spawn(
      toolBinary('temporal', 'TEMPORAL_BIN'),
      [
        'server',
        'start-dev',
        '--headless',
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--db-filename',
        this.dbFile,
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', log, log], env: { PATH: process.env['PATH'] ?? '', HOME: this.dir } },
    );
    closeSync(log);
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    try {
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`temporal exited with ${child.exitCode}: ${this.logTail()}`);
          await this.withClient((client) =>
            client.connection.workflowService.describeNamespace({ namespace: this.namespace }),
          );
        },
        { timeoutMs: 120_000, intervalMs: 250, description: `Temporal dev server on ${this.address}` },
      );
    } catch (error) {
      await this.halt('SIGKILL');
      throw error;
    }
  }

  /**
   * Stops the server: SIGTERM is a clean shutdown, SIGKILL a crash. The state file stays, so `resume`
   * brings back every workflow and timer.
   */
  async halt(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = undefined;
    const exited = this.exited;
    if (child.exitCode === null) {
      child.kill(signal);
      const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(force);
    }
  }

  /** Stops the server and removes its state. */
  async stop(): Promise<void> {
    await this.halt('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A client of the server's namespace for the length of `use`. */
  async withClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address: this.address, connectTimeout: 2_000 });
    try {
      return await use(new Client({ connection, namespace: this.namespace }));
    } finally {
      await connection.close();
    }
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

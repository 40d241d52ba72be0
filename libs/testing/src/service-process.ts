import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, OCOP_HOME, REPO_ROOT } from './tools';

export type ServiceKind = 'main' | 'worker' | 'migrate';

/** A built service entry point (dist/main.js, worker.js or migrate.js) running as its own process. */
export class ServiceProcess {
  private exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static spawn(service: string, kind: ServiceKind, env: Record<string, string>): ServiceProcess {
    const logDir = join(OCOP_HOME, 'logs', 'tests');
    mkdirSync(logDir, { recursive: true });
    const name = `${service}-${kind}`;
    const logFile = join(logDir, `${name}-${process.pid}-${Date.now()}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(REPO_ROOT, 'services', service, 'dist', `${kind}.js`)],
      {
        env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', LOG_LEVEL: 'info', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return new ServiceProcess(name, child, logFile);
  }

  /** Resolves with the exit code (for one-shot commands such as migrate). */
  wait(): Promise<number | null> {
    return this.exited;
  }

  async waitHealthy(port: number, timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        if (this.child.exitCode !== null)
          throw new Error(`${this.name} exited with ${this.child.exitCode}; see ${this.logFile}`);
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (!response.ok) throw new Error(`${this.name} health ${response.status}: ${await response.text()}`);
      },
      { timeoutMs, intervalMs: 250, description: `${this.name} healthy` },
    );
  }

  /** SIGTERM and wait for a graceful exit; SIGKILL after the grace period. */
  async stop(graceMs = 20_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  kill(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

/**
 * The processes a bench scenario starts on free ports (nats-server, a Temporal dev server, API
 * processes), each logging to a file of the run's work directory and listed in its `pids` file, which
 * scripts/bench.sh reads to stop whatever a driver that died left running. The same behaviour as the
 * helpers in scale-bench.ts, shared here for the scenarios that start more than one process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync } from 'node:fs';
import { connect as connectTcp, createServer } from 'node:net';
import { join } from 'node:path';

export interface Started {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  logFile: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connectTcp(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolveAnswer(true);
    });
    socket.once('error', () => resolveAnswer(false));
  });
}

/** A tool installed by infra/tools.sh (`$OCOP_HOME/venv/bin`), else on PATH, else the override. */
export function toolBinary(name: string, ocopHome: string, override?: string): string {
  if (override) return override;
  const local = join(ocopHome, 'venv', 'bin', name);
  if (existsSync(local)) return local;
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} not found: run \`bash infra/tools.sh install\``);
  }
}

export class Processes {
  private readonly started: Started[] = [];

  constructor(
    private readonly work: string,
    private readonly cwd: string,
  ) {}

  launch(name: string, command: string, args: string[], childEnv: NodeJS.ProcessEnv): Started {
    const logFile = join(this.work, `${name}.log`);
    const logStream = createWriteStream(logFile);
    const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], cwd: this.cwd });
    child.stdout?.pipe(logStream);
    child.stderr?.pipe(logStream);
    const exited = new Promise<number | null>((r) =>
      child.once('exit', (code, signal) => r(code ?? (signal ? -1 : null))),
    );
    // scripts/bench.sh stops what is listed here if the driver dies without cleaning up.
    appendFileSync(join(this.work, 'pids'), `${child.pid} ${name}\n`);
    const entry = { name, child, exited, logFile };
    this.started.push(entry);
    return entry;
  }

  async stop(entry: Started, graceMs = 20_000): Promise<number | null> {
    if (entry.child.exitCode !== null || entry.child.signalCode !== null) return entry.exited;
    entry.child.kill('SIGTERM');
    const timer = setTimeout(() => entry.child.kill('SIGKILL'), graceMs);
    const code = await entry.exited;
    clearTimeout(timer);
    return code;
  }

  /** Stops everything, the last started first (the APIs drain their NATS connection before nats-server). */
  async stopAll(): Promise<Record<string, number | null>> {
    const codes: Record<string, number | null> = {};
    for (const entry of [...this.started].reverse()) codes[entry.name] = await this.stop(entry);
    return codes;
  }
}

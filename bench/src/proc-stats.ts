/**
 * CPU, I/O and memory of processes from /proc (Linux), for the benchmarks that must say which process is the
 * bottleneck: cumulative counters in a snapshot, rates between two snapshots.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** user + system CPU seconds a process used so far (null: gone or not readable). */
export function cpuSeconds(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? (user + system) / CLOCK_TICKS : null;
}

/** A `Vm*` line of /proc/<pid>/status in bytes (VmRSS: resident now, VmHWM: the peak resident size). */
export function statusBytes(pid: number, key: 'VmRSS' | 'VmHWM'): number | null {
  const status = readText(`/proc/${pid}/status`);
  const match = status === null ? null : new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Bytes a process caused to be written to storage so far (/proc/<pid>/io write_bytes). */
export function writeBytes(pid: number): number | null {
  const io = readText(`/proc/${pid}/io`);
  const match = io === null ? null : /^write_bytes:\s+(\d+)/m.exec(io);
  return match ? Number(match[1]) : null;
}

/** The machine's CPU time so far, in clock ticks, from the first line of /proc/stat. */
export function machineTicks(): { total: number; idle: number; iowait: number } {
  const line = (readText('/proc/stat') ?? '').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const total = values.slice(0, 8).reduce((sum, v) => sum + (Number.isFinite(v) ? v : 0), 0);
  return { total, idle: values[3] ?? 0, iowait: values[4] ?? 0 };
}

/** The pid of the process that listens on a local TCP port (null if none is visible, e.g. in a container). */
export function listenerPid(port: number): number | null {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of (readText(table) ?? '').split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      // sl local_address rem_address st ... uid timeout inode; st 0A = LISTEN
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** The command line of a process, NUL separators as spaces ('' if gone). */
export function commandLine(pid: number): string {
  return (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
}

export interface Snapshot {
  at: number;
  cpu: Record<string, number | null>;
  writeBytes: Record<string, number | null>;
  machine: { total: number; idle: number; iowait: number };
}

export interface Usage {
  seconds: number;
  /** CPU of each process in % of one core (200 % = both cores of a 2-core machine). */
  cpuPct: Record<string, number | null>;
  /** Storage writes of each process in MiB/s. */
  writeMiBps: Record<string, number | null>;
  /** The whole machine: busy and waiting for I/O, in % of all its cores. */
  machineBusyPct: number;
  machineIowaitPct: number;
}

/** Counters of a fixed set of named processes (name → pid), taken together. */
export class ProcessSet {
  constructor(private readonly pids: Record<string, number | null>) {}

  snapshot(): Snapshot {
    const cpu: Record<string, number | null> = {};
    const writes: Record<string, number | null> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      cpu[name] = pid === null ? null : cpuSeconds(pid);
      writes[name] = pid === null ? null : writeBytes(pid);
    }
    return { at: Date.now(), cpu, writeBytes: writes, machine: machineTicks() };
  }

  static usage(from: Snapshot, to: Snapshot): Usage {
    const seconds = Math.max((to.at - from.at) / 1000, 1e-3);
    const rate = (a: number | null | undefined, b: number | null | undefined, scale: number): number | null =>
      a == null || b == null ? null : Number((((b - a) / seconds) * scale).toFixed(1));
    const cpuPct: Record<string, number | null> = {};
    const writeMiBps: Record<string, number | null> = {};
    for (const name of Object.keys(to.cpu)) {
      cpuPct[name] = rate(from.cpu[name], to.cpu[name], 100);
      writeMiBps[name] = rate(from.writeBytes[name], to.writeBytes[name], 1 / 1024 ** 2);
    }
    const total = Math.max(to.machine.total - from.machine.total, 1);
    const idle = to.machine.idle - from.machine.idle;
    const iowait = to.machine.iowait - from.machine.iowait;
    return {
      seconds: Number(seconds.toFixed(1)),
      cpuPct,
      writeMiBps,
      machineBusyPct: Number((((total - idle - iowait) / total) * 100).toFixed(1)),
      machineIowaitPct: Number(((iowait / total) * 100).toFixed(1)),
    };
  }
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface PgbenchResult {
  clients: number;
  exit: string | null;
  tps: number | null;
  latencyAverageMs: number | null;
  latencyStddevMs: number | null;
  transactions: number | null;
  failed: number | null;
  rowBytes: number | null;
  output: string;
}

/**
 * The pgbench runs of a bench run (`pgbench-<clients>.log` in its work directory, with their exit code and
 * row size among the run's facts), most clients first.
 */
export function readPgbenchResults(workDir: string, facts: Record<string, string | undefined>): PgbenchResult[] {
  return readdirSync(workDir)
    .map((name) => /^pgbench-(\d+)\.log$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => {
      const clients = Number(match[1]);
      const output = readFileSync(join(workDir, match[0]), 'utf8');
      const grab = (pattern: RegExp): number | null => {
        const found = pattern.exec(output);
        return found ? Number(found[1]) : null;
      };
      const rowBytes = facts[`pgbench-${clients}_row_bytes`];
      return {
        clients,
        exit: facts[`pgbench-${clients}_rc`] ?? null,
        tps: grab(/^tps = ([\d.]+) \(without initial connection time\)/m) ?? grab(/^tps = ([\d.]+)/m),
        latencyAverageMs: grab(/^latency average = ([\d.]+) ms/m),
        latencyStddevMs: grab(/^latency stddev = ([\d.]+) ms/m),
        transactions: grab(/^number of transactions actually processed: (\d+)/m),
        failed: grab(/^number of failed transactions: (\d+)/m),
        rowBytes: rowBytes !== undefined && rowBytes !== '' ? Number(rowBytes) : null,
        output: output.trim(),
      };
    })
    .sort((a, b) => b.clients - a.clients);
}

/** The `key=value` facts the bench script records for a run (facts.txt in its work directory). */
export function readRunFacts(workDir: string): Record<string, string> {
  const facts: Record<string, string> = {};
  const path = join(workDir, 'facts.txt');
  for (const line of (existsSync(path) ? readFileSync(path, 'utf8') : '').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) facts[line.slice(0, at)] = line.slice(at + 1);
  }
  return facts;
}

/** The machine a run measured, from the run's facts and this process. */
export function machineFacts(facts: Record<string, string>, loadAverage: Record<string, string | null>) {
  const cpuList = cpus();
  const nproc = facts['nproc'];
  return {
    nproc: nproc !== undefined && nproc !== '' ? Number(nproc) : cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    kernel: release(),
    node: process.version,
    postgres: facts['postgres_version'] ?? null,
    pgbench: facts['pgbench_version'] ?? null,
    loadAverage,
  };
}

/** The output of bench/dist/workflow-bench.js (`npm run bench -- workflows`), read by workflow-report.ts. */
import type { Usage } from './proc-stats';
import type { MemorySample } from './workflow-ipc';

export interface Latency {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface PoolResult {
  label: string;
  count: number;
  concurrency: number;
  succeeded: number;
  failed: number;
  retries: number;
  errorSamples: string[];
  durationS: number;
  ratePerS: number;
  /** Client-side latency of each call (ms), retries included. */
  latencyMs: Latency;
  /** Calls completed in each second of the phase. */
  perSecond: number[];
  usage: Usage;
  startedAt: string;
}

export interface MemoryPoint extends MemorySample {
  phase: string;
}

export interface PhaseMemory {
  samples: number;
  rssMax: number;
  heapUsedMax: number;
  cachedMax: number;
}

export interface WorkflowBenchResult {
  runId: string;
  settings: {
    address: string;
    /** 'shared': the server at TEMPORAL_ADDRESS; 'private': a dev server the run started (SQLite file). */
    temporalMode: string;
    namespace: string;
    workflows: number;
    rawWorkflows: number;
    rawSerial: number;
    concurrency: number;
    dueWorkflows: number;
    dueDelayS: number;
    parkTimeoutS: number;
    waveTimeoutS: number;
    settleS: number;
    seed: number;
    keep: boolean;
  };
  server: {
    version: string;
    pid: number | null;
    commandLine: string;
    storage: string;
    dbFile: string | null;
    /** SQLite's journal mode, from the database header: 'WAL' or 'rollback journal'. */
    journal: string | null;
    dbBytesBefore: number | null;
    dbBytesAfter: number | null;
    /** Median 4 KiB write + fdatasync next to the server's database (or in the run's directory). */
    fsyncMedianMs: number;
    fsyncDir: string;
  };
  worker: {
    pid: number;
    readyS: number;
    createMs: { platform: number; empty: number };
    maxCachedWorkflows: number;
    maxConcurrentWorkflowTaskExecutions: number;
    maxConcurrentActivityTaskExecutions: number;
    logFile: string;
  };
  raw: PoolResult & {
    completedAfterS: number | null;
    completedSeries: Array<[number, number]>;
    serial: PoolResult | null;
  };
  start: PoolResult;
  signal: {
    ordinary: PoolResult;
    wave: PoolResult;
    durationS: number;
    ratePerS: number;
    /** From the first signal until the visibility count of OcopStars >= 1 reached every workflow. */
    parkedAfterS: number | null;
    /** The same for the ordinary certificates (all but the wave), which are signalled and parked first. */
    ordinaryParkedAfterS: number;
    ordinaryParkedAfterLastSignalS: number;
    waveParkedAfterLastSignalS: number | null;
    parkSeries: Array<[number, number]>;
    /** CPU from the first signal until the ordinary certificates are all parked. */
    parkUsage: Usage;
  };
  wave: {
    size: number;
    dueAt: string;
    validUntil: string;
    expiry: string;
    noticeDays: number;
    parkedBeforeDueS: number | null;
    received: number;
    complete: boolean;
    /** Activity received by the worker − the instant. */
    lagMs: Latency;
    /** Activity scheduled by the server − the instant. */
    scheduledLagMs: Latency;
    /** Received − scheduled. */
    dispatchMs: Latency;
    /** From the instant until the last notice arrived. */
    totalS: number | null;
    perSecond: number[];
    historySample: {
      workflows: number;
      timerFiredAfterDueMs: Latency;
      workflowTaskQueuedMs: Latency;
      workflowTaskRunMs: Latency;
    };
    usage: Usage;
    callsBeforeWave: number;
    unexpectedCalls: Record<string, number>;
  };
  memory: {
    peakRss: { rss: number; heapUsed: number; phase: string; at: string } | null;
    peakHeapUsed: { heapUsed: number; rss: number; phase: string } | null;
    /** VmHWM of the worker process at the end: the kernel's peak, not a sample. */
    rssPeakKernel: number | null;
    settled: MemoryPoint | null;
    afterGc: MemorySample;
    forcedGc: boolean;
    byPhase: Record<string, PhaseMemory>;
    samples: MemoryPoint[];
  };
  checks: { productWorkflowsRunning: number; withStars: number; notRunning: number };
  cleanup: {
    /** terminated: the product workflows (shared server); server removed: BENCH_TEMPORAL=private; kept: BENCH_KEEP=1. */
    mode: 'terminated' | 'kept' | 'server removed';
    terminate: PoolResult | null;
    /** The namespace's retention: terminated executions are removed by the server after it. */
    retentionDays: number;
  };
  workerFailure: string | null;
  timingsS: Record<string, number>;
  loadAverage: Record<string, string>;
}

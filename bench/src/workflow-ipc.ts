/** Messages between the driver of `npm run bench -- workflows` and its worker process (Node IPC). */

/** One activity call as the worker received it (epoch ms, this machine's clock; the server's is the same). */
export interface ActivityCall {
  activity: 'sendExpiryNotice' | 'expireCertificate';
  certificateId: string;
  kind: string | null;
  workflowId: string;
  /** When the activity function ran in the worker. */
  receivedAt: number;
  /** When the server scheduled the activity (the workflow task that asked for it completed). */
  scheduledAt: number;
  attempt: number;
}

export interface MemorySample {
  at: number;
  rss: number;
  /** Peak resident size of the process so far (VmHWM). */
  rssPeak: number | null;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Workflow executions in the worker's sticky cache. */
  cachedWorkflows: number;
  inFlightActivities: number;
}

export type WorkerMessage =
  | {
      type: 'ready';
      pid: number;
      maxCachedWorkflows: number;
      maxConcurrentWorkflowTaskExecutions: number;
      maxConcurrentActivityTaskExecutions: number;
      createMs: { platform: number; empty: number };
      memory: MemorySample;
    }
  | { type: 'sample'; memory: MemorySample }
  | { type: 'calls'; calls: ActivityCall[] }
  | { type: 'gc-done'; memory: MemorySample; forced: boolean }
  | { type: 'failed'; error: string }
  | { type: 'stopped' };

export type DriverMessage = { type: 'gc' } | { type: 'stop' };

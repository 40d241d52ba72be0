/**
 * A fixed pool of keep-alive HTTP connections working through a list of requests, each with its own
 * method, path, headers and body (autocannon sends one request template per run and reports no p95).
 * Every request's latency is kept, so the percentiles are exact; the summary has the shape of
 * summarizeLoad (load-summary.ts) plus p95.
 */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { round } from './load-summary';

export interface PoolRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PoolResponse {
  status: number;
  body: string;
  ms: number;
}

export interface PoolLatency {
  average: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PoolSummary {
  label: string;
  connections: number;
  target: number;
  durationS: number;
  requests: number;
  requests2xx: number;
  requestsPerSecond: number;
  latencyMs: PoolLatency;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  non2xxSamples: Array<{ status: number; body: string }>;
  errorSamples: string[];
  /** Completed responses in each second of the run. */
  perSecond: number[];
}

export interface PoolSpec {
  label: string;
  baseUrl: string;
  connections: number;
  count: number;
  request: (index: number) => PoolRequest;
  /** Every response (status 0: a socket error or a time-out). */
  onResult?: (index: number, response: PoolResponse) => void;
  /** A progress line every `progressEverySeconds` (10 s). */
  progress?: (done: number, lastRate: number) => Promise<string>;
  progressEverySeconds?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Exact percentile of sorted values (nearest rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function latencyOf(values: Float64Array): PoolLatency {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    average: round(sorted.length > 0 ? sum / sorted.length : 0),
    p50: round(percentile(sorted, 50), 1),
    p90: round(percentile(sorted, 90), 1),
    p95: round(percentile(sorted, 95), 1),
    p99: round(percentile(sorted, 99), 1),
    max: round(sorted.length > 0 ? sorted[sorted.length - 1]! : 0, 1),
  };
}

/** One request on the pool's agent; never rejects (status 0 with the error's message as body). */
export function send(agent: Agent, baseUrl: URL, req: PoolRequest, timeoutMs = 60_000): Promise<PoolResponse> {
  const started = performance.now();
  return new Promise((resolveResponse) => {
    let settled = false;
    const finish = (status: number, body: string): void => {
      if (settled) return;
      settled = true;
      resolveResponse({ status, body, ms: performance.now() - started });
    };
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const outgoing = httpRequest(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: req.method,
        path: req.path,
        headers,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => finish(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
        response.on('error', (error) => finish(0, `response error: ${error.message}`));
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy(new Error(`timeout after ${timeoutMs} ms`));
    });
    outgoing.on('error', (error) => finish(0, error.message));
    outgoing.end(req.body);
  });
}

/** Runs `count` requests over `connections` keep-alive connections; resolves with the summary. */
export async function runPool(spec: PoolSpec): Promise<PoolSummary> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections, maxFreeSockets: spec.connections });
  const baseUrl = new URL(spec.baseUrl);
  const latencies = new Float64Array(spec.count);
  const statusCodes: Record<string, number> = {};
  const non2xxSamples: Array<{ status: number; body: string }> = [];
  const errorSamples: string[] = [];
  const perSecond: number[] = [];
  let next = 0;
  let done = 0;
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let requests2xx = 0;
  let doneAtLastSecond = 0;
  let doneAtLastProgress = 0;
  const every = spec.progressEverySeconds ?? 10;
  const started = performance.now();
  let seconds = 0;
  const ticker = setInterval(() => {
    seconds += 1;
    perSecond.push(done - doneAtLastSecond);
    doneAtLastSecond = done;
    if (spec.progress && spec.log && seconds % every === 0) {
      const rate = (done - doneAtLastProgress) / every;
      doneAtLastProgress = done;
      const log = spec.log;
      void spec.progress(done, rate).then(log, () => undefined);
    }
  }, 1_000);
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next;
      if (index >= spec.count) return;
      next += 1;
      const response = await send(agent, baseUrl, spec.request(index), spec.timeoutMs);
      latencies[index] = response.ms;
      done += 1;
      if (response.status === 0) {
        errors += 1;
        if (/timeout/i.test(response.body)) timeouts += 1;
        if (errorSamples.length < 5) errorSamples.push(response.body.slice(0, 300));
      } else {
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
        if (response.status >= 200 && response.status < 300) requests2xx += 1;
        else {
          non2xx += 1;
          if (non2xxSamples.length < 5)
            non2xxSamples.push({ status: response.status, body: response.body.slice(0, 300) });
        }
      }
      spec.onResult?.(index, response);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(spec.connections, spec.count) }, () => worker()));
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  const durationS = (performance.now() - started) / 1000;
  if (done - doneAtLastSecond > 0) perSecond.push(done - doneAtLastSecond);
  const requests = done - errors;
  return {
    label: spec.label,
    connections: spec.connections,
    target: spec.count,
    durationS: round(durationS),
    requests,
    requests2xx,
    requestsPerSecond: round(requests / durationS, 1),
    latencyMs: latencyOf(latencies.subarray(0, done)),
    non2xx,
    errors,
    timeouts,
    statusCodes,
    non2xxSamples,
    errorSamples,
    perSecond,
  };
}

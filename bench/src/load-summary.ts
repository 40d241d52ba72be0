import type autocannon from 'autocannon';

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export interface Non2xxSample {
  status: number;
  body: string;
}

/** The figures every autocannon load reports: throughput, latency percentiles, status codes, errors. */
export function summarizeLoad(result: autocannon.Result, non2xxSamples: Non2xxSample[]) {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stats]) => [code, Number(stats.count)]),
  );
  const requests = Object.values(statusCodes).reduce((sum, count) => sum + count, 0);
  return {
    durationS: round(result.duration),
    requests,
    requests2xx: result['2xx'],
    requestsPerSecond: round(requests / result.duration, 1),
    latencyMs: {
      average: round(result.latency.average),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    non2xxSamples,
  };
}

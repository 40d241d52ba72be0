#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';

const usage = `Rebuilds reporting's read models: drops them, resets reporting's durable consumers to the start of
the registration, evaluation and promotion streams and replays them, printing the progress.

  node services/reporting/dist/rebuild-read-models.js [--url http://127.0.0.1:3004] [--interval 1000]

It asks the running reporting API (REPORTING_URL, or --url) with an admin token: REPORTING_TOKEN, or one
minted from the local secret (JWT_SECRET, JWT_SECRET_FILE or .local/jwt-secret).`;

interface Status {
  state: string;
  handled: number;
  total: number;
  percent: number;
  error: string | null;
  streams: { stream: string; handled: number; total: number }[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, interval: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const base = (values.url ?? process.env['REPORTING_URL'] ?? 'http://127.0.0.1:3004').replace(/\/$/, '');
  const token =
    process.env['REPORTING_TOKEN'] ??
    (await mintLocalToken({
      secret: localTokenSecret(),
      subject: 'cli:rebuild-read-models',
      roles: ['admin'],
      unitCode: 'VN',
      expiresIn: '2h',
    }));
  const call = async (method: 'GET' | 'POST'): Promise<Status> => {
    const response = await fetch(`${base}/api/v1/admin/read-models/rebuild`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`${method} ${response.status}: ${await response.text()}`);
    return (await response.json()) as Status;
  };
  const started = Date.now();
  let status = await call('POST');
  console.log(`[rebuild] started on ${base}`);
  const interval = Number(values.interval ?? 1_000);
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, interval));
    status = await call('GET');
    const streams = status.streams.map((s) => `${s.stream} ${s.handled}/${s.total}`).join(', ');
    console.log(
      `[rebuild] ${status.handled}/${status.total} events (${status.percent}%)${streams ? ` — ${streams}` : ''}`,
    );
  }
  if (status.state !== 'done') throw new Error(`rebuild ${status.state}: ${status.error ?? ''}`);
  console.log(`[rebuild] done: ${status.total} events replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(`[rebuild] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

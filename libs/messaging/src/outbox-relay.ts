import { Logger } from '@nestjs/common';
import { headers as natsHeaders, type JetStreamClient } from 'nats';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@ocop/contracts';
import { outboxChannel } from './outbox-writer';

export interface OutboxRelayOptions {
  schema: string;
  databaseUrl: string;
  batchSize?: number;
  /** Poll period when no NOTIFY arrives (another process wrote, or a notification was lost). */
  pollIntervalMs?: number;
  /** Longest wait between attempts while NATS is unreachable. */
  maxBackoffMs?: number;
}

interface ClaimedRow {
  id: string;
  subject: string;
  envelope: EventEnvelope;
}

const encoder = new TextEncoder();

/**
 * Publishes committed outbox rows to JetStream in write order, with the row id as `Nats-Msg-Id`, and
 * marks them published. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so replicas can run side by side.
 * A publish that succeeded before a failed commit is repeated with the same id, and JetStream drops it.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly js: JetStreamClient,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes what is pending now; returns how many rows were published. */
  async publishPending(): Promise<number> {
    const table = `"${this.options.schema}"."outbox_event"`;
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT id, subject, envelope FROM ${table}
          WHERE published_at IS NULL ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      // Mark only the prefix that went out, so the write order is kept on the next attempt.
      const firstFailure = results.findIndex((result) => result.status === 'rejected');
      const published = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
      if (published.length > 0) {
        await manager.query(`UPDATE ${table} SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [
          published.map((row) => row.id),
        ]);
      }
      if (firstFailure !== -1) {
        const failure = results[firstFailure] as PromiseRejectedResult;
        await manager.query(`UPDATE ${table} SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
          rows[firstFailure]!.id,
          String(failure.reason).slice(0, 1_000),
        ]);
        throw failure.reason;
      }
      return published.length;
    });
  }

  private async publish(row: ClaimedRow): Promise<void> {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', row.id);
    await this.js.publish(row.subject, encoder.encode(JSON.stringify(row.envelope)), {
      msgID: row.id,
      headers: h,
      timeout: 5_000,
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishPending();
        if (this.failures > 0) this.logger.log(`NATS reachable again; outbox publishing resumed`);
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(`Outbox publish failed (attempt ${this.failures}), will retry: ${String(error)}`);
        }
      }
      if (published >= this.batchSize) continue;
      const delay =
        this.failures > 0 ? Math.min(this.maxBackoffMs, 250 * 2 ** Math.min(this.failures, 5)) : this.pollIntervalMs;
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    try {
      const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'outbox-relay' });
      client.on('notification', () => {
        if (this.failures === 0) this.wake?.();
      });
      client.on('error', (error) => this.logger.warn(`Outbox LISTEN connection lost: ${error.message}`));
      await client.connect();
      await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
      this.listener = client;
    } catch (error) {
      // Polling alone still delivers every event; LISTEN only shortens the delay.
      this.logger.warn(`Outbox LISTEN unavailable, polling only: ${String(error)}`);
    }
  }
}

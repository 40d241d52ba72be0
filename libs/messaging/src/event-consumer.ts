import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from 'nats';
import type { DataSource, EntityManager } from 'typeorm';
import { serviceOfSubject, streamOf, type EventContract, type EventEnvelope, type ServiceName } from '@ocop/contracts';
import { InboxEventEntity } from '@ocop/persistence';
import { ensureServiceStream, isNotFound } from './streams';

/** Handles one kind of event. Runs inside the transaction that records the event in the inbox. */
export interface EventHandler<TData = unknown> {
  readonly contract: EventContract<TData>;
  handle(event: EventEnvelope<TData>, manager: EntityManager): Promise<void>;
  /**
   * Events with the same key are handled one after the other, in stream order (e.g. the product id);
   * others run side by side. Without it every event is independent.
   */
  orderingKey?(event: EventEnvelope<TData>): string;
}

export interface EventConsumerOptions {
  /** The consuming service; names its durable consumers and inbox rows. */
  consumer: ServiceName;
  handlers: EventHandler[];
  /** Redelivery delays after a failed handling, in ms; the last repeats. */
  retryDelaysMs?: number[];
  /** Events handled at once; keep it below the database pool size (each holds a connection). */
  concurrency?: number;
}

const decoder = new TextDecoder();
const NS_PER_MS = 1_000_000;

/**
 * Durable JetStream consumers, one per source stream, with an inbox so that an event redelivered after
 * a crash, a lost ack or a replay is handled once. A failed handling rolls back and is retried later.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  /** A subject's handlers, in registration order (e.g. a stage follower and a read model of one event). */
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly retryDelaysMs: number[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: EventConsumerOptions,
  ) {
    for (const handler of options.handlers) {
      const subject = handler.contract.subject;
      this.handlers.set(subject, [...(this.handlers.get(subject) ?? []), handler]);
    }
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000];
  }

  async start(): Promise<void> {
    const bySource = new Map<ServiceName, string[]>();
    for (const subject of this.handlers.keys()) {
      const source = serviceOfSubject(subject);
      bySource.set(source, [...(bySource.get(source) ?? []), subject]);
    }
    for (const [source, subjects] of bySource) {
      // The source may not have started yet; its stream is created with the same definition it would use.
      await ensureServiceStream(this.jsm, source);
      const stream = streamOf(source).name;
      // Durable names are scoped by stream: the consuming service's name on each source stream.
      const durable = this.options.consumer;
      await this.ensureConsumer(stream, durable, source);
      const consumer = await this.js.consumers.get(stream, durable);
      const messages = await consumer.consume({ max_messages: 256 });
      this.subscriptions.push(messages);
      this.loops.push(this.drain(messages));
      this.logger.log(`Consuming ${subjects.join(', ')} from ${stream} as ${durable}`);
    }
  }

  async stop(): Promise<void> {
    for (const messages of this.subscriptions) await messages.close().catch(() => undefined);
    await Promise.allSettled(this.loops);
  }

  /**
   * Always the stream's wildcard: events without a handler are acked unread. A filter that never changes
   * means adding a handler never updates a consumer in place, which NATS 2.9 (Debian's) handles badly.
   * (`filter_subjects` would need NATS 2.10.)
   */
  private async ensureConsumer(
    stream: string,
    durable: string,
    source: ServiceName,
  ): Promise<void> {
    const filter = `ocop.${source}.>`;
    const config: Partial<ConsumerConfig> = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filter,
      ack_wait: 30_000 * NS_PER_MS,
      max_deliver: -1,
      max_ack_pending: 1_000,
    };
    try {
      const info = await this.jsm.consumers.info(stream, durable);
      if (info.config.filter_subject !== filter) {
        await this.jsm.consumers.update(stream, durable, { filter_subject: filter });
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.jsm.consumers.add(stream, config);
    }
  }

  /**
   * Handles up to `concurrency` events at once; events sharing an ordering key wait for the previous one
   * with that key, so per-aggregate order is kept.
   */
  private async drain(messages: ConsumerMessages): Promise<void> {
    const limit = Math.max(1, this.options.concurrency ?? 8);
    const inFlight = new Set<Promise<void>>();
    const lastByKey = new Map<string, Promise<void>>();
    for await (const message of messages) {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      const envelope = this.decode(message);
      if (!envelope) continue;
      const handlers = this.handlers.get(message.subject);
      if (!handlers) {
        message.ack();
        continue;
      }
      // The first key a handler gives orders the event (handlers of one subject key it alike).
      const key = handlers.map((handler) => handler.orderingKey?.(envelope)).find((k) => k !== undefined) ?? envelope.id;
      const task = (lastByKey.get(key) ?? Promise.resolve()).then(() => this.handle(message, envelope, handlers));
      lastByKey.set(key, task);
      inFlight.add(task);
      void task.finally(() => {
        inFlight.delete(task);
        if (lastByKey.get(key) === task) lastByKey.delete(key);
      });
    }
    await Promise.allSettled(inFlight);
  }

  private decode(message: JsMsg): EventEnvelope | null {
    try {
      return JSON.parse(decoder.decode(message.data)) as EventEnvelope;
    } catch {
      this.logger.error(`Dropping undecodable message on ${message.subject} (seq ${message.seq})`);
      message.term();
      return null;
    }
  }

  /**
   * Handles one delivery: the inbox row and every handler of the subject in one transaction (all apply it
   * or none), then ack; nak with a delay on failure.
   */
  private async handle(message: JsMsg, envelope: EventEnvelope, handlers: EventHandler[]): Promise<void> {
    try {
      const handled = await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager
          .createQueryBuilder()
          .insert()
          .into(InboxEventEntity)
          .values({ consumer: this.options.consumer, eventId: envelope.id, subject: envelope.subject })
          .orIgnore()
          .returning(['event_id'])
          .execute()
          .then((result) => result.raw as unknown[]);
        if (inserted.length === 0) return false;
        for (const handler of handlers) await handler.handle(envelope, manager);
        return true;
      });
      if (!handled) this.logger.debug(`Skipped ${envelope.subject} ${envelope.id}: already handled`);
      message.ack();
    } catch (error) {
      const attempt = message.info.redeliveryCount;
      const delay = this.retryDelaysMs[Math.min(attempt - 1, this.retryDelaysMs.length - 1)] ?? 1_000;
      this.logger.error(
        `Handling ${envelope.subject} ${envelope.id} failed (delivery ${attempt}), retry in ${delay} ms: ${String(error)}`,
      );
      message.nak(delay);
    }
  }
}

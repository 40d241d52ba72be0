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
   * Optional: several consecutive events of this subject at once, in stream order, with the same result as
   * `handle` on each in turn (set-based: one statement for a burst). Used only when the subject has no other
   * handler, so that the order of handlers over events is kept.
   */
  handleMany?(events: EventEnvelope<TData>[], manager: EntityManager): Promise<void>;
  /**
   * Events with the same key are handled one after the other, in stream order (e.g. the product id);
   * others run side by side. Without it every event is independent. An event whose handling fails is
   * redelivered later and may then land after its successors: handlers must give the same result either way
   * (they check what they change, as the read models and the suspension do).
   */
  orderingKey?(event: EventEnvelope<TData>): string;
}

export interface EventConsumerOptions {
  /** The consuming service; names its durable consumers and inbox rows. */
  consumer: ServiceName;
  handlers: EventHandler[];
  /** Redelivery delays after a failed handling, in ms; the last repeats. */
  retryDelaysMs?: number[];
  /**
   * Batches handled at once, over all the source streams together; keep it below the database pool size (each
   * holds a connection). A burst then waits in the consumer's queue, where it forms larger batches, rather than
   * in the pool's.
   */
  concurrency?: number;
  /** Most events handled in one transaction (default 64). */
  batchSize?: number;
}

interface Delivery {
  message: JsMsg;
  envelope: EventEnvelope;
  handlers: EventHandler[];
  key: string;
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
  /**
   * The last batch holding each ordering key, over all source streams: events of one aggregate from two streams
   * (a product's registration and evaluation events) are handled one after the other too, not side by side,
   * where their transactions would lock the aggregate's rows in opposite orders and deadlock.
   */
  private readonly lastByKey = new Map<string, Promise<void>>();
  /** The batches being handled, from every stream: `concurrency` bounds them all. */
  private readonly inFlight = new Set<Promise<void>>();

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
  private async ensureConsumer(stream: string, durable: string, source: ServiceName): Promise<void> {
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
   * Reads deliveries into a queue and handles them in batches, up to `concurrency` batches at once (counted over
   * every stream's loop): a batch is what has arrived while the previous ones were busy (at most `batchSize`), so
   * a quiet stream is handled event by event without waiting and a burst shares transactions. A batch waits for every earlier batch
   * holding one of its ordering keys, on any stream, so per-aggregate order is kept.
   */
  private async drain(messages: ConsumerMessages): Promise<void> {
    const limit = Math.max(1, this.options.concurrency ?? 8);
    const batchSize = Math.max(1, this.options.batchSize ?? 64);
    const queue: Delivery[] = [];
    let ended = false;
    let wake: (() => void) | undefined;
    const reader = (async () => {
      try {
        for await (const message of messages) {
          const delivery = this.accept(message);
          if (!delivery) continue;
          queue.push(delivery);
          wake?.();
        }
      } finally {
        ended = true;
        wake?.();
      }
    })();

    const inFlight = this.inFlight;
    const lastByKey = this.lastByKey;
    for (;;) {
      if (queue.length === 0) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      while (inFlight.size >= limit) await Promise.race(inFlight);
      const batch = queue.splice(0, batchSize);
      const keys = [...new Set(batch.map((delivery) => delivery.key))];
      const earlier = keys.map((key) => lastByKey.get(key)).filter((task) => task !== undefined);
      const task = Promise.all(earlier).then(() => this.handleBatch(batch));
      for (const key of keys) lastByKey.set(key, task);
      inFlight.add(task);
      void task.finally(() => {
        inFlight.delete(task);
        for (const key of keys) if (lastByKey.get(key) === task) lastByKey.delete(key);
      });
    }
    await reader.catch(() => undefined);
    await Promise.allSettled(inFlight);
  }

  /** Decodes a delivery and finds its handlers; acks or terminates at once what nobody handles. */
  private accept(message: JsMsg): Delivery | null {
    let envelope: EventEnvelope;
    try {
      envelope = JSON.parse(decoder.decode(message.data)) as EventEnvelope;
    } catch {
      this.logger.error(`Dropping undecodable message on ${message.subject} (seq ${message.seq})`);
      message.term();
      return null;
    }
    const handlers = this.handlers.get(message.subject);
    if (!handlers) {
      message.ack();
      return null;
    }
    // The first key a handler gives orders the event (handlers of one subject key it alike).
    const key = handlers.map((handler) => handler.orderingKey?.(envelope)).find((k) => k !== undefined) ?? envelope.id;
    return { message, envelope, handlers, key };
  }

  /**
   * One transaction for the whole batch: the inbox rows in one statement, then the handlers of each new event
   * in stream order; commit, then ack. If anything fails the batch rolls back and each event is handled again
   * alone, so one bad event delays only itself.
   */
  private async handleBatch(batch: Delivery[]): Promise<void> {
    if (batch.length === 1) return this.handleAlone(batch[0]!);
    try {
      await this.dataSource.transaction(async (manager) => {
        const fresh = await this.recordInInbox(manager, batch);
        // An id twice in one batch (a redelivery) is handled at its first occurrence only.
        const toHandle = batch.filter((delivery) => fresh.delete(delivery.envelope.id));
        for (const run of runsOfOneHandler(toHandle)) {
          const [first] = run;
          const handler = first?.handlers[0];
          if (run.length > 1 && handler?.handleMany) {
            await handler.handleMany(
              run.map((delivery) => delivery.envelope),
              manager,
            );
            continue;
          }
          for (const delivery of run)
            for (const each of delivery.handlers) await each.handle(delivery.envelope, manager);
        }
      });
    } catch (error) {
      this.logger.warn(`A batch of ${batch.length} events failed (${String(error)}); handling them one by one`);
      for (const delivery of batch) await this.handleAlone(delivery);
      return;
    }
    for (const delivery of batch) delivery.message.ack();
  }

  /** One delivery in its own transaction: ack when applied (or already handled), nak with a delay on failure. */
  private async handleAlone(delivery: Delivery): Promise<void> {
    const { message, envelope, handlers } = delivery;
    try {
      const handled = await this.dataSource.transaction(async (manager) => {
        const fresh = await this.recordInInbox(manager, [delivery]);
        if (fresh.size === 0) return false;
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

  /** Inserts the inbox rows; returns the ids not handled before (the inbox's key makes a repeat a no-op). */
  private async recordInInbox(manager: EntityManager, deliveries: Delivery[]): Promise<Set<string>> {
    const table = manager.getRepository(InboxEventEntity).metadata.tablePath;
    const values: string[] = [];
    const rows = deliveries.map(({ envelope }) => {
      values.push(this.options.consumer, envelope.id, envelope.subject);
      return `($${values.length - 2}, $${values.length - 1}, $${values.length})`;
    });
    const inserted: { event_id: string }[] = await manager.query(
      `INSERT INTO ${table} (consumer, event_id, subject) VALUES ${rows.join(', ')}
       ON CONFLICT DO NOTHING RETURNING event_id`,
      values,
    );
    return new Set(inserted.map((row) => row.event_id));
  }
}

/**
 * Splits deliveries, in order, into runs that a single `handleMany` may take: consecutive events of one
 * subject whose only handler offers it. Anything else is a run of one.
 */
function runsOfOneHandler(deliveries: Delivery[]): Delivery[][] {
  const runs: Delivery[][] = [];
  for (const delivery of deliveries) {
    const last = runs.at(-1);
    // One subject has one handler list, so a run of a subject shares its single handler.
    const joins = delivery.handlers.length === 1 && delivery.handlers[0]?.handleMany !== undefined;
    if (last && joins && last[0]?.message.subject === delivery.message.subject) last.push(delivery);
    else runs.push([delivery]);
  }
  return runs;
}

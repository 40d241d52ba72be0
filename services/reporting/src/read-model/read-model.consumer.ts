import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NATIONAL_UNIT_CODE, streamOf, type ServiceName } from '@ocop/contracts';
import { EventConsumer, isNotFound, type EventHandler } from '@ocop/messaging';
import { BaseServiceConfig, MessagingService } from '@ocop/nest-common';
import { recordChanges } from '@ocop/persistence';
import { ReminderEventProjections } from '../notification/reminder-events.projections';
import { REPORTING } from '../service-identity';
import { EvaluationProjections } from './evaluation.projections';
import { ReadModelCounts } from './projection';
import { PromotionProjections } from './promotion.projections';
import { READ_MODEL_TABLES } from './read-model.entities';
import { RegistrationProjections } from './registration.projections';

/** The durable consumer reporting keeps on each source stream, and the consumer name of its inbox rows. */
export const READ_MODEL_CONSUMER = REPORTING.name;

export interface StreamProgress {
  stream: string;
  /** Messages in the stream now. */
  total: number;
  /** Of those, handled (acknowledged) by reporting's consumer. */
  handled: number;
  pending: number;
}

export interface RebuildStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedAt: string | null;
  finishedAt: string | null;
  startedBy: string | null;
  streams: StreamProgress[];
  handled: number;
  total: number;
  percent: number;
  error: string | null;
}

/**
 * Reporting's durable JetStream consumers (one per source stream: registration, evaluation, promotion),
 * started with the API. The handlers write the read models and the notifications of the other services'
 * reminders inside the inbox transaction, so each event counts once. Run here rather than through the
 * platform's EventHandlerRegistry so that a rebuild can stop them, reset them and replay.
 */
@Injectable()
export class ReadModelConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadModelConsumer.name);
  private consumer?: EventConsumer;
  private rebuilding?: Promise<void>;
  private status: RebuildStatus = {
    state: 'idle',
    startedAt: null,
    finishedAt: null,
    startedBy: null,
    streams: [],
    handled: 0,
    total: 0,
    percent: 100,
    error: null,
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messaging: MessagingService,
    @Inject(BaseServiceConfig) private readonly config: BaseServiceConfig,
    private readonly registration: RegistrationProjections,
    private readonly evaluation: EvaluationProjections,
    private readonly promotion: PromotionProjections,
    private readonly reminders: ReminderEventProjections,
  ) {
    // The read models' counters are written at each transaction's commit, in one order (projection.ts).
    if (!dataSource.subscribers.some((subscriber) => subscriber instanceof ReadModelCounts))
      dataSource.subscribers.push(new ReadModelCounts());
  }

  handlers(): EventHandler[] {
    return [
      ...this.registration.handlers(),
      ...this.evaluation.handlers(),
      ...this.promotion.handlers(),
      ...this.reminders.handlers(),
    ];
  }

  /** The streams reporting reads. */
  sources(): ServiceName[] {
    return ['registration', 'evaluation', 'promotion'];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.rebuilding?.catch(() => undefined);
    await this.consumer?.stop();
  }

  private async start(): Promise<void> {
    const nats = this.messaging.connection;
    this.consumer = new EventConsumer(this.dataSource, nats.jetstream(), await nats.jetstreamManager(), {
      consumer: READ_MODEL_CONSUMER,
      handlers: this.handlers(),
      concurrency: Math.max(1, this.config.DATABASE_POOL_SIZE - 2),
    });
    await this.consumer.start();
  }

  rebuildStatus(): RebuildStatus {
    return this.status;
  }

  /**
   * Drops the read models and replays every source stream from its first message: stops the consumers,
   * empties the read-model tables and reporting's inbox in one transaction, deletes the durable consumers
   * (so they are created again at the start of each stream) and starts them. Returns at once; progress is
   * in `progress()`. Reporting's own records (reports, plans, notifications) are kept; notifications are
   * keyed by event, so the replay adds none twice.
   */
  startRebuild(startedBy: string): RebuildStatus {
    if (this.status.state === 'running') return this.status;
    this.status = {
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      startedBy,
      streams: [],
      handled: 0,
      total: 0,
      percent: 0,
      error: null,
    };
    this.rebuilding = this.rebuild().catch((error: unknown) => {
      this.status = { ...this.status, state: 'failed', finishedAt: new Date().toISOString(), error: String(error) };
      this.logger.error(`Read-model rebuild failed: ${String(error)}`);
    });
    return this.status;
  }

  private async rebuild(): Promise<void> {
    this.logger.log('Read-model rebuild: stopping the consumers');
    await this.consumer?.stop();
    this.consumer = undefined;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.map((table) => `reporting.${table}`).join(', ')}`);
      await manager.query(`DELETE FROM reporting.inbox_event WHERE consumer = $1`, [READ_MODEL_CONSUMER]);
      await recordChanges(manager, [
        {
          entityType: 'read_models',
          entityId: READ_MODEL_CONSUMER,
          action: 'rebuild_started',
          changes: { startedAt: [null, this.status.startedAt], tables: [null, [...READ_MODEL_TABLES]] },
          changedBy: this.status.startedBy ?? 'unknown',
          unitCode: NATIONAL_UNIT_CODE,
        },
      ]);
    });
    const jsm = await this.messaging.connection.jetstreamManager();
    for (const source of this.sources()) {
      try {
        await jsm.consumers.delete(streamOf(source).name, READ_MODEL_CONSUMER);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    this.logger.log('Read-model rebuild: read models emptied, consumers reset; replaying');
    await this.start();
    for (;;) {
      const progress = await this.progress();
      this.status = { ...this.status, ...progress };
      this.logger.log(
        `Read-model rebuild: ${progress.handled}/${progress.total} events (${progress.percent}%) — ` +
          progress.streams.map((s) => `${s.stream} ${s.handled}/${s.total}`).join(', '),
      );
      if (progress.handled >= progress.total) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    this.status = { ...this.status, state: 'done', finishedAt: new Date().toISOString() };
    this.logger.log('Read-model rebuild: done');
  }

  /** How far reporting's consumers are through each source stream. */
  async progress(): Promise<Pick<RebuildStatus, 'streams' | 'handled' | 'total' | 'percent'>> {
    const jsm = await this.messaging.connection.jetstreamManager();
    const streams: StreamProgress[] = [];
    for (const source of this.sources()) {
      const stream = streamOf(source).name;
      try {
        const total = (await jsm.streams.info(stream)).state.messages;
        const info = await jsm.consumers.info(stream, READ_MODEL_CONSUMER);
        const pending = Math.min(total, info.num_pending + info.num_ack_pending);
        streams.push({ stream, total, handled: total - pending, pending });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        streams.push({ stream, total: 0, handled: 0, pending: 0 });
      }
    }
    const total = streams.reduce((sum, s) => sum + s.total, 0);
    const handled = streams.reduce((sum, s) => sum + s.handled, 0);
    return { streams, total, handled, percent: total === 0 ? 100 : Math.floor((handled * 100) / total) };
  }
}

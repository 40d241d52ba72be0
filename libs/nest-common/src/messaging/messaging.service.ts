import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import type { JetStreamManager, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { connectNats, ensureServiceStream, EventConsumer, OutboxRelay } from '@ocop/messaging';
import { BaseServiceConfig } from '../config/base-service.config';
import { SERVICE_IDENTITY, type ServiceIdentity } from '../service-identity';
import { EventHandlerRegistry } from './event-handler.registry';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export function natsConnectionProvider(): Provider {
  return {
    provide: NATS_CONNECTION,
    inject: [BaseServiceConfig, SERVICE_IDENTITY],
    useFactory: (config: BaseServiceConfig, identity: ServiceIdentity): Promise<NatsConnection> =>
      connectNats({ url: config.NATS_URL, name: `${identity.name}-api-${process.pid}` }),
  };
}

/**
 * The service's link to NATS: connects at start, makes sure its JetStream stream exists, runs the
 * outbox relay and the durable consumers, and drains everything on shutdown.
 */
@Injectable()
export class MessagingService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(MessagingService.name);
  private jsm?: JetStreamManager;
  private relay?: OutboxRelay;
  private consumer?: EventConsumer;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(BaseServiceConfig) private readonly config: BaseServiceConfig,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    private readonly dataSource: DataSource,
    private readonly registry: EventHandlerRegistry,
  ) {}

  get connection(): NatsConnection {
    return this.nats;
  }

  async onModuleInit(): Promise<void> {
    this.jsm = await this.nats.jetstreamManager();
    await ensureServiceStream(this.jsm, this.identity.name);
    this.logger.log(`Connected to NATS at ${this.nats.getServer()}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    const nats = this.nats;
    this.relay = new OutboxRelay(this.dataSource, nats.jetstream(), {
      schema: this.identity.schema,
      databaseUrl: this.config.DATABASE_URL,
    });
    await this.relay.start();
    const handlers = this.registry.all();
    if (handlers.length > 0) {
      this.consumer = new EventConsumer(this.dataSource, nats.jetstream(), this.jsm!, {
        consumer: this.identity.name,
        handlers,
        // Leave connections for the API's own requests.
        concurrency: Math.max(1, this.config.DATABASE_POOL_SIZE - 2),
      });
      await this.consumer.start();
    }
  }

  /** Before the database closes: stop taking events and let the ones in hand finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nats.isClosed()) await this.nats.drain().catch(() => this.nats?.close());
  }
}

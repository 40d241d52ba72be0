import { Global, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Client } from '@temporalio/client';
import type { NatsConnection } from 'nats';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { OutboxWriter } from '@ocop/messaging';
import { serviceDataSourceOptions, type ServiceDataSourceInput } from '@ocop/persistence';
import { AuthGuard } from './auth/auth.guard';
import { JurisdictionService } from './auth/jurisdiction';
import { TokenVerifier } from './auth/token-verifier';
import { BaseServiceConfig } from './config/base-service.config';
import { loadConfig } from './config/load-config';
import { AppErrorFilter } from './errors/error.filter';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness';
import { loggerParams } from './logging/logging';
import { MessagingService, NATS_CONNECTION, natsConnectionProvider } from './messaging/messaging.service';
import { EventHandlerRegistry } from './messaging/event-handler.registry';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity';
import { createTemporalClient, temporalReadiness } from './temporal/temporal.providers';

export interface PlatformModuleOptions<C extends BaseServiceConfig> {
  identity: ServiceIdentity;
  config: new () => C;
  /** The service's entities and migrations (outbox and inbox are added). */
  entities: ServiceDataSourceInput['entities'];
  migrations: ServiceDataSourceInput['migrations'];
  /**
   * For `api`: a module exporting the UnitHierarchy this service checks jurisdiction against
   * (registration's own tables, or RemoteUnitHierarchyModule elsewhere).
   */
  unitHierarchyModule?: Type<unknown> | DynamicModule;
  /** `api`: HTTP, NATS, outbox relay and event consumers. `worker`: Temporal activities only. */
  role: 'api' | 'worker';
  /** Already-loaded config (tests); otherwise read from the environment. */
  configValues?: C;
}

/**
 * Everything a service process has in common, wired once: validated config, JSON logs, its database
 * schema, NATS with the outbox relay and consumers, the Temporal client, auth, errors and health.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot<C extends BaseServiceConfig>(options: PlatformModuleOptions<C>): DynamicModule {
    const config = options.configValues ?? loadConfig(options.config);
    const identity = options.identity;
    const dataSourceOptions: DataSourceOptions = serviceDataSourceOptions({
      schema: identity.schema,
      url: config.DATABASE_URL,
      entities: options.entities,
      migrations: options.migrations,
      poolSize: config.DATABASE_POOL_SIZE,
      applicationName: `${identity.name}-${options.role}`,
    });

    const providers: Provider[] = [
      { provide: BaseServiceConfig, useValue: config },
      { provide: options.config, useValue: config },
      { provide: SERVICE_IDENTITY, useValue: identity },
      { provide: Client, useFactory: () => createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE) },
      TokenVerifier,
      EventHandlerRegistry,
      { provide: OutboxWriter, useValue: new OutboxWriter(identity.name, identity.schema) },
    ];
    const exported: NonNullable<DynamicModule['exports']> = [
      BaseServiceConfig,
      options.config,
      SERVICE_IDENTITY,
      Client,
      OutboxWriter,
      EventHandlerRegistry,
    ];

    if (options.role === 'api') {
      if (!options.unitHierarchyModule) throw new Error('An api process needs a unitHierarchyModule');
      providers.push(
        JurisdictionService,
        MessagingService,
        natsConnectionProvider(),
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AppErrorFilter },
        {
          provide: READINESS_CHECKS,
          inject: [DataSource, NATS_CONNECTION, Client],
          useFactory: (dataSource: DataSource, nats: NatsConnection, temporal: Client): ReadinessCheck[] => [
            { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
            {
              name: 'nats',
              check: async () => {
                if (nats.isClosed()) throw new Error('connection closed');
                await nats.flush();
              },
            },
            temporalReadiness(temporal, config.TEMPORAL_NAMESPACE),
          ],
        },
      );
      exported.push(MessagingService, NATS_CONNECTION, JurisdictionService);
    }

    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config, identity)),
        TypeOrmModule.forRoot({ ...dataSourceOptions, autoLoadEntities: false }),
        ...(options.role === 'api' && options.unitHierarchyModule ? [options.unitHierarchyModule] : []),
      ],
      controllers: options.role === 'api' ? [HealthController] : [],
      providers,
      exports: [...exported, TypeOrmModule],
    };
  }
}

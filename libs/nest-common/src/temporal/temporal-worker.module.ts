import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { BaseServiceConfig } from '../config/base-service.config';
import { ServiceEventActivities } from './event.activities';
import { installTemporalLogging, ServiceWorker } from './worker-runner';

/** A class whose methods are Temporal activities; `activities()` returns them bound. */
export interface ActivityProvider {
  activities(): object;
}

export interface TemporalWorkerModuleOptions {
  taskQueue: string;
  /** Module providing the activities class. */
  imports?: Array<Type<unknown> | DynamicModule>;
  activities?: Type<ActivityProvider>;
  hostWorkflows?: boolean;
}

const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');
const ACTIVITY_PROVIDER = Symbol('ACTIVITY_PROVIDER');

@Injectable()
export class TemporalWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: ServiceWorker;

  constructor(
    @Inject(BaseServiceConfig) private readonly config: BaseServiceConfig,
    @Inject(WORKER_OPTIONS) private readonly options: TemporalWorkerModuleOptions,
    @Inject(ACTIVITY_PROVIDER) private readonly provider: ActivityProvider | null,
    private readonly events: ServiceEventActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    installTemporalLogging(this.config.LOG_LEVEL === 'debug' || this.config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'INFO');
    this.worker = await ServiceWorker.create({
      address: this.config.TEMPORAL_ADDRESS,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.options.taskQueue,
      activities: { ...this.events.activities(), ...this.provider?.activities() },
      hostWorkflows: this.options.hostWorkflows ?? false,
    });
    // A worker that dies takes the process with it, so the supervisor restarts it.
    this.worker.start().catch(() => process.exit(1));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}

/** Runs the service's Temporal worker inside a Nest application context, stopped cleanly on shutdown. */
@Module({})
export class TemporalWorkerModule {
  static register(options: TemporalWorkerModuleOptions): DynamicModule {
    return {
      module: TemporalWorkerModule,
      imports: options.imports ?? [],
      providers: [
        { provide: WORKER_OPTIONS, useValue: options },
        options.activities
          ? { provide: ACTIVITY_PROVIDER, useExisting: options.activities }
          : { provide: ACTIVITY_PROVIDER, useValue: null },
        ServiceEventActivities,
        TemporalWorkerHost,
      ],
    };
  }
}

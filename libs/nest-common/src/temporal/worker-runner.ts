import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogEntry,
  type WorkerOptions,
} from '@temporalio/worker';

export interface ServiceWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** Hosts the platform's workflows (from libs/workflows) on this queue too. */
  hostWorkflows?: boolean;
  /** Overrides for tests (e.g. the connection of a time-skipping environment). */
  connection?: NativeConnection;
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
}

/**
 * A running Temporal worker that can be stopped cleanly: `stop()` lets in-flight activities finish
 * (up to the grace time) and waits for `run()` to return.
 */
export class ServiceWorker {
  private readonly logger = new Logger('TemporalWorker');
  private running?: Promise<void>;

  private constructor(
    readonly worker: Worker,
    private readonly ownConnection?: NativeConnection,
  ) {}

  static async create(options: ServiceWorkerOptions): Promise<ServiceWorker> {
    const connection = options.connection ?? (await NativeConnection.connect({ address: options.address }));
    const workerOptions: WorkerOptions = {
      connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      activities: options.activities,
      shutdownGraceTime: options.shutdownGraceTime ?? '10 seconds',
    };
    if (options.hostWorkflows) Object.assign(workerOptions, workflowBundleOptions());
    const worker = await Worker.create(workerOptions);
    return new ServiceWorker(worker, options.connection ? undefined : connection);
  }

  start(): Promise<void> {
    this.running ??= this.worker.run().catch((error: unknown) => {
      this.logger.error(`Worker on ${this.worker.options.taskQueue} stopped: ${String(error)}`);
      throw error;
    });
    this.logger.log(`Polling task queue ${this.worker.options.taskQueue} in ${this.worker.options.namespace}`);
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.ownConnection?.close();
  }
}

/** How a worker (or a replayer) bundles the platform's workflows. */
export function workflowBundleOptions(): Required<Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'>> {
  const { workflowsPath, aliases } = workflowSources();
  return {
    workflowsPath,
    bundlerOptions: {
      webpackConfigHook: (config) => ({
        ...config,
        resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as object), ...aliases } },
      }),
    },
  };
}

/**
 * Workflows are bundled from the TypeScript sources of libs/workflows and libs/contracts, so the bundle
 * never depends on a stale build of those libs.
 */
function workflowSources(): { workflowsPath: string; aliases: Record<string, string> } {
  const libs = join(dirname(require.resolve('@ocop/workflows/package.json')), '..');
  const source = (lib: string): string => join(libs, lib, 'src', 'index.ts');
  const workflowsPath = source('workflows');
  if (!existsSync(workflowsPath)) throw new Error(`Workflow sources not found at ${workflowsPath}`);
  return { workflowsPath, aliases: { '@ocop/contracts': source('contracts'), '@ocop/workflows': workflowsPath } };
}

/**
 * Sends the Temporal SDK's own logs (worker state, activity failures) through the service's logger, so
 * they are JSON lines like the rest. Must run before the first worker or connection; later calls are ignored.
 */
export function installTemporalLogging(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'INFO'): void {
  const logger = new Logger('Temporal');
  const write = (entry: LogEntry): void => {
    const meta = entry.meta && Object.keys(entry.meta).length > 0 ? ` ${JSON.stringify(entry.meta)}` : '';
    const text = `${entry.message}${meta}`;
    if (entry.level === 'ERROR') logger.error(text);
    else if (entry.level === 'WARN') logger.warn(text);
    else if (entry.level === 'INFO') logger.log(text);
    else logger.debug(text);
  };
  try {
    Runtime.install({ logger: new DefaultLogger(level, write) });
  } catch {
    // Already installed (a test environment created it first).
  }
}

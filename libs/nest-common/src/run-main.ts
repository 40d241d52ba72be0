import type { Type } from '@nestjs/common';
import { createHttpApp, createWorkerContext, type HttpAppOptions } from './bootstrap';
import { BaseServiceConfig } from './config/base-service.config';
import { ConfigValidationError } from './config/load-config';

/**
 * Entry point wrapper: a bad configuration prints which variables are wrong and exits with 78
 * (EX_CONFIG) instead of a stack trace; any other start-up failure exits with 1.
 */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error('Start-up failed:', error);
    process.exit(1);
  });
}

/**
 * A service's `main.ts`: loads its API module (which reads and validates the configuration), then
 * serves HTTP and NATS request/reply.
 */
export function runApi(loadModule: () => Promise<Type<unknown>>, docs: HttpAppOptions): void {
  runMain(async () => {
    const app = await createHttpApp(await loadModule(), docs);
    const config = app.get(BaseServiceConfig);
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  });
}

/** A service's `worker.ts`: runs its Temporal worker until SIGTERM. */
export function runWorker(loadModule: () => Promise<Type<unknown>>): void {
  runMain(async () => createWorkerContext(await loadModule()));
}

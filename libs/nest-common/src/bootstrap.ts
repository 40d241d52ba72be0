import type { INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { BaseServiceConfig } from './config/base-service.config';
import { createValidationPipe } from './errors/validation';
import { ErrorResponse } from './errors/error-response';
import { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity';

export const API_PREFIX = 'api/v1';

export interface HttpAppOptions {
  title: string;
  description: string;
}

/**
 * Builds a service's HTTP application: `/api/v1` routes, `/health`, OpenAPI at `/docs`, the common
 * validation and error shape, and the NATS request/reply microservice (queue group = service name).
 * The caller listens.
 */
export async function createHttpApp(module: Type<unknown>, options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  const config = app.get(BaseServiceConfig);
  const identity = app.get<ServiceIdentity>(SERVICE_IDENTITY);

  app.disable('x-powered-by');
  // Security headers on every response; the OpenAPI page keeps its own scripts and styles (no CSP there).
  const strictHeaders = helmet();
  const docsHeaders = helmet({ contentSecurityPolicy: false });
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/docs') ? docsHeaders : strictHeaders)(request, response, next),
  );
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .setVersion(identity.version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
    { extraModels: [ErrorResponse] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.NATS,
      options: { servers: config.NATS_URL.split(','), queue: identity.name, maxReconnectAttempts: -1 },
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  closeOnSignals(app, config.SHUTDOWN_TIMEOUT_MS);
  return app;
}

/** Builds a service's Temporal worker process (no HTTP). */
export async function createWorkerContext(module: Type<unknown>): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(module, { bufferLogs: true });
  context.useLogger(context.get(Logger));
  closeOnSignals(context, context.get(BaseServiceConfig).SHUTDOWN_TIMEOUT_MS);
  return context;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop taking work, let in-flight requests, events and activities
 * finish (the modules' shutdown hooks), then exit 0. A shutdown that hangs is cut short with exit 1.
 */
function closeOnSignals(app: INestApplicationContext, timeoutMs: number): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      const logger = app.get(Logger);
      logger.log(`${signal} received; shutting down`);
      setTimeout(() => {
        logger.error(`Shutdown took longer than ${timeoutMs} ms; exiting`);
        process.exit(1);
      }, timeoutMs).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

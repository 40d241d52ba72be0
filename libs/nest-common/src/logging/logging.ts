import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { BaseServiceConfig } from '../config/base-service.config';
import type { ServiceIdentity } from '../service-identity';

/** Structured JSON logs, one line per event, with a request id and the service name on every line. */
export function loggerParams(config: BaseServiceConfig, identity: ServiceIdentity): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: identity.name, version: identity.version, pid: process.pid },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      genReqId: (request: IncomingMessage) => {
        const given = request.headers['x-request-id'];
        return typeof given === 'string' && given.length <= 128 ? given : randomUUID();
      },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '«redacted»' },
      autoLogging: { ignore: (request: IncomingMessage) => (request.url ?? '').startsWith('/health') },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}

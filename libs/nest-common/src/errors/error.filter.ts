import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { AppException, interpolate, type ErrorParams } from './app.exception';
import { errorDefinition, CommonErrors } from './error-catalogue';
import type { ErrorResponse } from './error-response';
import { pickLanguage, type Language } from './language';

interface Classified {
  code: string;
  params: ErrorParams;
  details?: unknown;
}

/**
 * The database cannot be reached or is going away: the request may be retried, so 503 rather than 500. Socket
 * errors of the driver, the pool's connect timeout, and the server's own words while it stops, crashes or
 * recovers (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
 */
const DEPENDENCY_ERRORS =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection|Client has encountered a connection error|Client was closed and is not queryable/i;

/** SQLSTATEs of an unreachable database: class 08 (connection exception), 57P01-57P03, 53300 (too many connections). */
const DEPENDENCY_SQLSTATES = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** Whether an error says the database is unavailable (also when TypeORM wraps the driver's error). */
export function isDatabaseUnavailable(exception: unknown): boolean {
  if (!(exception instanceof Error)) return DEPENDENCY_ERRORS.test(String(exception));
  // The connection under a transaction died between two of its statements (TypeORM releases the query runner
  // on the driver's 'error' event): the next statement finds it released.
  if (
    exception instanceof QueryRunnerAlreadyReleasedError ||
    exception instanceof QueryRunnerProviderAlreadyReleasedError
  )
    return true;
  const codes = [exception, (exception as { driverError?: unknown }).driverError]
    .map((error) => (error as { code?: unknown } | undefined)?.code)
    .filter((code): code is string => typeof code === 'string');
  if (codes.some((code) => DEPENDENCY_SQLSTATES.test(code))) return true;
  return DEPENDENCY_ERRORS.test(`${exception.message} ${codes.join(' ')}`);
}

/**
 * The connection was lost while COMMIT was on its way. PostgreSQL may have made the transaction durable
 * before it went away (a crash between the WAL flush and the reply), so the client must not be told that
 * nothing was written. A connection lost before COMMIT was sent (the query runner already released) is not
 * this case: then nothing was committed.
 */
export function isCommitOutcomeUnknown(exception: unknown): boolean {
  return (
    exception instanceof QueryFailedError && /^\s*COMMIT\b/i.test(exception.query) && isDatabaseUnavailable(exception)
  );
}

/** Turns every exception into the common error shape; unexpected ones are logged and hidden. */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): Observable<unknown> | void {
    const classified = this.classify(exception, host);
    if (host.getType() !== 'http') {
      return throwError(() => this.body(classified, 'en'));
    }
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const status = errorDefinition(classified.code)?.status ?? 500;
    if (status >= 500) {
      this.logger.error(
        { err: exception, method: request.method, url: request.url },
        `${classified.code} on ${request.method} ${request.url}`,
      );
    }
    if (status === 503) response.setHeader('Retry-After', '5');
    response.status(status).json(this.body(classified, pickLanguage(request.headers['accept-language'])));
  }

  private body(classified: Classified, language: Language): ErrorResponse {
    const definition = errorDefinition(classified.code) ?? errorDefinition(CommonErrors.INTERNAL_ERROR)!;
    const body: ErrorResponse = {
      code: classified.code,
      message: interpolate(definition[language], classified.params),
    };
    if (classified.details !== undefined) body.details = classified.details;
    return body;
  }

  private classify(exception: unknown, host: ArgumentsHost): Classified {
    if (exception instanceof AppException) {
      return { code: exception.code, params: exception.params, details: exception.details };
    }
    const bodyParserType = (exception as { type?: unknown } | null)?.type;
    if (bodyParserType === 'entity.parse.failed') return { code: CommonErrors.MALFORMED_JSON, params: {} };
    if (bodyParserType === 'entity.too.large') return { code: CommonErrors.PAYLOAD_TOO_LARGE, params: {} };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const cause = exception.cause as { type?: unknown } | undefined;
      if (cause?.type === 'entity.parse.failed' || (status === 400 && /JSON/.test(exception.message))) {
        return { code: CommonErrors.MALFORMED_JSON, params: {} };
      }
      if (status === 404 && /^Cannot \w+ /.test(exception.message) && host.getType() === 'http') {
        const request = host.switchToHttp().getRequest<Request>();
        return { code: CommonErrors.ROUTE_NOT_FOUND, params: { method: request.method, path: request.path } };
      }
      const byStatus: Record<number, string> = {
        400: CommonErrors.VALIDATION_FAILED,
        401: CommonErrors.AUTH_REQUIRED,
        403: CommonErrors.FORBIDDEN_ROLE,
        404: CommonErrors.NOT_FOUND,
        405: CommonErrors.METHOD_NOT_ALLOWED,
        413: CommonErrors.PAYLOAD_TOO_LARGE,
        415: CommonErrors.UNSUPPORTED_MEDIA_TYPE,
        429: CommonErrors.RATE_LIMITED,
        503: CommonErrors.DEPENDENCY_UNAVAILABLE,
      };
      const code = byStatus[status];
      if (code) return { code, params: { dependency: 'unknown' } };
    }
    if (isCommitOutcomeUnknown(exception)) {
      return { code: CommonErrors.COMMIT_OUTCOME_UNKNOWN, params: {} };
    }
    if (isDatabaseUnavailable(exception)) {
      return { code: CommonErrors.DEPENDENCY_UNAVAILABLE, params: { dependency: 'database' } };
    }
    return { code: CommonErrors.INTERNAL_ERROR, params: {} };
  }
}

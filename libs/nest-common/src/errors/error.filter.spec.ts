import { Logger, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { AppErrorFilter, isCommitOutcomeUnknown, isDatabaseUnavailable } from './error.filter';

/** An error as the pg driver raises it: a message and, for the server's errors, a SQLSTATE code. */
function pgError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

function respond(exception: unknown): { status: number; body: unknown; headers: Record<string, string> } {
  const result = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const response = {
    status(code: number) {
      result.status = code;
      return response;
    },
    json(body: unknown) {
      result.body = body;
      return response;
    },
    setHeader(name: string, value: string) {
      result.headers[name] = value;
    },
  };
  const request = { method: 'POST', url: '/api/v1/products', path: '/api/v1/products', headers: {} };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new AppErrorFilter().catch(exception, host);
  return result;
}

/** A 503 in the common shape with this code, a message that says `words`, and Retry-After. */
function expectRetryLater(error: unknown, code: string, words: string): void {
  const { status, body, headers } = respond(error);
  expect(status).toBe(503);
  expect(body).toEqual({ code, message: expect.stringContaining(words) as unknown });
  expect(headers['Retry-After']).toBe('5');
}

// The filter logs every 5xx; the answers are checked instead.
beforeAll(() => {
  Logger.overrideLogger(false);
});
afterAll(() => {
  Logger.overrideLogger(['log', 'error', 'warn']);
});

describe('database unavailable → 503 DEPENDENCY_UNAVAILABLE', () => {
  it.each([
    ['server down', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['localhost with both addresses refused', Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' })],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['socket closed mid-query', new Error('Connection terminated unexpectedly')],
    ['pg_ctl stop -m fast', pgError('terminating connection due to administrator command', '57P01')],
    ['crash of another backend', pgError('terminating connection because of crash of another server process', '57P02')],
    ['shutting down', pgError('the database system is shutting down', '57P03')],
    ['crash recovery', pgError('the database system is in recovery mode', '57P03')],
    ['starting up', pgError('the database system is not yet accepting connections', '57P03')],
    ['too many connections', pgError('sorry, too many clients already', '53300')],
    ['connection failure (class 08)', pgError('could not receive data from client', '08006')],
    ['connection lost between two statements of a transaction', new QueryRunnerAlreadyReleasedError()],
    ['… seen from the entity manager', new QueryRunnerProviderAlreadyReleasedError()],
    [
      'wrapped by TypeORM',
      new QueryFailedError('INSERT …', [], pgError('terminating connection due to administrator command', '57P01')),
    ],
  ])('%s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expectRetryLater(error, 'DEPENDENCY_UNAVAILABLE', 'database');
  });

  it.each([
    ['a unique violation', pgError('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', pgError('syntax error at or near "SELEC"', '42601')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('%s stays a 500', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(respond(error)).toEqual(
      expect.objectContaining({ status: 500, body: expect.objectContaining({ code: 'INTERNAL_ERROR' }) as unknown }),
    );
  });
});

describe('connection lost during COMMIT → 503 COMMIT_OUTCOME_UNKNOWN', () => {
  it.each([
    [
      'the server killed while committing',
      pgError('terminating connection due to immediate shutdown command', '57P01'),
    ],
    ['the socket closed while committing', new Error('Connection terminated unexpectedly')],
  ])('%s: the transaction may be durable, so the client is not told that nothing was written', (_label, cause) => {
    const error = new QueryFailedError('COMMIT', undefined, cause);
    expect(isCommitOutcomeUnknown(error)).toBe(true);
    expectRetryLater(error, 'COMMIT_OUTCOME_UNKNOWN', 'lưu');
  });

  it.each([
    ['lost before COMMIT was sent', new QueryRunnerAlreadyReleasedError()],
    ['lost during an INSERT', new QueryFailedError('INSERT …', [], pgError('Connection terminated unexpectedly'))],
    [
      'COMMIT refused by a deferred constraint (rolled back)',
      new QueryFailedError('COMMIT', [], pgError('violates', '23503')),
    ],
  ])('%s is not', (_label, error) => {
    expect(isCommitOutcomeUnknown(error)).toBe(false);
  });
});

import { HttpException } from '@nestjs/common';
import { errorDefinition } from './error-catalogue';

export type ErrorParams = Record<string, string | number>;

/**
 * The one exception type services throw for an expected failure. Its code must be declared with
 * `defineErrors`; the HTTP status and the messages come from there.
 */
export class AppException extends HttpException {
  constructor(
    readonly code: string,
    readonly params: ErrorParams = {},
    readonly details?: unknown,
  ) {
    const definition = errorDefinition(code);
    if (!definition) throw new Error(`Undeclared error code ${code}`);
    super(interpolate(definition.en, params), definition.status);
  }
}

export function interpolate(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { AppException } from './app.exception';
import { CommonErrors } from './error-catalogue';
import type { FieldProblem } from './error-response';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints
      ? [{ field, problems: Object.values(error.constraints), constraints: Object.keys(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Paths of the strings in a request value that hold a NUL character (PostgreSQL text cannot store one). */
export function nulFields(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [prefix || 'value'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulFields(item, `${prefix}[${index}]`));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([key, item]) => nulFields(item, prefix ? `${prefix}.${key}` : key));
  return [];
}

/**
 * The global pipe: a NUL character anywhere in a body, query or path string is refused as invalid input
 * (before, it reached PostgreSQL as a 500); then class-validator on the DTO.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const fields = nulFields(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (fields.length > 0)
        throw new AppException(
          CommonErrors.VALIDATION_FAILED,
          {},
          fields.map((field) => ({ field, problems: [`${field} contains a NUL character`], constraints: ['noNul'] })),
        );
    }
    return super.transform(value, metadata);
  }
}

/** Validates and transforms every DTO; unknown fields are refused rather than silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppException(CommonErrors.VALIDATION_FAILED, {}, flatten(errors)),
  });
}

import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Validates and transforms every DTO; unknown fields are refused rather than silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppException(CommonErrors.VALIDATION_FAILED, {}, flatten(errors)),
  });
}

import type { Type } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';
import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but not sent as null: class-validator's @IsOptional lets null through, which
 * a NOT NULL column then refuses with a 500. Use it on optional fields that have no "cleared" value.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/**
 * The body of a PATCH: every field of `dto` may be left out, but a field is never cleared by sending null
 * unless its own decorators allow null (@IsOptional). Swagger's plain PartialType would let null through to
 * every field, NOT NULL columns included (a 500 instead of a 400).
 */
export function PatchType<T>(dto: Type<T>): Type<Partial<T>> {
  return PartialType(dto, { skipNullProperties: false });
}

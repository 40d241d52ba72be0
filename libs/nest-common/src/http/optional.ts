import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but not sent as null: class-validator's @IsOptional lets null through, which
 * a NOT NULL column then refuses with a 500. Use it on optional fields that have no "cleared" value.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

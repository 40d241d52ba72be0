import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';

/** An object of at most 200 criterion codes, each mapped to an option code (short strings). */
function IsChoices(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isChoices',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 200 &&
          Object.entries(value).every(
            ([key, option]) =>
              key.length <= 20 && typeof option === 'string' && option.length >= 1 && option.length <= 20,
          ),
        defaultMessage: () => 'choices must map criterion codes to option codes (strings of at most 20 characters)',
      },
    },
    options,
  );
}

export class SaveScorecardDto {
  @ApiProperty({
    description: 'criterion code → chosen option code; a draft may leave criteria out',
    example: { 'A1.1': 'b', 'A1.2': 'c' },
  })
  @IsObject()
  @IsChoices()
  choices!: Record<string, string>;
}

export class SubmitScorecardDto {
  @ApiPropertyOptional({
    description: 'Every criterion of the set → its option; leave out to submit the saved draft',
    example: { 'A1.1': 'b', 'A1.2': 'c' },
  })
  @IsOptional()
  @IsObject()
  @IsChoices()
  choices?: Record<string, string>;
}

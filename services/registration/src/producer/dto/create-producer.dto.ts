import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  Validate,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { LEGAL_FORMS, TAX_CODE_PATTERN, type LegalForm } from '@ocop/contracts';
import { IsOptionalNotNull, PatchType } from '@ocop/nest-common';

/** A part of the workforce (trained, women, ethnic minority) cannot exceed the total. */
@ValidatorConstraint({ name: 'notAboveTotal' })
class NotAboveTotal implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const total = (args.object as WorkforceDto).total;
    return typeof value !== 'number' || typeof total !== 'number' || value <= total;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not exceed total`;
  }
}

export class WorkforceDto {
  @ApiProperty({ example: 25, description: 'Regular workers' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  total!: number;

  @ApiProperty({ example: 10, description: 'Workers with vocational training' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Validate(NotAboveTotal)
  trained!: number;

  @ApiProperty({ example: 14 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Validate(NotAboveTotal)
  women!: number;

  @ApiProperty({ example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Validate(NotAboveTotal)
  ethnicMinority!: number;
}

export class CreateProducerDto {
  @ApiProperty({ example: '2400123456', description: 'Mã số thuế: 10 digits, or 10 digits-3 digit branch' })
  @Matches(TAX_CODE_PATTERN, { message: 'taxCode must be 10 digits, or 10 digits, a hyphen and 3 digits' })
  taxCode!: string;

  @ApiProperty({ example: 'Hợp tác xã Mật ong Nghĩa Hòa', maxLength: 255 })
  @IsString()
  @Length(2, 255)
  name!: string;

  @ApiProperty({ enum: LEGAL_FORMS, example: 'cooperative' })
  @IsIn(LEGAL_FORMS)
  legalForm!: LegalForm;

  @ApiProperty({ example: '07381', description: 'Current (2025) commune-level unit where the producer is based' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode!: string;

  @ApiPropertyOptional({ example: 'Thôn Đồng Quan', description: 'Village (thôn, bản, ấp)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  village?: string;

  @ApiPropertyOptional({ example: 'Số 12, đường Lê Lợi' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  street?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An', description: 'Legal representative' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  representative?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?\d{8,15}$/, { message: 'phone must be 8 to 15 digits, optionally starting with +' })
  phone?: string;

  @ApiPropertyOptional({ example: 'htx.nghiahoa@example.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;

  @ApiPropertyOptional({ example: 'https://matongnghiahoa.vn' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string;

  @ApiPropertyOptional({ type: WorkforceDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => WorkforceDto)
  workforce?: WorkforceDto;

  @ApiPropertyOptional({ default: false, description: 'Led by a woman' })
  @IsOptionalNotNull()
  @IsBoolean()
  womenLed?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Led by a member of an ethnic minority' })
  @IsOptionalNotNull()
  @IsBoolean()
  ethnicMinorityLed?: boolean;

  @ApiPropertyOptional({ default: false, description: 'A youth start-up' })
  @IsOptionalNotNull()
  @IsBoolean()
  youthStartup?: boolean;
}

/** Any field but the tax code, which identifies the producer. */
export class UpdateProducerDto extends PatchType(OmitType(CreateProducerDto, ['taxCode'] as const)) {}

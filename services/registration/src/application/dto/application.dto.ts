import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PRODUCT_APPLICATION_KINDS, type ProductApplicationKind } from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application.entity';

@ValidatorConstraint({ name: 'onlyForUpgrade' })
class OnlyForUpgrade implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as { kind?: unknown }).kind === 'upgrade';
  }

  defaultMessage(): string {
    return 'targetStars is only for an upgrade';
  }
}

export class FileApplicationDto {
  @ApiProperty({
    enum: PRODUCT_APPLICATION_KINDS,
    description:
      '`re_evaluation` (đánh giá lại) of a certificate that is expiring or expired; `upgrade` (nâng hạng) to more stars',
  })
  @IsIn(PRODUCT_APPLICATION_KINDS)
  kind!: ProductApplicationKind;

  @ApiPropertyOptional({ example: 4, minimum: 1, maximum: 5, description: 'Upgrade only: the stars applied for' })
  @ValidateIf((dto: FileApplicationDto) => dto.kind === 'upgrade' || dto.targetStars !== undefined)
  @Validate(OnlyForUpgrade)
  @IsInt()
  @Min(1)
  @Max(5)
  targetStars?: number;

  @ApiPropertyOptional({ example: 'Đã đổi bao bì và bổ sung truy xuất nguồn gốc', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class WithdrawApplicationDto {
  @ApiProperty({ example: 'Chủ thể xin đánh giá lại vào đợt sau', maxLength: 2000 })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}

export class UploadApplicationDocumentDto {
  @ApiProperty({ example: 'self_assessment_report', description: 'Checklist item (GET /applications/{id} lists them)' })
  @IsString()
  @Length(2, 60)
  item!: string;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A unit in your jurisdiction (province or commune code); default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2}|\d{5})$/, { message: 'unit must be VN, a 2-digit province or a 5-digit commune code' })
  unit?: string;

  @ApiPropertyOptional({ enum: PRODUCT_APPLICATION_KINDS })
  @IsOptional()
  @IsIn(PRODUCT_APPLICATION_KINDS)
  kind?: ProductApplicationKind;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ description: '`true`: open or in a round; `false`: closed' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ example: 2026, description: 'Year filed (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { REVOCATION_REASONS, type RevocationReason } from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';
import { DecisionFieldsDto } from '../../decision/dto/decision.dto';
import type { CertificateStatus } from '../certificate.rules';

export const CERTIFICATE_STATUSES = ['valid', 'expiring', 'expired', 'revoked', 'superseded'] as const;

export class CertificateQuery extends PageQuery {
  @ApiPropertyOptional({ example: '24' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES, description: 'expiring: valid, ending within `withinDays`' })
  @IsOptional()
  @IsIn(CERTIFICATE_STATUSES)
  status?: CertificateStatus;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  withinDays?: number;

  @ApiPropertyOptional({ example: '2027-10-01', description: 'Validity ends before this date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresBefore?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;
}

export class RevokeCertificateDto extends DecisionFieldsDto {
  @ApiProperty({ enum: REVOCATION_REASONS })
  @IsIn(REVOCATION_REASONS)
  reason!: RevocationReason;

  @ApiPropertyOptional({ example: 'Kết quả kiểm tra ngày 12/3/2026 của Đoàn kiểm tra liên ngành' })
  @IsOptional()
  @IsString()
  @Length(3, 2000)
  note?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { UNIT_CODE_PATTERN } from '../../figures/dto/figures.dto';
import { PERIOD_KEY_PATTERN } from '../../figures/period';
import { REPORT_STATUSES, type ReportStatus } from '../report.entity';

const OBLIGATION = /^[a-z0-9-]{2,64}$/;

export class CreateReportDto {
  @ApiProperty({ example: 'commune-month' })
  @Matches(OBLIGATION)
  obligationCode!: string;

  @ApiProperty({ example: '2026-M03' })
  @Matches(PERIOD_KEY_PATTERN, { message: 'periodKey must look like 2026-M03, 2026-Q1, 2026-H1 or 2026' })
  periodKey!: string;

  @ApiPropertyOptional({ example: '07432', description: 'Default: your unit' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'Assessment, difficulties, proposals' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string;
}

export class UpdateReportDto {
  @ApiProperty()
  @IsString()
  @MaxLength(20_000)
  summary!: string;

  @ApiPropertyOptional({ description: 'The revision you saw; a newer one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedRevision?: number;
}

export class RevisionDto {
  @ApiPropertyOptional({ description: 'The revision you saw; a newer one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedRevision?: number;
}

export class ReturnReportDto extends RevisionDto {
  @ApiProperty({ example: 'Thiếu số liệu hỗ trợ bao bì, nhãn mác; đề nghị bổ sung' })
  @IsString()
  @Length(5, 2_000)
  reason!: string;
}

export class ReportListQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(OBLIGATION) obligation?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(PERIOD_KEY_PATTERN) period?: string;
  @ApiPropertyOptional({ enum: REPORT_STATUSES }) @IsOptional() @IsIn(REPORT_STATUSES) status?: ReportStatus;
  @ApiPropertyOptional({ description: 'Reports of, to or under this unit (default: yours)' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN)
  unit?: string;
}

export class CompletenessQuery {
  @ApiProperty({ example: 'commune-month' }) @Matches(OBLIGATION) obligation!: string;
  @ApiProperty({ example: '2026-M03' })
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must look like 2026-M03, 2026-Q1, 2026-H1 or 2026' })
  period!: string;
  @ApiPropertyOptional({ description: 'The unit whose tree is checked (default: yours)' })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN)
  unit?: string;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'pdf', 'csv'], default: 'xlsx' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['xlsx', 'pdf', 'csv'])
  format?: 'xlsx' | 'pdf' | 'csv';
}

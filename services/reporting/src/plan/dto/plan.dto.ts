import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class RecordActualDto {
  @ApiProperty({
    example: 12,
    description: 'The value achieved (in the target’s unit) or the amount spent (in the budget’s unit)',
  })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e15)
  value!: number;

  @ApiPropertyOptional({ example: 'Theo báo cáo của Phòng Nông nghiệp' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string;
}

export class ProgressQuery {
  @ApiPropertyOptional({ example: '2025-12-31', description: 'Measure on this day (default: today, Vietnam)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  asOf?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { PERIOD_KEY_PATTERN } from '../period';

export const UNIT_CODE_PATTERN = /^(VN|\d{2}|\d{5})$/;

export class FiguresQuery {
  @ApiPropertyOptional({
    example: '24',
    description: 'A 2025 province (2 digits) or commune (5 digits), or VN; default: yours',
  })
  @IsOptional()
  @Matches(UNIT_CODE_PATTERN, { message: 'unit must be VN, a 2-digit province or a 5-digit commune code' })
  unit?: string;

  @ApiProperty({ example: '2026-M03', description: 'A period key: 2026-M03, 2026-Q1, 2026-H1 or 2026' })
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must look like 2026-M03, 2026-Q1, 2026-H1 or 2026' })
  period!: string;

  @ApiPropertyOptional({ default: true, description: 'Include the figures of each unit directly under (drill-down)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'false' || value === false ? false : value === 'true' || value === true ? true : value,
  )
  @IsBoolean()
  children?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PROVINCE_CODE_PATTERN } from '@ocop/contracts';
import type { RegulationOverrideEntity } from '../regulation-override.entity';
import type { RegulationVersion } from '../regulation.rules';

export class InForceQuery {
  @ApiProperty({ example: '2026-06-10', description: 'The round date (Asia/Ho_Chi_Minh)' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ example: '24', description: 'Province whose choice (if any) applies' })
  @IsOptional()
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a 2-digit province code' })
  province?: string;
}

export class SetOverrideDto {
  @ApiProperty({ example: '148/2023' })
  @IsString()
  @Length(3, 40)
  versionCode!: string;

  @ApiProperty({ example: '2025-07-06' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiProperty({ example: 'Công văn của UBND tỉnh về áp dụng bộ tiêu chí cho đợt đánh giá năm 2025' })
  @IsString()
  @Length(5, 1000)
  reason!: string;
}

export class StarBandView {
  @ApiProperty() stars!: number;
  @ApiProperty({ description: 'Lower bound, inclusive; the band ends at the next bound, exclusive' }) from!: number;
}

export class LevelRuleView {
  @ApiProperty({ enum: ['district', 'province', 'national'] }) level!: string;
  @ApiProperty({ type: [Number] }) recognises!: number[];
  @ApiProperty({ nullable: true, type: Number }) forwardsFrom!: number | null;
}

export class RegulationVersionView {
  @ApiProperty({ example: '148/2023' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { A: 40, B: 25, C: 35 } })
  partMaxima!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) partNames!: Record<string, string>;
  @ApiProperty({ type: [StarBandView] }) starBands!: StarBandView[];
  @ApiProperty() minimumCertifiedStars!: number;
  @ApiProperty({ type: [LevelRuleView] }) levels!: LevelRuleView[];
  @ApiProperty() certificateValidityMonths!: number;
  @ApiProperty() expiryNoticeDays!: number;

  static of(version: RegulationVersion): RegulationVersionView {
    return { ...version };
  }
}

export class OverrideView {
  @ApiProperty() provinceCode!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty() versionCode!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() setBy!: string;
  @ApiProperty() setAt!: string;

  static of(override: RegulationOverrideEntity): OverrideView {
    return { ...override, setAt: override.setAt.toISOString() };
  }
}

export class InForceView {
  @ApiProperty({ type: RegulationVersionView }) version!: RegulationVersionView;
  @ApiProperty({ enum: ['national', 'province'] }) source!: 'national' | 'province';
  @ApiPropertyOptional({ type: OverrideView }) override?: OverrideView;
}

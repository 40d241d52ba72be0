import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  PROMOTION_EVENT_KINDS,
  PROMOTION_EVENT_LEVELS,
  type PromotionEventKind,
  type PromotionEventLevel,
} from '@ocop/contracts';
import { PageQuery, PatchType } from '@ocop/nest-common';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const EVENT_STATUSES = ['planned', 'cancelled', 'completed'] as const;

export class CreatePromotionEventDto {
  @ApiProperty({ example: 'Hội chợ OCOP tỉnh Bắc Giang 2024' })
  @IsString()
  @Length(5, 500)
  name!: string;

  @ApiProperty({ enum: PROMOTION_EVENT_KINDS })
  @IsIn(PROMOTION_EVENT_KINDS)
  kind!: PromotionEventKind;

  @ApiProperty({ enum: PROMOTION_EVENT_LEVELS })
  @IsIn(PROMOTION_EVENT_LEVELS)
  level!: PromotionEventLevel;

  @ApiProperty({ example: '24', description: 'The organising unit: VN, a province, a district or a commune' })
  @Matches(/^(VN|\d{2,5})$/)
  unitCode!: string;

  @ApiProperty({ example: '24', description: 'Its province (VN for the ministry): jurisdiction and lists' })
  @Matches(/^(VN|\d{2})$/)
  provinceCode!: string;

  @ApiProperty({ example: 'Sở Công Thương tỉnh Bắc Giang', description: 'Told when a product must leave' })
  @IsString()
  @Length(3, 300)
  organiserName!: string;

  @ApiProperty({ example: 'Quảng trường 3/2, thành phố Bắc Giang' })
  @IsString()
  @Length(3, 500)
  place!: string;

  @ApiProperty({ example: '2024-11-20' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  startsOn!: string;

  @ApiProperty({ example: '2024-11-24' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  endsOn!: string;

  @ApiProperty({ example: 120, description: 'Booths: one per enrolled product' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  capacity!: number;

  @ApiPropertyOptional({ default: 3, minimum: 3, maximum: 5, description: 'Least stars to take part' })
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(5)
  minStars?: number;
}

export class UpdatePromotionEventDto extends PatchType(
  OmitType(CreatePromotionEventDto, ['kind', 'level', 'unitCode', 'provinceCode', 'minStars'] as const),
) {}

export class PromotionEventQuery extends PageQuery {
  @ApiPropertyOptional({ example: '24', description: 'Default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ example: 2024, description: 'Events running in that year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: PROMOTION_EVENT_KINDS })
  @IsOptional()
  @IsIn(PROMOTION_EVENT_KINDS)
  kind?: PromotionEventKind;

  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: (typeof EVENT_STATUSES)[number];
}

export class EnrolDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiPropertyOptional({ example: 'A-12' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  booth?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Chủ thể xin rút do không bố trí được hàng' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class ProductResultDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiPropertyOptional({ example: 35_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e15)
  salesVnd?: number;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  contractsSigned?: number;
}

export class EventResultsDto {
  @ApiProperty({ example: 45_000 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  visitors!: number;

  @ApiProperty({ example: 3_200_000_000 })
  @IsInt()
  @Min(0)
  @Max(1e15)
  salesVnd!: number;

  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  contractsSigned!: number;

  @ApiPropertyOptional({ example: 12_500_000_000, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e15)
  contractsValueVnd?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  note?: string;

  @ApiPropertyOptional({ type: [ProductResultDto], description: 'Per enrolled product' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => ProductResultDto)
  products?: ProductResultDto[];
}

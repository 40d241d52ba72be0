import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { LEGAL_FORMS, type LegalForm, type RoundEntryKind, PROVINCE_CODE_PATTERN } from '@ocop/contracts';
import { IsOptionalNotNull } from '@ocop/nest-common';
import { ITEM_CODE, PLAN_CODE, ROUND_ENTRY_KINDS, TARGET_INDICATORS, TARGET_PER } from '../plan.data';
import type { TargetIndicator, TargetPer } from '../plan.data';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_AMOUNT = 1e15;

/**
 * Text without control characters but tab and line breaks: PostgreSQL refuses a NUL in text and jsonb (a 500
 * otherwise), and nothing a plan says needs the others.
 */
const TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
function IsText(options?: ValidationOptions): PropertyDecorator {
  return Matches(TEXT, { message: '$property must not hold control characters', ...options });
}

/** A finite number with at most 2 decimals (class-validator's maxDecimalPlaces throws on 5e-324: a 500). */
const isCents = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  (Number.isInteger(value) || Number(value.toFixed(2)) === value);

function IsCents(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCents',
      validator: {
        validate: isCents,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a number with at most 2 decimals`,
      },
    },
    options,
  );
}

/** An object mapping years (4 digits) to amounts: finite numbers ≥ 0, at most 2 decimals. */
function IsAmountsByYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAmountsByYear',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 50 &&
          Object.entries(value).every(
            ([year, amount]) => /^\d{4}$/.test(year) && isCents(amount) && amount >= 0 && amount <= MAX_AMOUNT,
          ),
        defaultMessage: (args) =>
          `${args?.property ?? 'amounts'} must map years (e.g. "2019") to amounts ≥ 0 with at most 2 decimals`,
      },
    },
    options,
  );
}

export class RecordActualDto {
  @ApiProperty({
    example: 12,
    description: 'The value achieved (in the target’s unit) or the amount spent (in the budget’s unit)',
  })
  @IsCents()
  @Min(0)
  @Max(1e15)
  value!: number;

  @ApiPropertyOptional({ example: 'Theo báo cáo của Phòng Nông nghiệp' })
  @IsOptional()
  @IsString()
  @IsText()
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

export class PlanListQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'List withdrawn plans too (default: the plans in force)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  includeWithdrawn?: boolean;
}

export class TargetParamsDto {
  @ApiPropertyOptional({ minimum: 3, maximum: 5, default: 3, description: 'certified_products: least stars' })
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(5)
  minStars?: number;

  @ApiPropertyOptional({
    enum: ROUND_ENTRY_KINDS,
    isArray: true,
    description: 'certified_products: which certificates count (default: all three kinds)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROUND_ENTRY_KINDS, { each: true })
  kinds?: RoundEntryKind[];

  @ApiPropertyOptional({ enum: LEGAL_FORMS, description: 'producer_share: the legal form whose share is measured' })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;
}

/** A target's fields but its code and quote. */
export class TargetFieldsDto {
  @ApiProperty({ example: 'Sản phẩm OCOP mới đạt 3 sao trở lên' })
  @IsString()
  @IsText()
  @Length(3, 500)
  labelVi!: string;

  @ApiProperty({
    enum: TARGET_INDICATORS,
    description:
      'certified_products (certificates issued in the scope from `from` to the deadline), producer_share (percent of producers of a legal form), sales_points (open on the day), manual (recorded by an officer)',
  })
  @IsIn(TARGET_INDICATORS)
  indicator!: TargetIndicator;

  @ApiPropertyOptional({ type: TargetParamsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => TargetParamsDto)
  params?: TargetParamsDto;

  @ApiProperty({ example: 8, description: 'At least this much by the deadline (> 0; for each commune with per)' })
  @IsCents()
  @IsPositive()
  @Max(1e12)
  value!: number;

  @ApiProperty({ example: 'products', description: 'products, percent, sales_points, organisations, …' })
  @IsString()
  @IsText()
  @Length(1, 50)
  unit!: string;

  @ApiProperty({ example: '2024-01-01', description: 'Counted from this day (within the plan’s period)' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2024-12-31', description: 'By this day (within the plan’s period)' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  deadline!: string;

  @ApiPropertyOptional({
    enum: TARGET_PER,
    description: 'commune: the value applies to each 2025 commune of the plan’s scope (not with unitCode or manual)',
  })
  @IsOptionalNotNull()
  @IsIn(TARGET_PER)
  per?: TargetPer;

  @ApiPropertyOptional({ example: '07420', description: 'Measured in this one 2025 commune of the plan’s scope' })
  @IsOptionalNotNull()
  @Matches(/^\d{5}$/)
  unitCode?: string;

  @ApiPropertyOptional({ description: 'What the quote needs to be read right (a unit merged since, …)' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 2_000)
  note?: string;
}

export class NewTargetDto extends TargetFieldsDto {
  @ApiProperty({ example: 'new-products-3-stars', description: 'Unique in the plan' })
  @Matches(ITEM_CODE)
  @Length(1, 60)
  code!: string;

  @ApiProperty({
    example: 'Phấn đấu năm 2024 có tối thiểu 8 sản phẩm đạt 3 sao trở lên',
    description: 'The plan’s own words',
  })
  @IsString()
  @IsText()
  @Length(1, 4_000)
  quote!: string;
}

export class ReplaceTargetDto extends TargetFieldsDto {
  @ApiPropertyOptional({ description: 'The plan’s own words (default: the quote the target has)' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 4_000)
  quote?: string;
}

/** A budget line's fields but its code and section. */
export class BudgetLineFieldsDto {
  @ApiProperty({ example: 'Hội nghị triển khai Chương trình OCOP' })
  @IsString()
  @IsText()
  @Length(1, 1_000)
  item!: string;

  @ApiProperty({ example: ['Sở Nông nghiệp và PTNT'], description: 'Lead units (chủ trì)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsText({ each: true })
  @Length(1, 300, { each: true })
  lead!: string[];

  @ApiProperty({ example: ['Các sở, ngành liên quan'], description: 'Partner units (phối hợp)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsText({ each: true })
  @Length(1, 300, { each: true })
  partners!: string[];

  @ApiProperty({
    example: { '2019': 82 },
    description: 'Amount per year, in the budget’s unit (≥ 0, years of the budget); a year left out is none',
  })
  @IsAmountsByYear()
  amounts!: Record<string, number>;

  @ApiPropertyOptional({ example: 82, description: 'The printed total (default: the sum of the amounts)' })
  @IsOptionalNotNull()
  @IsCents()
  @Min(0)
  @Max(MAX_AMOUNT)
  total?: number;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 2_000)
  note?: string;
}

export class BudgetLineDto extends BudgetLineFieldsDto {
  @ApiProperty({ example: 'II.1', description: 'Unique in the plan' })
  @Matches(ITEM_CODE)
  @Length(1, 30)
  code!: string;
}

export class NewBudgetLineDto extends BudgetLineDto {
  @ApiProperty({ example: 'II', description: 'The budget section the line belongs to' })
  @Matches(ITEM_CODE)
  @Length(1, 30)
  section!: string;
}

export class ReplaceBudgetLineDto extends BudgetLineFieldsDto {
  @ApiPropertyOptional({ example: 'II', description: 'Move the line to this section (default: where it is)' })
  @IsOptionalNotNull()
  @Matches(ITEM_CODE)
  @Length(1, 30)
  section?: string;
}

/** The totals a budget or one of its sections prints, checked against the sum of its lines. */
class StatedTotalsDto {
  @ApiPropertyOptional({ description: 'The printed total (of the section, or of the whole budget)' })
  @IsOptionalNotNull()
  @IsCents()
  @Min(0)
  @Max(MAX_AMOUNT)
  statedTotal?: number;

  @ApiPropertyOptional({ description: 'The printed totals per year' })
  @IsOptionalNotNull()
  @IsAmountsByYear()
  statedByYear?: Record<string, number>;
}

export class BudgetSectionDto extends StatedTotalsDto {
  @ApiProperty({ example: 'II' })
  @Matches(ITEM_CODE)
  @Length(1, 30)
  code!: string;

  @ApiProperty({ example: 'Đánh giá thực trạng sản phẩm truyền thống' })
  @IsString()
  @IsText()
  @Length(1, 1_000)
  title!: string;

  @ApiProperty({ type: [BudgetLineDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineDto)
  lines!: BudgetLineDto[];
}

export const BUDGET_UNIT_AMOUNTS = [1, 1_000, 1_000_000, 1_000_000_000] as const;

export class BudgetDto extends StatedTotalsDto {
  @ApiPropertyOptional({ enum: ['VND'], default: 'VND' })
  @IsOptionalNotNull()
  @IsIn(['VND'])
  currency?: 'VND';

  @ApiProperty({ enum: BUDGET_UNIT_AMOUNTS, example: 1_000_000, description: 'What one unit of the amounts is in VND' })
  @IsIn(BUDGET_UNIT_AMOUNTS)
  unitAmount!: number;

  @ApiProperty({ example: 'triệu đồng' })
  @IsString()
  @IsText()
  @Length(1, 50)
  unitLabel!: string;

  @ApiProperty({ example: [2018, 2019, 2020], description: 'Within the plan’s years' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(2000, { each: true })
  @Max(2100, { each: true })
  years!: number[];

  @ApiProperty({ type: [BudgetSectionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BudgetSectionDto)
  sections!: BudgetSectionDto[];
}

export class PlanScopeDto {
  @ApiProperty({ example: '24', description: 'A 2025 province' })
  @Matches(PROVINCE_CODE_PATTERN)
  provinceCode!: string;

  @ApiPropertyOptional({
    example: ['07375', '07381'],
    description: '2025 communes of the province that measure the plan (default: the whole province)',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^\d{5}$/, { each: true })
  communeCodes?: string[];

  @ApiPropertyOptional({ description: 'How the scope relates to the unit that issued the plan' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 2_000)
  note?: string;
}

export class PlanSourceDto {
  @ApiProperty({ example: 'Kế hoạch số 14/KH-UBND ngày 06/02/2024 của UBND tỉnh Bắc Giang' })
  @IsString()
  @IsText()
  @Length(3, 500)
  document!: string;

  @ApiPropertyOptional({ example: 'II. Mục tiêu' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 500)
  section?: string;

  @ApiPropertyOptional({ example: 'Quyết định số 919/QĐ-TTg ngày 01/8/2022' })
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 2_000)
  basis?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 4_000)
  remarks?: string;
}

export class CreatePlanDto {
  @ApiProperty({ example: 'bac-ninh-2026', description: 'Lower-case words joined by hyphens; unique' })
  @Matches(PLAN_CODE)
  @Length(3, 80)
  code!: string;

  @ApiProperty({ example: 'Kế hoạch thực hiện Chương trình OCOP tỉnh Bắc Ninh năm 2026' })
  @IsString()
  @IsText()
  @Length(5, 1_000)
  title!: string;

  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh Bắc Ninh' })
  @IsString()
  @IsText()
  @Length(3, 300)
  issuer!: string;

  @ApiPropertyOptional({
    example: '24',
    description: 'The 2025 unit that issued the plan: the province or one of its communes (default: the province)',
  })
  @IsOptionalNotNull()
  @Matches(/^(\d{2}|\d{5})$/)
  unitCode?: string;

  @ApiProperty({ type: PlanScopeDto })
  @ValidateNested()
  @Type(() => PlanScopeDto)
  scope!: PlanScopeDto;

  @ApiProperty({ example: '2026-01-01' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  to!: string;

  @ApiProperty({ type: PlanSourceDto })
  @ValidateNested()
  @Type(() => PlanSourceDto)
  source!: PlanSourceDto;

  @ApiProperty({ type: [NewTargetDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => NewTargetDto)
  targets!: NewTargetDto[];

  @ApiPropertyOptional({ type: BudgetDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => BudgetDto)
  budget?: BudgetDto;
}

/** What of a source may change: never the seed a pre-loaded plan quotes. */
export class UpdatePlanSourceDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(3, 500)
  document?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 500)
  section?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 2_000)
  basis?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(1, 4_000)
  remarks?: string;
}

export class UpdatePlanDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(5, 1_000)
  title?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @IsText()
  @Length(3, 300)
  issuer?: string;

  @ApiPropertyOptional({ description: 'The 2025 unit that issued the plan: the province or one of its communes' })
  @IsOptionalNotNull()
  @Matches(/^(\d{2}|\d{5})$/)
  unitCode?: string;

  @ApiPropertyOptional({ type: PlanScopeDto, description: 'The whole scope, replaced' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => PlanScopeDto)
  scope?: PlanScopeDto;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ type: UpdatePlanSourceDto, description: 'The fields given replace those of the source' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => UpdatePlanSourceDto)
  source?: UpdatePlanSourceDto;

  @ApiPropertyOptional({ description: 'The revision read: refused with PLAN_CHANGED_CONCURRENTLY if it moved on' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedRevision?: number;
}

export class WithdrawPlanDto {
  @ApiProperty({ example: 'Thay thế bằng Kế hoạch số 20/KH-UBND' })
  @IsString()
  @IsText()
  @Length(3, 2_000)
  reason!: string;
}

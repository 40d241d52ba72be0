import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PRODUCT_GROUPS, type ProductGroup } from '@ocop/contracts';
import { REQUIRED_STAR_LEVELS, type RequiredStarLevel } from '../criteria-set.rules';

/** The shape of a criteria set; its rules (parts adding up, unique codes, …) are checked by the service. */
export class CriteriaOptionDto {
  @ApiProperty({ example: 'b' })
  @Matches(/^[A-Za-z0-9_.-]{1,20}$/, { message: 'code must be 1-20 letters, digits, dots, dashes or underscores' })
  code!: string;

  @ApiProperty({ example: 'Có bản tự công bố hoặc đăng ký bản công bố sản phẩm theo quy định' })
  @IsString()
  @Length(1, 1000)
  text!: string;

  @ApiProperty({ example: 2, minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  points!: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'C2.1', description: 'Unique in the set' })
  @Matches(/^[A-Z][A-Za-z0-9_.-]{0,19}$/, {
    message: 'code must start with a capital letter, then up to 19 letters, digits, dots, dashes or underscores',
  })
  code!: string;

  @ApiProperty({ example: 'C2. Tiêu chuẩn sản phẩm, an toàn thực phẩm, truy xuất nguồn gốc' })
  @IsString()
  @Length(1, 255)
  section!: string;

  @ApiProperty({ example: 'Công bố tiêu chuẩn chất lượng sản phẩm' })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiProperty({ type: [CriteriaOptionDto], description: 'At least 2; at most one worth 0' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriteriaOptionDto)
  options!: CriteriaOptionDto[];

  @ApiPropertyOptional({
    enum: REQUIRED_STAR_LEVELS,
    nullable: true,
    description: 'Lowest star level that requires the criterion (tiêu chí bắt buộc); missing it caps the stars below',
  })
  @IsOptional()
  @IsIn(REQUIRED_STAR_LEVELS)
  requiredForStars?: RequiredStarLevel | null;

  @ApiPropertyOptional({
    example: 2,
    description: "Points the chosen option needs to meet the requirement (default: the lowest positive option's)",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  requiredMinimumPoints?: number;
}

export class CriteriaPartDto {
  @ApiProperty({ example: 'C', description: "One of the regulation version's parts" })
  @Matches(/^[A-Z][A-Z0-9]{0,3}$/, { message: 'code must be a capital letter, then up to 3 capitals or digits' })
  code!: string;

  @ApiProperty({ example: 'Chất lượng sản phẩm' })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria!: CriterionDto[];
}

/** A criteria set as imported and exported (GET /criteria-sets/{id}/export gives this shape back). */
export class ImportCriteriaSetDto {
  @ApiProperty({ example: '148/2023', description: 'A regulation version code (GET /regulations)' })
  @IsString()
  @Length(3, 40)
  versionCode!: string;

  @ApiProperty({ enum: PRODUCT_GROUPS })
  @IsIn(PRODUCT_GROUPS)
  group!: ProductGroup;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'tea',
    description: 'A subgroup of the group (GET /product-groups in registration), or null for the whole group',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'subgroup must be a subgroup code such as tea or processed' })
  subgroup?: string | null;

  @ApiProperty({ example: 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP nhóm Thực phẩm (theo Quyết định 148/QĐ-TTg)' })
  @IsString()
  @Length(5, 500)
  title!: string;

  @ApiProperty({ description: 'Provenance: what the set was compiled from' })
  @IsString()
  @Length(5, 2000)
  source!: string;

  @ApiProperty({ type: [CriteriaPartDto] })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriteriaPartDto)
  parts!: CriteriaPartDto[];
}

export class ListCriteriaSetsQuery {
  @ApiPropertyOptional({ example: '148/2023' })
  @IsOptional()
  @IsString()
  @Length(3, 40)
  version?: string;

  @ApiPropertyOptional({ enum: PRODUCT_GROUPS })
  @IsOptional()
  @IsIn(PRODUCT_GROUPS)
  group?: ProductGroup;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Every revision, not only the latest of each set' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allRevisions?: 'true' | 'false';
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  LEGAL_FORMS,
  PRODUCT_GROUPS,
  PRODUCT_STAGES,
  type LegalForm,
  type ProductGroup,
  type ProductStage,
} from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';

export const PRODUCT_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A unit in your jurisdiction (province or commune code); default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2}|\d{5})$/, { message: 'unit must be VN, a 2-digit province or a 5-digit commune code' })
  unit?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_GROUPS })
  @IsOptional()
  @IsIn(PRODUCT_GROUPS)
  group?: ProductGroup;

  @ApiPropertyOptional({ example: 'tea' })
  @IsOptional()
  @Matches(/^[a-z_]{2,40}$/)
  subgroup?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STAGES })
  @IsOptional()
  @IsIn(PRODUCT_STAGES)
  status?: ProductStage;

  @ApiPropertyOptional({ example: 2026, description: 'Cycle year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: LEGAL_FORMS, description: "The producer's legal form" })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiPropertyOptional({ enum: PRODUCT_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort: (typeof PRODUCT_SORTS)[number] = '-createdAt';
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { LEGAL_FORMS, type LegalForm } from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';

export const PRODUCER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export class ListProducersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'A unit in your jurisdiction (province or commune code); default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2}|\d{5})$/, { message: 'unit must be VN, a 2-digit province or a 5-digit commune code' })
  unit?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiPropertyOptional({ enum: PRODUCER_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(PRODUCER_SORTS)
  sort: (typeof PRODUCER_SORTS)[number] = '-createdAt';
}

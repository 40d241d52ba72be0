import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@ocop/nest-common';
import { ADMIN_UNIT_ERAS, ADMIN_UNIT_LEVELS, type AdminUnitEra, type AdminUnitLevel } from '../admin-unit.entity';

export class ListAdminUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ADMIN_UNIT_ERAS, default: '2025', description: '`legacy`: units until 30 June 2025' })
  @IsOptional()
  @IsIn(ADMIN_UNIT_ERAS)
  era: AdminUnitEra = '2025';

  @ApiPropertyOptional({ enum: ADMIN_UNIT_LEVELS })
  @IsOptional()
  @IsIn(ADMIN_UNIT_LEVELS)
  level?: AdminUnitLevel;

  @ApiPropertyOptional({ example: '24', description: 'Only the units directly under this one' })
  @IsOptional()
  @Matches(/^\d{2,5}$/)
  parent?: string;
}

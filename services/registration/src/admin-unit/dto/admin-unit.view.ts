import { ApiProperty } from '@nestjs/swagger';
import {
  ADMIN_UNIT_ERAS,
  ADMIN_UNIT_LEVELS,
  type AdminUnitEntity,
  type AdminUnitEra,
  type AdminUnitLevel,
} from '../admin-unit.entity';

export class AdminUnitView {
  @ApiProperty({ enum: ADMIN_UNIT_ERAS }) era!: AdminUnitEra;
  @ApiProperty({ example: '07381' }) code!: string;
  @ApiProperty({ example: 'Xã Tiên Lục' }) name!: string;
  @ApiProperty({ enum: ADMIN_UNIT_LEVELS }) level!: AdminUnitLevel;
  @ApiProperty({ example: 'xa' }) kind!: string;
  @ApiProperty({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ type: [String], description: 'Own code and the codes above it, nearest first' }) ancestors!: string[];
  @ApiProperty({ nullable: true, type: String }) validFrom!: string | null;
  @ApiProperty({ nullable: true, type: String }) validTo!: string | null;

  static of(unit: AdminUnitEntity): AdminUnitView {
    return { ...unit };
  }
}

export class LegacyResolutionView {
  @ApiProperty({ type: AdminUnitView }) legacy!: AdminUnitView;
  @ApiProperty({ type: [AdminUnitView], description: 'Current units containing it (several when it was split)' })
  current!: AdminUnitView[];
}

export class AdminUnitPage {
  @ApiProperty({ type: [AdminUnitView] }) items!: AdminUnitView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

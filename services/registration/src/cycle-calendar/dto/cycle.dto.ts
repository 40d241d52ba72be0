import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CYCLE_STEPS, type CycleStep, PROVINCE_CODE_PATTERN } from '@ocop/contracts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CycleStepDto {
  @ApiProperty({ enum: CYCLE_STEPS })
  @IsIn(CYCLE_STEPS)
  step!: CycleStep;

  @ApiProperty({ example: 'Nhận đăng ký ý tưởng sản phẩm' })
  @IsString()
  @Length(3, 300)
  nameVi!: string;

  @ApiProperty({ example: '2027-03-01' })
  @Matches(DATE)
  opensOn!: string;

  @ApiProperty({ example: '2027-04-30' })
  @Matches(DATE)
  closesOn!: string;

  @ApiProperty({ type: [String], example: [] })
  @IsArray()
  @ArrayMaxSize(12)
  @Matches(DATE, { each: true })
  deadlines!: string[];
}

export class CalendarDto {
  @ApiProperty({ type: [CycleStepDto], description: 'The six steps, dates inside the year' })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CycleStepDto)
  steps!: CycleStepDto[];
}

export class StartCycleDto {
  @ApiProperty({ example: '24', description: 'A current province (2 digits) or commune (5 digits)' })
  @Matches(/^(\d{2}|\d{5})$/)
  unitCode!: string;

  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    type: [CycleStepDto],
    description: "The unit's calendar; default: the plans' calendar for the unit and year, else the default one",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => CycleStepDto)
  steps?: CycleStepDto[];
}

/** A cycle in the path: `/cycles/:unitCode/:year`. */
export class CycleParams extends PickType(StartCycleDto, ['unitCode', 'year'] as const) {}

export class CycleListQuery extends PickType(StartCycleDto, ['year'] as const) {
  @ApiPropertyOptional({ example: '24', description: 'Only this province’s cycles' })
  @IsOptional()
  @Matches(PROVINCE_CODE_PATTERN)
  province?: string;
}

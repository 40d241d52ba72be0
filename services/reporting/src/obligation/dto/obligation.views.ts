import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PERIOD_TYPES } from '../reporting-calendar';

export class CalendarQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year (default: the current year in Vietnam)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;
}

export class PartyView {
  @ApiProperty({ example: '611' }) unitCode!: string;
  @ApiProperty({ example: 'legacy' }) era!: string;
  @ApiProperty({ example: 'Phòng Nông nghiệp và PTNT huyện Ngọc Hồi' }) body!: string;
}

export class ObligationView {
  @ApiProperty({ example: 'ngoc-hoi-month' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: PartyView }) reporter!: PartyView;
  @ApiProperty({ type: PartyView }) recipient!: PartyView;
  @ApiProperty({ enum: PERIOD_TYPES }) periodType!: string;
  @ApiProperty({ example: { month: 'period_last', day: 20 }, description: 'Due before day `day` of `month`' })
  due!: object;
  @ApiProperty({ description: 'The plan’s own words' }) quote!: string;
  @ApiProperty({ type: [Number] }) reminderDaysBefore!: number[];
  @ApiProperty() escalateDaysAfter!: number;
  @ApiProperty() validFrom!: string;
  @ApiProperty({ nullable: true, type: String }) validTo!: string | null;
  @ApiPropertyOptional({
    description:
      'Who reports with the 2025 units: the communes of a province (or of every province), or every province',
    example: { reporters: 'communes', of: '38', note: '…' },
  })
  current?: object;
}

export class PeriodDeadlineView {
  @ApiProperty({ example: '2026-M03' }) key!: string;
  @ApiProperty({ example: 'Tháng 3/2026' }) label!: string;
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
  @ApiProperty({ example: '2026-03-20' }) dueBefore!: string;
  @ApiProperty({ example: '2026-03-20T00:00:00+07:00' }) deadline!: string;
  @ApiProperty({ type: [String] }) reminders!: string[];
  @ApiProperty() escalation!: string;
}

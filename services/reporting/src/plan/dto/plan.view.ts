import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_STATUSES } from '../plan.entity';
import { TARGET_INDICATORS, TARGET_PER } from '../plan.data';
import { BudgetDto, NewTargetDto, PlanScopeDto } from './plan.dto';

/** OpenAPI shapes of what the plan routes answer (the services return plain objects of these shapes). */

export class PlanIssuingUnitView {
  @ApiProperty({ enum: ['legacy', '2025'] }) era!: string;
  @ApiProperty({ example: '217' }) code!: string;
  @ApiProperty({ example: 'Huyện Lạng Giang' }) name!: string;
  @ApiPropertyOptional({ example: 'Tỉnh Bắc Giang' }) parent?: string;
}

export class PlanSourceView {
  @ApiPropertyOptional({ example: '003_ffe4850c18d5b9c6.txt', description: 'Pre-loaded plans: the seed quoted' })
  seed?: string;
  @ApiPropertyOptional({ example: 'Kế hoạch số 14/KH-UBND ngày 06/02/2024' }) document?: string;
  @ApiPropertyOptional() section?: string;
  @ApiPropertyOptional() basis?: string;
  @ApiPropertyOptional() remarks?: string;
}

export class PlanWithdrawalView {
  @ApiProperty() reason!: string;
  @ApiProperty() withdrawnBy!: string;
  @ApiProperty({ format: 'date-time' }) withdrawnAt!: string;
}

export class PlanHeaderView {
  @ApiProperty({ example: 'lang-giang-2024' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty({ type: PlanIssuingUnitView }) unit!: PlanIssuingUnitView;
  @ApiProperty({ type: PlanScopeDto }) scope!: PlanScopeDto;
  @ApiProperty({ example: '2024-01-01' }) from!: string;
  @ApiProperty({ example: '2024-12-31' }) to!: string;
  @ApiProperty({ type: PlanSourceView }) source!: PlanSourceView;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiProperty({ description: 'Loaded from data/plans (quotes verbatim from its seed)' }) preloaded!: boolean;
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) updatedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: PlanWithdrawalView, nullable: true }) withdrawal!: PlanWithdrawalView | null;
}

export class PlanView extends PlanHeaderView {
  @ApiProperty({ type: [NewTargetDto] }) targets!: NewTargetDto[];
  @ApiPropertyOptional({ type: BudgetDto }) budget?: BudgetDto;
}

export class UnitProgressView {
  @ApiProperty({ example: '07420' }) unitCode!: string;
  @ApiProperty({ example: 'Xã Mỹ Thái' }) unitName!: string;
  @ApiProperty() actual!: number;
  @ApiProperty({ nullable: true, type: Number }) progress!: number | null;
  @ApiProperty() achieved!: boolean;
  @ApiProperty({ enum: ['achieved', 'in_progress', 'missed', 'not_recorded'] }) status!: string;
}

export class TargetProgressView {
  @ApiProperty() planCode!: string;
  @ApiProperty() planTitle!: string;
  @ApiProperty() code!: string;
  @ApiProperty() labelVi!: string;
  @ApiProperty({ enum: TARGET_INDICATORS }) indicator!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ description: 'The target (for each commune with per)' }) target!: number;
  @ApiProperty() from!: string;
  @ApiProperty() deadline!: string;
  @ApiProperty({ description: 'The deadline, or the as-of day if earlier' }) measuredOn!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'null: a manual target not recorded; per commune: the weakest commune’s',
  })
  actual!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'actual / target' }) progress!: number | null;
  @ApiProperty() achieved!: boolean;
  @ApiProperty({ enum: ['achieved', 'in_progress', 'missed', 'not_recorded'] }) status!: string;
  @ApiProperty() quote!: string;
  @ApiPropertyOptional({ enum: TARGET_PER, description: 'Achieved when every commune achieved it' }) per?: string;
  @ApiPropertyOptional() unitsAchieved?: number;
  @ApiPropertyOptional() unitsTotal?: number;
  @ApiPropertyOptional({ type: [UnitProgressView] }) units?: UnitProgressView[];
  @ApiPropertyOptional({ description: 'A target measured in one commune' }) unitCode?: string;
  @ApiPropertyOptional() unitName?: string;
}

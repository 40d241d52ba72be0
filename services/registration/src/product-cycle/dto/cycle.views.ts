import { ApiProperty } from '@nestjs/swagger';
import type { BusinessPlanEntity } from '../business-plan.entity';
import { SELECTION_DECISIONS, type ProductSelectionEntity, type SelectionDecision } from '../product-selection.entity';

export class SelectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SELECTION_DECISIONS }) decision!: SelectionDecision;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() decidedByUnit!: string;
  @ApiProperty() decidedAt!: string;

  static of(selection: ProductSelectionEntity): SelectionView {
    return { ...selection, decidedAt: selection.decidedAt.toISOString() };
  }
}

export class BusinessPlanView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ nullable: true, type: String, description: 'VND, as a decimal string' }) investmentVnd!: string | null;
  @ApiProperty({ nullable: true, type: String }) annualCapacity!: string | null;
  @ApiProperty({ nullable: true, type: String }) targetMarkets!: string | null;
  @ApiProperty({ nullable: true, type: String }) consultant!: string | null;
  @ApiProperty() updatedAt!: string;

  static of(plan: BusinessPlanEntity): BusinessPlanView {
    return {
      productId: plan.productId,
      summary: plan.summary,
      investmentVnd: plan.investmentVnd,
      annualCapacity: plan.annualCapacity,
      targetMarkets: plan.targetMarkets,
      consultant: plan.consultant,
      updatedAt: plan.updatedAt.toISOString(),
    };
  }
}

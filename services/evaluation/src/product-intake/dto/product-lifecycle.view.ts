import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_STAGES, type ProductStage } from '@ocop/contracts';

export class StageChangeView {
  @ApiProperty({ enum: PRODUCT_STAGES }) stage!: ProductStage;
  @ApiProperty() at!: string;
  @ApiProperty() reason!: string;
}

export class ProductLifecycleView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty({ example: 'product-3f1c…', description: 'Temporal workflow id; search it in the Temporal UI' })
  workflowId!: string;
  @ApiProperty({ enum: PRODUCT_STAGES, description: 'Stage reported by the running workflow' })
  stage!: ProductStage;
  @ApiProperty({ type: [StageChangeView] }) history!: StageChangeView[];
}

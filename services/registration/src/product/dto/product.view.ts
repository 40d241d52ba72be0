import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_GROUPS, PRODUCT_STAGES, type ProductGroup, type ProductStage } from '@ocop/contracts';
import type { ProductEntity } from '../product.entity';

export class ProductView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PRODUCT_GROUPS }) group!: ProductGroup;
  @ApiProperty({ nullable: true, type: String }) subgroup!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) rawMaterialOrigin!: string | null;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ enum: PRODUCT_STAGES }) status!: ProductStage;
  @ApiProperty({ example: 2026 }) cycleYear!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Temporal workflow id (product-<id>) once it has started' })
  workflowId!: string | null;
  @ApiProperty() createdAt!: string;

  static of(entity: ProductEntity): ProductView {
    return {
      id: entity.id,
      producerId: entity.producerId,
      name: entity.name,
      group: entity.group,
      subgroup: entity.subgroup,
      description: entity.description,
      rawMaterialOrigin: entity.rawMaterialOrigin,
      provinceCode: entity.provinceCode,
      communeCode: entity.communeCode,
      status: entity.status,
      cycleYear: entity.cycleYear,
      workflowId: entity.workflowId,
      createdAt: entity.createdAt.toISOString(),
    };
  }

  /** A list's row (the same fields, read without building the entity). */
  static fromRow(row: ProductListRow): ProductView {
    return { ...row, createdAt: row.createdAt.toISOString() };
  }
}

/** A product as a list reads it: ProductView's fields, the creation instant as the driver gives it. */
export type ProductListRow = Omit<ProductView, 'createdAt'> & { createdAt: Date };

export class ProductPage {
  @ApiProperty({ type: [ProductView] }) items!: ProductView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

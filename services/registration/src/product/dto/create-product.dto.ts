import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PRODUCT_GROUPS, type ProductGroup } from '@ocop/contracts';
import { PatchType } from '@ocop/nest-common';

export class CreateProductDto {
  @ApiProperty({ format: 'uuid', description: 'The producer (chủ thể) making the product' })
  @IsUUID()
  producerId!: string;

  @ApiProperty({ example: 'Mật ong Nghĩa Hòa', maxLength: 255 })
  @IsString()
  @Length(2, 255)
  name!: string;

  @ApiProperty({ enum: PRODUCT_GROUPS, example: 'food', description: 'Product group (OCOP.md §3)' })
  @IsIn(PRODUCT_GROUPS)
  group!: ProductGroup;

  @ApiPropertyOptional({ example: 'processed', description: 'A subgroup of the group (GET /product-groups)' })
  @IsOptional()
  @Matches(/^[a-z_]{2,40}$/, { message: 'subgroup must be a subgroup code such as processed or tea' })
  subgroup?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ example: 'Mật ong hoa vải thu từ các đàn ong trong xã', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  rawMaterialOrigin?: string;
}

/** Name, subgroup, description and origin of raw materials; the group and the producer do not change. */
export class UpdateProductDto extends PatchType(OmitType(CreateProductDto, ['producerId', 'group'] as const)) {}

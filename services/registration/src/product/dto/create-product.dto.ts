import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PRODUCT_GROUPS, type ProductGroup } from '@ocop/contracts';

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

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;
}

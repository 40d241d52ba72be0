import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ProductGroupService } from './product-group.service';

class ProductSubgroupView {
  @ApiProperty({ example: 'tea' }) code!: string;
  @ApiProperty({ example: 'Chè và các sản phẩm từ chè' }) nameVi!: string;
  @ApiProperty({ example: 'Tea' }) nameEn!: string;
}

class ProductGroupView {
  @ApiProperty({ example: 'food' }) code!: string;
  @ApiProperty({ example: 'Thực phẩm' }) nameVi!: string;
  @ApiProperty({ example: 'Food' }) nameEn!: string;
  @ApiProperty({ description: 'A group of the 2018 rules, kept for historical data' }) legacy!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'For a 2018 group: the current group it maps to' })
  mapsTo!: string | null;
  @ApiProperty({ nullable: true, type: String }) mapsToSubgroup!: string | null;
  @ApiProperty({ type: [ProductSubgroupView] }) subgroups!: ProductSubgroupView[];
  @ApiProperty({ type: [String], description: 'Legal forms that may hold products of this group' })
  legalForms!: string[];
}

/** Reference data: every authenticated user may read it. */
@ApiTags('product-groups')
@Controller('product-groups')
export class ProductGroupController {
  constructor(private readonly groups: ProductGroupService) {}

  @Get()
  @ApiOperation({ summary: 'Product groups and subgroups (OCOP.md §3), with the 2018 groups and their mapping' })
  @ApiOkResponse({ type: [ProductGroupView] })
  async list(): Promise<ProductGroupView[]> {
    return (await this.groups.all()).map(({ subgroups, ...group }) => ({
      ...group,
      subgroups: subgroups.map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn })),
    }));
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductPage, ProductView } from './dto/product.view';
import { CreateProductDto } from './dto/create-product.dto';
import { ProductService } from './product.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;

@ApiTags('products')
@Controller('products')
export class ProductController {
  constructor(private readonly products: ProductService) {}

  @Post()
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'Register a product of a producer',
    description: 'The product enters the cycle as an idea; event ocop.registration.product.registered.v1 follows.',
  })
  @ApiCreatedResponse({ type: ProductView })
  async register(@CurrentUser() user: AuthUser, @Body() dto: CreateProductDto): Promise<ProductView> {
    return ProductView.of(await this.products.register(user, dto));
  }

  @Get()
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: 'Products of your jurisdiction, newest first' })
  @ApiOkResponse({ type: ProductPage })
  async list(@CurrentUser() user: AuthUser, @Query() query: ListProductsQuery): Promise<ProductPage> {
    const { items, total } = await this.products.list(user, query);
    return { items: items.map((item) => ProductView.of(item)), total, limit: query.limit, offset: query.offset };
  }

  @Get(':productId')
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: 'A product of your jurisdiction' })
  @ApiOkResponse({ type: ProductView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('productId', new ParseUUIDPipe()) productId: string,
  ): Promise<ProductView> {
    return ProductView.of(await this.products.get(user, productId));
  }
}

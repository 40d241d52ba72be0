import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { ProductView } from './dto/product.view';
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

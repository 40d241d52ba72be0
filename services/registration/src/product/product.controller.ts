import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessLog, CurrentUser, Roles, sendCsv, type AuthUser, type CsvColumn } from '@ocop/nest-common';
import type { ProductEntity } from './product.entity';
import { ListProductsQuery } from './dto/list-products.query';
import { ProductPage, ProductView } from './dto/product.view';
import { CreateProductDto, UpdateProductDto } from './dto/create-product.dto';
import { ProductService } from './product.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;
const EXPORT_BATCH = 2_000;

const CSV_COLUMNS: CsvColumn<ProductEntity>[] = [
  { header: 'Mã sản phẩm', value: (p) => p.id },
  { header: 'Tên sản phẩm', value: (p) => p.name },
  { header: 'Nhóm', value: (p) => p.group },
  { header: 'Phân nhóm', value: (p) => p.subgroup },
  { header: 'Mã chủ thể', value: (p) => p.producerId },
  { header: 'Mã tỉnh', value: (p) => p.provinceCode },
  { header: 'Mã xã', value: (p) => p.communeCode },
  { header: 'Trạng thái', value: (p) => p.status },
  { header: 'Năm chu trình', value: (p) => p.cycleYear },
  { header: 'Ngày đăng ký', value: (p) => p.createdAt.toISOString() },
];

@ApiTags('products')
@Controller('products')
export class ProductController {
  constructor(
    private readonly accessLog: AccessLog,
    private readonly products: ProductService,
  ) {}

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
    return this.products.list(user, query);
  }

  @Get('export.csv')
  @Roles(...OFFICERS, 'auditor')
  @ApiOperation({ summary: 'The same list as CSV (all pages; UTF-8, Vietnamese headers); logged in the audit log' })
  @ApiProduces('text/csv')
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: ListProductsQuery,
    @Res() response: Response,
  ): Promise<void> {
    await sendCsv(
      response,
      'san-pham-ocop.csv',
      CSV_COLUMNS,
      (offset) => this.products.exportBatch(user, query, offset, EXPORT_BATCH),
      () =>
        this.accessLog.exported(user, {
          entityType: 'product',
          entityId: 'san-pham-ocop.csv',
          unitCode: query.unit ?? user.unitCode,
          params: query,
        }),
    );
  }

  @Patch(':productId')
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: "Correct a product's name, subgroup, description or origin of raw materials (until it enters a round)",
  })
  @ApiOkResponse({ type: ProductView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: UpdateProductDto,
  ): Promise<ProductView> {
    return ProductView.of(await this.products.update(user, productId, dto));
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

import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { READERS_AND_PRODUCERS } from '../common/promotion.access';
import { CertificateRecordService } from './certificate-record.service';
import { CertificateRecordPageView, CertificateRecordQuery, CertificateRecordView } from './dto/certificate.dto';
import { ProductPromotionService, ProductPromotionView } from './product-promotion.service';

@ApiTags('certificates')
@Controller()
export class CertificateRecordController {
  constructor(
    private readonly certificates: CertificateRecordService,
    private readonly products: ProductPromotionService,
  ) {}

  @Get('certificates')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOperation({
    summary:
      "Promotion's copy of the certificates (from evaluation's events): by province (default yours), status, product",
  })
  @ApiOkResponse({ type: CertificateRecordPageView })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: CertificateRecordQuery,
  ): Promise<CertificateRecordPageView> {
    const page = await this.certificates.list(user, query);
    return { ...page, items: page.items.map((item) => CertificateRecordView.of(item)) };
  }

  @Get('products/:productId/promotion')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOperation({
    summary: "A product's certificates, enrolments, consignments, listings and rewards (a producer: its own)",
  })
  @ApiOkResponse({ type: ProductPromotionView })
  async product(
    @CurrentUser() user: AuthUser,
    @Param('productId', new ParseUUIDPipe()) productId: string,
  ): Promise<ProductPromotionView> {
    return this.products.overview(user, productId);
  }
}

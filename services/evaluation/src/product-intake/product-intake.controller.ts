import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { ProductLifecycleView } from './dto/product-lifecycle.view';
import { ProductIntakeService } from './product-intake.service';

@ApiTags('products')
@Controller('products')
export class ProductIntakeController {
  constructor(private readonly intakes: ProductIntakeService) {}

  @Get(':productId/lifecycle')
  @Roles('commune_officer', 'district_officer', 'province_officer', 'ministry_officer', 'council_secretary', 'auditor')
  @ApiOperation({ summary: "A product's stage in the OCOP cycle and its history, from its Temporal workflow" })
  @ApiOkResponse({ type: ProductLifecycleView })
  lifecycle(
    @CurrentUser() user: AuthUser,
    @Param('productId', new ParseUUIDPipe()) productId: string,
  ): Promise<ProductLifecycleView> {
    return this.intakes.lifecycle(user, productId);
  }
}

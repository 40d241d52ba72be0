import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponse, Roles, type AuthUser } from '@ocop/nest-common';
import { ProductView } from '../product/dto/product.view';
import { BusinessPlanDto, SelectionDto, WithdrawalDto } from './dto/cycle-actions.dto';
import { BusinessPlanView, SelectionView } from './dto/cycle.views';
import { ProductCycleService } from './product-cycle.service';

const OFFICERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;
const productId = () => new ParseUUIDPipe();

/** The annual cycle's actions on one product; each moves its status and tells its workflow. */
@ApiTags('product cycle')
@ApiConflictResponse({
  type: ErrorResponse,
  description: 'PRODUCT_STAGE_CONFLICT: the action does not fit the product’s stage',
})
@Controller('products/:productId')
export class ProductCycleController {
  constructor(private readonly cycle: ProductCycleService) {}

  @Post('selection')
  @HttpCode(200)
  @Roles('commune_officer', 'district_officer', 'province_officer')
  @ApiOperation({ summary: 'Select the product idea, or return it to the producer with a reason (step 3)' })
  @ApiOkResponse({ type: SelectionView })
  async select(
    @CurrentUser() user: AuthUser,
    @Param('productId', productId()) id: string,
    @Body() dto: SelectionDto,
  ): Promise<SelectionView> {
    return SelectionView.of((await this.cycle.select(user, id, dto)).selection);
  }

  @Get('selections')
  @Roles(...OFFICERS, 'auditor', 'producer')
  @ApiOperation({ summary: 'Every selection decision on the product, oldest first' })
  @ApiOkResponse({ type: [SelectionView] })
  async selections(
    @CurrentUser() user: AuthUser,
    @Param('productId', productId()) id: string,
  ): Promise<SelectionView[]> {
    return (await this.cycle.selections(user, id)).map((selection) => SelectionView.of(selection));
  }

  @Post('business-plan')
  @HttpCode(200)
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({ summary: 'Submit (or replace) the production/business plan of a selected product' })
  @ApiOkResponse({ type: BusinessPlanView })
  async submitPlan(
    @CurrentUser() user: AuthUser,
    @Param('productId', productId()) id: string,
    @Body() dto: BusinessPlanDto,
  ): Promise<BusinessPlanView> {
    return BusinessPlanView.of(await this.cycle.submitBusinessPlan(user, id, dto));
  }

  @Get('business-plan')
  @Roles(...OFFICERS, 'auditor', 'producer')
  @ApiOperation({ summary: "The product's business plan" })
  @ApiOkResponse({ type: BusinessPlanView })
  async plan(@CurrentUser() user: AuthUser, @Param('productId', productId()) id: string): Promise<BusinessPlanView> {
    return BusinessPlanView.of(await this.cycle.businessPlan(user, id));
  }

  @Post('withdrawal')
  @HttpCode(200)
  @Roles(...OFFICERS, 'producer')
  @ApiOperation({ summary: 'Withdraw the product from the cycle (its workflow ends)' })
  @ApiOkResponse({ type: ProductView })
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('productId', productId()) id: string,
    @Body() dto: WithdrawalDto,
  ): Promise<ProductView> {
    return ProductView.of(await this.cycle.withdraw(user, id, dto));
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { MANAGERS, READERS } from '../common/promotion.access';
import {
  CloseSalesPointDto,
  ConsignDto,
  ConsignmentView,
  CreateSalesPointDto,
  EndConsignmentDto,
  SalesPointPageView,
  SalesPointQuery,
  SalesPointView,
  UpdateSalesPointDto,
} from './dto/sales-point.dto';
import { SalesPointService } from './sales-point.service';

@ApiTags('sales points')
@Controller('sales-points')
export class SalesPointController {
  constructor(private readonly points: SalesPointService) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Open an introduction and sales point (showroom, airport shop, supermarket corner, …)' })
  @ApiCreatedResponse({ type: SalesPointView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateSalesPointDto): Promise<SalesPointView> {
    return SalesPointView.of(await this.points.create(user, dto));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Sales points of a province (default: yours); by kind, status' })
  @ApiOkResponse({ type: SalesPointPageView })
  async list(@CurrentUser() user: AuthUser, @Query() query: SalesPointQuery): Promise<SalesPointPageView> {
    const page = await this.points.list(user, query);
    return { ...page, items: page.items.map((point) => SalesPointView.of(point)) };
  }

  @Get(':salesPointId')
  @Roles(...READERS)
  @ApiOkResponse({ type: SalesPointView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('salesPointId', new ParseUUIDPipe()) salesPointId: string,
  ): Promise<SalesPointView> {
    return SalesPointView.of(await this.points.get(user, salesPointId));
  }

  @Patch(':salesPointId')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: SalesPointView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('salesPointId', new ParseUUIDPipe()) salesPointId: string,
    @Body() dto: UpdateSalesPointDto,
  ): Promise<SalesPointView> {
    return SalesPointView.of(await this.points.update(user, salesPointId, dto));
  }

  @Post(':salesPointId/closure')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Close the point; its consignments end' })
  @ApiOkResponse({ type: SalesPointView })
  async close(
    @CurrentUser() user: AuthUser,
    @Param('salesPointId', new ParseUUIDPipe()) salesPointId: string,
    @Body() dto: CloseSalesPointDto,
  ): Promise<SalesPointView> {
    return SalesPointView.of(await this.points.close(user, salesPointId, dto));
  }

  @Get(':salesPointId/consignments')
  @Roles(...READERS)
  @ApiOkResponse({ type: [ConsignmentView] })
  async consignments(
    @CurrentUser() user: AuthUser,
    @Param('salesPointId', new ParseUUIDPipe()) salesPointId: string,
  ): Promise<ConsignmentView[]> {
    return (await this.points.consignments(user, salesPointId)).map((row) => ConsignmentView.of(row));
  }

  @Post(':salesPointId/consignments')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Put a product with a certificate in force today on consignment' })
  @ApiCreatedResponse({ type: ConsignmentView })
  async consign(
    @CurrentUser() user: AuthUser,
    @Param('salesPointId', new ParseUUIDPipe()) salesPointId: string,
    @Body() dto: ConsignDto,
  ): Promise<ConsignmentView> {
    return ConsignmentView.of(await this.points.consign(user, salesPointId, dto));
  }

  @Post(':salesPointId/consignments/:productId/withdrawal')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: ConsignmentView })
  async endConsignment(
    @CurrentUser() user: AuthUser,
    @Param('salesPointId', new ParseUUIDPipe()) salesPointId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: EndConsignmentDto,
  ): Promise<ConsignmentView> {
    return ConsignmentView.of(await this.points.endConsignment(user, salesPointId, productId, dto.reason));
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { MANAGERS, READERS } from '../common/promotion.access';
import { XLSX_TYPE } from '../common/xlsx';
import {
  CreatePromotionEventDto,
  EnrolDto,
  EventResultsDto,
  PromotionEventQuery,
  ReasonDto,
  UpdatePromotionEventDto,
} from './dto/promotion-event.dto';
import { EnrolmentView, PromotionEventPageView, PromotionEventView } from './dto/promotion-event.view';
import { PromotionEventService } from './promotion-event.service';

@ApiTags('promotion events')
@Controller('promotion-events')
export class PromotionEventController {
  constructor(private readonly events: PromotionEventService) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Plan a fair, exhibition, livestream, e-commerce campaign or trade mission' })
  @ApiCreatedResponse({ type: PromotionEventView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreatePromotionEventDto): Promise<PromotionEventView> {
    return PromotionEventView.of(await this.events.create(user, dto), 0);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Events of a province (default: yours), latest first; by year, kind, status' })
  @ApiOkResponse({ type: PromotionEventPageView })
  async list(@CurrentUser() user: AuthUser, @Query() query: PromotionEventQuery): Promise<PromotionEventPageView> {
    const page = await this.events.list(user, query);
    return { ...page, items: page.items.map((event) => PromotionEventView.of(event)) };
  }

  @Get(':eventId')
  @Roles(...READERS)
  @ApiOkResponse({ type: PromotionEventView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
  ): Promise<PromotionEventView> {
    const { event, enrolled } = await this.events.get(user, eventId);
    return PromotionEventView.of(event, enrolled);
  }

  @Patch(':eventId')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: "A planned event's name, place, organiser, dates or booths" })
  @ApiOkResponse({ type: PromotionEventView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Body() dto: UpdatePromotionEventDto,
  ): Promise<PromotionEventView> {
    return PromotionEventView.of(await this.events.update(user, eventId, dto));
  }

  @Post(':eventId/cancellation')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: PromotionEventView })
  async cancel(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Body() dto: ReasonDto,
  ): Promise<PromotionEventView> {
    return PromotionEventView.of(await this.events.cancel(user, eventId, dto.reason));
  }

  @Put(':eventId/results')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Sales, contracts signed and visitors (and per product); the event is then completed' })
  @ApiOkResponse({ type: PromotionEventView })
  async results(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Body() dto: EventResultsDto,
  ): Promise<PromotionEventView> {
    return PromotionEventView.of(await this.events.recordResults(user, eventId, dto));
  }

  @Get(':eventId/enrolments')
  @Roles(...READERS)
  @ApiOkResponse({ type: [EnrolmentView] })
  async enrolments(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
  ): Promise<EnrolmentView[]> {
    return (await this.events.enrolments(user, eventId)).map((row) => EnrolmentView.of(row));
  }

  @Get(':eventId/enrolments.xlsx')
  @Roles(...READERS)
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'The enrolled products as an administrative workbook' })
  async enrolmentsXlsx(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { xlsx } = await this.events.enrolmentsWorkbook(user, eventId);
    response.setHeader('Content-Type', XLSX_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="event-${eventId}-enrolments.xlsx"`);
    return new StreamableFile(xlsx);
  }

  @Post(':eventId/enrolments')
  @Roles(...MANAGERS)
  @ApiOperation({
    summary: "Enrol a product whose certificate (3★ or the event's minimum) is in force on every day of the event",
  })
  @ApiCreatedResponse({ type: EnrolmentView })
  async enrol(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Body() dto: EnrolDto,
  ): Promise<EnrolmentView> {
    return EnrolmentView.of(await this.events.enrol(user, eventId, dto));
  }

  @Post(':eventId/enrolments/:productId/withdrawal')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: EnrolmentView })
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: ReasonDto,
  ): Promise<EnrolmentView> {
    return EnrolmentView.of(await this.events.withdraw(user, eventId, productId, dto.reason));
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { APPROVERS, MANAGERS, READERS, READERS_AND_PRODUCERS } from '../common/promotion.access';
import { XLSX_TYPE } from '../common/xlsx';
import { RejectDto } from '../reward/dto/reward.dto';
import {
  ApproveSupportDto,
  CreateProgrammeDto,
  CreateSupportRequestDto,
  DeliverSupportDto,
  ProgrammePageView,
  ProgrammeQuery,
  ProgrammeView,
  SupportRequestPageView,
  SupportRequestQuery,
  SupportRequestView,
} from './dto/support.dto';
import { SupportService } from './support.service';

@ApiTags('support')
@Controller()
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Post('support-programmes')
  @Roles(...MANAGERS)
  @ApiOperation({
    summary: 'A support programme: kinds (trademark, packaging, labels, stamps, machinery, training), budget',
  })
  @ApiCreatedResponse({ type: ProgrammeView })
  async createProgramme(@CurrentUser() user: AuthUser, @Body() dto: CreateProgrammeDto): Promise<ProgrammeView> {
    return ProgrammeView.of(await this.support.createProgramme(user, dto), 0);
  }

  @Get('support-programmes')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOkResponse({ type: ProgrammePageView })
  async programmes(@CurrentUser() user: AuthUser, @Query() query: ProgrammeQuery): Promise<ProgrammePageView> {
    const page = await this.support.listProgrammes(user, query);
    return { ...page, items: page.items.map((programme) => ProgrammeView.of(programme)) };
  }

  @Get('support-programmes/:programmeId')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOperation({ summary: 'A programme with its budget committed (approved, delivered) and remaining' })
  @ApiOkResponse({ type: ProgrammeView })
  async programme(
    @CurrentUser() user: AuthUser,
    @Param('programmeId', new ParseUUIDPipe()) programmeId: string,
  ): Promise<ProgrammeView> {
    const { programme, committedVnd } = await this.support.getProgramme(user, programmeId);
    return ProgrammeView.of(programme, committedVnd);
  }

  @Get('support-programmes/:programmeId/requests.xlsx')
  @Roles(...READERS)
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: "The programme's requests (not rejected) as an administrative workbook, like BIỂU 2" })
  async workbook(
    @CurrentUser() user: AuthUser,
    @Param('programmeId', new ParseUUIDPipe()) programmeId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const xlsx = await this.support.workbook(user, programmeId);
    response.setHeader('Content-Type', XLSX_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="support-${programmeId}.xlsx"`);
    return new StreamableFile(xlsx);
  }

  @Post('support-programmes/:programmeId/requests')
  @Roles(...MANAGERS, 'producer')
  @ApiOperation({ summary: 'Ask for support; a producer asks for itself and its own products' })
  @ApiCreatedResponse({ type: SupportRequestView })
  async request(
    @CurrentUser() user: AuthUser,
    @Param('programmeId', new ParseUUIDPipe()) programmeId: string,
    @Body() dto: CreateSupportRequestDto,
  ): Promise<SupportRequestView> {
    return SupportRequestView.of(await this.support.request(user, programmeId, dto));
  }

  @Get('support-requests')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOperation({ summary: 'Requests by programme or province (default: yours), status; a producer sees its own' })
  @ApiOkResponse({ type: SupportRequestPageView })
  async requests(@CurrentUser() user: AuthUser, @Query() query: SupportRequestQuery): Promise<SupportRequestPageView> {
    const page = await this.support.listRequests(user, query);
    return { ...page, items: page.items.map((row) => SupportRequestView.of(row)) };
  }

  @Get('support-requests/:requestId')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOkResponse({ type: SupportRequestView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
  ): Promise<SupportRequestView> {
    return SupportRequestView.of(await this.support.getRequest(user, requestId));
  }

  @Post('support-requests/:requestId/approval')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: "Approve (all or part) within the programme's remaining budget" })
  @ApiOkResponse({ type: SupportRequestView })
  async approve(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() dto: ApproveSupportDto,
  ): Promise<SupportRequestView> {
    return SupportRequestView.of(await this.support.approve(user, requestId, dto));
  }

  @Post('support-requests/:requestId/rejection')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOkResponse({ type: SupportRequestView })
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() dto: RejectDto,
  ): Promise<SupportRequestView> {
    return SupportRequestView.of(await this.support.reject(user, requestId, dto.reason));
  }

  @Post('support-requests/:requestId/delivery')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Record the delivery of approved support' })
  @ApiOkResponse({ type: SupportRequestView })
  async deliver(
    @CurrentUser() user: AuthUser,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() dto: DeliverSupportDto,
  ): Promise<SupportRequestView> {
    return SupportRequestView.of(await this.support.deliver(user, requestId, dto));
  }
}

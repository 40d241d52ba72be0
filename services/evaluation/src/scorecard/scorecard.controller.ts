import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { AcceptSpreadDto, ReasonDto } from '../round/dto/round.dto';
import { RoundEntryView, RoundProgressView } from '../round/dto/round.view';
import { ORGANISERS } from '../round/round.controller';
import { SaveScorecardDto, SubmitScorecardDto } from './dto/scorecard.dto';
import { MyScorecardsView, RescoreView, ScorecardView } from './dto/scorecard.view';
import { ScorecardService } from './scorecard.service';

const STAFF = [...ORGANISERS, 'council_secretary', 'auditor'] as const;

@ApiTags('scorecards')
@Controller('rounds/:roundId')
export class ScorecardController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Put('products/:productId/scorecard')
  @Roles('council_member')
  @ApiOperation({ summary: 'Save your draft scorecard for a product (option by option; may be partial)' })
  @ApiOkResponse({ type: ScorecardView })
  async save(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: SaveScorecardDto,
  ): Promise<ScorecardView> {
    return ScorecardView.of(await this.scorecards.saveDraft(user, roundId, productId, dto.choices));
  }

  @Post('products/:productId/scorecard/submit')
  @Roles('council_member')
  @ApiOperation({ summary: 'Submit your scorecard: every criterion scored; the last one in scores the product' })
  @ApiCreatedResponse({ type: ScorecardView })
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: SubmitScorecardDto,
  ): Promise<ScorecardView> {
    return ScorecardView.of(await this.scorecards.submit(user, roundId, productId, dto.choices));
  }

  @Get('scorecards/mine')
  @Roles('council_member')
  @ApiOperation({ summary: 'Your scorecards in the round and the products still waiting for you' })
  @ApiOkResponse({ type: MyScorecardsView })
  async mine(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
  ): Promise<MyScorecardsView> {
    const mine = await this.scorecards.mine(user, roundId);
    return {
      memberId: mine.member.id,
      scorecards: mine.scorecards.map((card) => ScorecardView.of(card)),
      pendingProductIds: mine.pendingProductIds,
    };
  }

  @Get('scorecards')
  @Roles(...STAFF, 'council_member')
  @ApiQuery({ name: 'productId', required: false })
  @ApiOperation({ summary: "Every member's scorecards (staff and the council's chair)" })
  @ApiOkResponse({ type: [ScorecardView] })
  async ofRound(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Query('productId', new ParseUUIDPipe({ optional: true })) productId?: string,
  ): Promise<ScorecardView[]> {
    return (await this.scorecards.ofRound(user, roundId, productId)).map((card) => ScorecardView.of(card));
  }

  @Get('progress')
  @Roles(...STAFF, 'council_member')
  @ApiOperation({ summary: "The chair's view: progress per member, pending scorecards, products to re-score" })
  @ApiOkResponse({ type: RoundProgressView })
  async progress(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
  ): Promise<RoundProgressView> {
    return this.scorecards.progress(user, roundId);
  }

  @Get('scores.xlsx')
  @Roles(...STAFF, 'council_member')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: "The round's scores per member and product (XLSX)" })
  async scoresXlsx(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { xlsx } = await this.scorecards.scoresWorkbook(user, roundId);
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="round-${roundId}-scores.xlsx"`);
    return new StreamableFile(xlsx);
  }

  @Post('products/:productId/rescore')
  @HttpCode(200)
  @Roles(...ORGANISERS, 'council_secretary', 'council_member')
  @ApiOperation({ summary: 'Send a flagged product back to the members more than the threshold apart' })
  @ApiOkResponse({ type: RescoreView })
  async rescore(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: ReasonDto,
  ): Promise<RescoreView> {
    return this.scorecards.requestRescore(user, roundId, productId, dto.reason);
  }

  @Post('products/:productId/spread-acceptance')
  @HttpCode(200)
  @Roles('council_member')
  @ApiOperation({ summary: 'The chair accepts a spread that remains after re-scoring (noted in the minutes)' })
  @ApiOkResponse({ type: RoundEntryView })
  async acceptSpread(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: AcceptSpreadDto,
  ): Promise<RoundEntryView> {
    return RoundEntryView.of(await this.scorecards.acceptSpread(user, roundId, productId, dto.note));
  }
}

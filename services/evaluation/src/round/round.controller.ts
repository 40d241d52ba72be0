import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import {
  AttendanceDto,
  CreateRoundDto,
  DeclareInterestDto,
  EnterProductDto,
  MoveRoundDto,
  ReasonDto,
  RoundListQuery,
  UpdateRoundDto,
} from './dto/round.dto';
import { QuorumView, RoundEntryView, RoundView } from './dto/round.view';
import { RoundService } from './round.service';

export const ORGANISERS = ['district_officer', 'province_officer', 'ministry_officer'] as const;
export const ROUND_READERS = [...ORGANISERS, 'council_secretary', 'council_member', 'auditor'] as const;

@ApiTags('rounds')
@Controller('rounds')
export class RoundController {
  constructor(private readonly rounds: RoundService) {}

  @Post()
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: 'Plan a round (đợt) for a council: dossier deadline, meeting, scoring deadline' })
  @ApiCreatedResponse({ type: RoundView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoundDto): Promise<RoundView> {
    return RoundView.of(await this.rounds.create(user, dto));
  }

  @Get()
  @Roles(...ROUND_READERS)
  @ApiOperation({ summary: 'Rounds of a province (default: yours), latest meeting first' })
  @ApiOkResponse({ type: [RoundView] })
  async list(@CurrentUser() user: AuthUser, @Query() query: RoundListQuery): Promise<RoundView[]> {
    return (await this.rounds.list(user, query)).map((round) => RoundView.of(round));
  }

  @Get(':roundId')
  @Roles(...ROUND_READERS)
  @ApiOkResponse({ type: RoundView })
  async get(@CurrentUser() user: AuthUser, @Param('roundId', new ParseUUIDPipe()) roundId: string): Promise<RoundView> {
    return RoundView.of(await this.rounds.get(user, roundId));
  }

  @Patch(':roundId')
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: "Change a round's name, dates or scoring rule (draft and open only)" })
  @ApiOkResponse({ type: RoundView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Body() dto: UpdateRoundDto,
  ): Promise<RoundView> {
    return RoundView.of(await this.rounds.update(user, roundId, dto));
  }

  @Post(':roundId/phase')
  @HttpCode(200)
  @Roles(...ORGANISERS, 'council_secretary')
  @ApiOperation({
    summary:
      'Move the round: open (dossiers) → scoring → deliberation (needs quorum; ranks) → closed after the decision',
  })
  @ApiOkResponse({ type: RoundView })
  async move(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Body() dto: MoveRoundDto,
  ): Promise<RoundView> {
    return RoundView.of(await this.rounds.move(user, roundId, dto.to, dto.expectedRevision));
  }

  @Get(':roundId/products')
  @Roles(...ROUND_READERS)
  @ApiOperation({ summary: 'Products in the round with their scores, stars and outcomes' })
  @ApiOkResponse({ type: [RoundEntryView] })
  async entries(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
  ): Promise<RoundEntryView[]> {
    return (await this.rounds.entries(user, roundId)).map((entry) => RoundEntryView.of(entry));
  }

  @Post(':roundId/products')
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: 'Enter a product: new (pre-assessed or forwarded), upgrade or re-evaluation' })
  @ApiCreatedResponse({ type: RoundEntryView })
  async enter(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Body() dto: EnterProductDto,
  ): Promise<RoundEntryView> {
    return RoundEntryView.of(await this.rounds.enterProduct(user, roundId, dto));
  }

  @Post(':roundId/products/:productId/removal')
  @HttpCode(200)
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: 'Take a product out of the round before scoring, with a reason' })
  @ApiOkResponse()
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: ReasonDto,
  ): Promise<{ removed: true }> {
    await this.rounds.removeProduct(user, roundId, productId, dto.reason);
    return { removed: true };
  }

  @Put(':roundId/attendance')
  @Roles(...ORGANISERS, 'council_secretary')
  @ApiOperation({ summary: 'Record who of the council is present; answers the quorum it gives' })
  @ApiOkResponse({ type: QuorumView })
  async attendance(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Body() dto: AttendanceDto,
  ): Promise<QuorumView> {
    return this.rounds.recordAttendance(user, roundId, dto.presentMemberIds);
  }

  @Get(':roundId/quorum')
  @Roles(...ROUND_READERS)
  @ApiOkResponse({ type: QuorumView })
  async quorum(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
  ): Promise<QuorumView> {
    return this.rounds.quorum(user, roundId);
  }

  @Post(':roundId/products/:productId/interests')
  @Roles(...ORGANISERS, 'council_secretary', 'council_member')
  @ApiOperation({ summary: 'Declare an interest in a product: the member will not score it (recusal)' })
  @ApiCreatedResponse()
  async declareInterest(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
    @Param('productId', new ParseUUIDPipe()) productId: string,
    @Body() dto: DeclareInterestDto,
  ): Promise<{ memberId: string; productId: string; reason: string }> {
    const recusal = await this.rounds.declareInterest(user, roundId, productId, dto.reason, dto.memberId);
    return { memberId: recusal.memberId, productId: recusal.productId, reason: recusal.reason };
  }

  @Get(':roundId/interests')
  @Roles(...ROUND_READERS)
  @ApiOkResponse()
  async interests(
    @CurrentUser() user: AuthUser,
    @Param('roundId', new ParseUUIDPipe()) roundId: string,
  ): Promise<{ memberId: string; productId: string; reason: string; declaredAt: string }[]> {
    return (await this.rounds.recusals(user, roundId)).map((row) => ({
      memberId: row.memberId,
      productId: row.productId,
      reason: row.reason,
      declaredAt: row.declaredAt.toISOString(),
    }));
  }
}

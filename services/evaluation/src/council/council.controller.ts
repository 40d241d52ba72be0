import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { CouncilService } from './council.service';
import { CreateCouncilDto, ReplaceMembersDto } from './dto/council.dto';
import { CouncilView } from './dto/council.view';

const ORGANISERS = ['district_officer', 'province_officer', 'ministry_officer'] as const;

@ApiTags('councils')
@Controller('councils')
export class CouncilController {
  constructor(private readonly councils: CouncilService) {}

  @Post()
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: 'Form a council (level, unit, term, quorum rule, members)' })
  @ApiCreatedResponse({ type: CouncilView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateCouncilDto): Promise<CouncilView> {
    return CouncilView.of(await this.councils.create(user, dto));
  }

  @Get()
  @Roles(...ORGANISERS, 'council_secretary', 'council_member', 'auditor')
  @ApiQuery({ name: 'province', required: false, example: '24' })
  @ApiOperation({ summary: 'Councils of a province (default: yours), newest term first' })
  @ApiOkResponse({ type: [CouncilView] })
  async list(@CurrentUser() user: AuthUser, @Query('province') province?: string): Promise<CouncilView[]> {
    return (await this.councils.list(user, province)).map((council) => CouncilView.of(council));
  }

  @Get(':councilId')
  @Roles(...ORGANISERS, 'council_secretary', 'council_member', 'auditor')
  @ApiOkResponse({ type: CouncilView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('councilId', new ParseUUIDPipe()) councilId: string,
  ): Promise<CouncilView> {
    return CouncilView.of(await this.councils.get(user, councilId));
  }

  @Put(':councilId/members')
  @Roles(...ORGANISERS)
  @ApiOperation({ summary: "Replace the council's members" })
  @ApiOkResponse({ type: CouncilView })
  async replaceMembers(
    @CurrentUser() user: AuthUser,
    @Param('councilId', new ParseUUIDPipe()) councilId: string,
    @Body() dto: ReplaceMembersDto,
  ): Promise<CouncilView> {
    return CouncilView.of(await this.councils.replaceMembers(user, councilId, dto.members));
  }
}

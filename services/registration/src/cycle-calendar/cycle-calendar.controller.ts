import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { CycleCalendarService } from './cycle-calendar.service';
import { CalendarDto, CycleListQuery, CycleParams, StartCycleDto } from './dto/cycle.dto';
import { CycleView } from './dto/cycle.view';

const ORGANISERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;

@ApiTags('cycles')
@Controller('cycles')
export class CycleCalendarController {
  constructor(private readonly cycles: CycleCalendarService) {}

  @Post()
  @Roles('province_officer', 'ministry_officer', 'commune_officer')
  @ApiOperation({
    summary:
      "Start a unit's OCOP year: its calendar (the plans' or the default) and workflow cycle-<unit>-<year>, which opens and closes the intake windows and reminds the communes",
  })
  @ApiCreatedResponse({ type: CycleView })
  async start(@CurrentUser() user: AuthUser, @Body() dto: StartCycleDto): Promise<CycleView> {
    return CycleView.of(await this.cycles.start(user, dto.unitCode, dto.year, dto.steps));
  }

  @Get()
  @Roles(...ORGANISERS, 'auditor')
  @ApiOkResponse({ type: [CycleView] })
  async list(@CurrentUser() user: AuthUser, @Query() query: CycleListQuery): Promise<CycleView[]> {
    return (await this.cycles.list(user, query.year, query.province)).map((cycle) => CycleView.of(cycle));
  }

  @Get(':unitCode/:year')
  @Roles(...ORGANISERS, 'auditor')
  @ApiOkResponse({ type: CycleView })
  async get(@CurrentUser() user: AuthUser, @Param() { unitCode, year }: CycleParams): Promise<CycleView> {
    return CycleView.of(await this.cycles.get(user, unitCode, year));
  }

  @Put(':unitCode/:year/calendar')
  @Roles('province_officer', 'ministry_officer', 'commune_officer')
  @ApiOperation({ summary: "Change the year's calendar; what is not done yet follows the new dates" })
  @ApiOkResponse({ type: CycleView })
  async changeCalendar(
    @CurrentUser() user: AuthUser,
    @Param() { unitCode, year }: CycleParams,
    @Body() dto: CalendarDto,
  ): Promise<CycleView> {
    return CycleView.of(await this.cycles.changeCalendar(user, unitCode, year, dto.steps));
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { yearInVietnam } from '@ocop/contracts';
import { CalendarQuery, ObligationView, PeriodDeadlineView } from './dto/obligation.views';
import { ObligationService } from './obligation.service';

/** Reporting obligations are configuration: every authenticated user may read them. */
@ApiTags('reporting obligations')
@Controller('reporting-obligations')
export class ObligationController {
  constructor(private readonly obligations: ObligationService) {}

  @Get()
  @ApiOperation({ summary: 'Reporting obligations: who reports to whom, for which periods, due when' })
  @ApiOkResponse({ type: [ObligationView] })
  list(): ObligationView[] {
    return this.obligations.obligations;
  }

  @Get(':code/calendar')
  @ApiOperation({ summary: "An obligation's periods in a year with their deadlines, reminder days and escalation day" })
  @ApiOkResponse({ type: [PeriodDeadlineView] })
  calendar(@Param('code') code: string, @Query() query: CalendarQuery): PeriodDeadlineView[] {
    return this.obligations.calendar(code, query.year ?? yearInVietnam(new Date()));
  }
}

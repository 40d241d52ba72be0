import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { InForceQuery, InForceView, OverrideView, RegulationVersionView, SetOverrideDto } from './dto/regulation.dto';
import { RegulationService } from './regulation.service';

/** Regulation versions are reference data: every authenticated user may read them. */
@ApiTags('regulations')
@Controller('regulations')
export class RegulationController {
  constructor(private readonly regulations: RegulationService) {}

  @Get()
  @ApiOperation({
    summary: 'Regulation versions: part maxima, star bands, which level recognises which stars, certificate validity',
  })
  @ApiOkResponse({ type: [RegulationVersionView] })
  list(): RegulationVersionView[] {
    return this.regulations.versions.map((version) => RegulationVersionView.of(version));
  }

  @Get('in-force')
  @ApiOperation({ summary: 'The version a round on a date uses, nationally or by a province’s choice' })
  @ApiOkResponse({ type: InForceView })
  async inForce(@Query() query: InForceQuery): Promise<InForceView> {
    const found = await this.regulations.inForce(query.date, query.province);
    return {
      version: RegulationVersionView.of(found.version),
      source: found.source,
      ...(found.override ? { override: OverrideView.of(found.override) } : {}),
    };
  }

  @Get('overrides')
  @ApiOperation({ summary: "Provinces' choices of regulation version" })
  @ApiOkResponse({ type: [OverrideView] })
  async overrides(): Promise<OverrideView[]> {
    return (await this.regulations.overrides()).map((override) => OverrideView.of(override));
  }

  @Put('overrides/:provinceCode')
  @Roles('province_officer', 'ministry_officer')
  @ApiOperation({ summary: "Set the province's regulation version from a date" })
  @ApiOkResponse({ type: OverrideView })
  async setOverride(
    @CurrentUser() user: AuthUser,
    @Param('provinceCode') provinceCode: string,
    @Body() dto: SetOverrideDto,
  ): Promise<OverrideView> {
    return OverrideView.of(await this.regulations.setOverride(user, provinceCode, dto));
  }
}

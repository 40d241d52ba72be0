import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppException, JurisdictionErrors } from '@ocop/nest-common';
import { AdminUnitService } from './admin-unit.service';
import { AdminUnitPage, AdminUnitView, LegacyResolutionView } from './dto/admin-unit.view';
import { ListAdminUnitsQuery } from './dto/list-admin-units.query';

/** Reference data: every authenticated user may read it. */
@ApiTags('admin-units')
@Controller('admin-units')
export class AdminUnitController {
  constructor(private readonly units: AdminUnitService) {}

  @Get()
  @ApiOperation({
    summary: 'Administrative units of an era: by level, by parent, and searched by name (with or without diacritics)',
  })
  @ApiOkResponse({ type: AdminUnitPage })
  async list(@Query() query: ListAdminUnitsQuery): Promise<AdminUnitPage> {
    const page = await this.units.list(query);
    return { ...page, items: page.items.map((unit) => AdminUnitView.of(unit)) };
  }

  @Get(':code/subtree')
  @ApiOperation({ summary: 'A current unit and every unit under it' })
  @ApiOkResponse({ type: [AdminUnitView] })
  async subtree(@Param('code') code: string): Promise<AdminUnitView[]> {
    const units = await this.units.subtree(code);
    if (!units) throw new AppException(JurisdictionErrors.UNKNOWN_UNIT, { unitCode: code });
    return units.map((unit) => AdminUnitView.of(unit));
  }

  @Get(':code')
  @ApiOperation({ summary: 'A current administrative unit (province or commune-level unit) by code' })
  @ApiOkResponse({ type: AdminUnitView })
  async get(@Param('code') code: string): Promise<AdminUnitView> {
    const unit = await this.units.find(code);
    if (!unit) throw new AppException(JurisdictionErrors.UNKNOWN_UNIT, { unitCode: code });
    return AdminUnitView.of(unit);
  }

  @Get('legacy/:code/current')
  @ApiOperation({ summary: 'The current units that now contain a unit of before 1 July 2025' })
  @ApiOkResponse({ type: LegacyResolutionView })
  async resolveLegacy(@Param('code') code: string): Promise<LegacyResolutionView> {
    const resolution = await this.units.resolveLegacy(code);
    if (!resolution) throw new AppException(JurisdictionErrors.UNKNOWN_UNIT, { unitCode: code });
    return {
      legacy: AdminUnitView.of(resolution.legacy),
      current: resolution.current.map((unit) => AdminUnitView.of(unit)),
    };
  }
}

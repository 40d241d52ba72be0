import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AccessLog, CurrentUser, JurisdictionService, Roles, type AuthUser } from '@ocop/nest-common';
import { versionFolder } from './criteria-set.data';
import type { CriteriaSetDocument } from './criteria-set.rules';
import { CriteriaSetService } from './criteria-set.service';
import { ImportCriteriaSetDto, ListCriteriaSetsQuery } from './dto/criteria-set.dto';
import { CriteriaSetSummaryView, CriteriaSetView } from './dto/criteria-set.view';

const READERS = [
  'commune_officer',
  'district_officer',
  'province_officer',
  'ministry_officer',
  'council_member',
  'council_secretary',
  'auditor',
] as const;

@ApiTags('criteria-sets')
@Controller('criteria-sets')
export class CriteriaSetController {
  constructor(
    private readonly criteriaSets: CriteriaSetService,
    private readonly accessLog: AccessLog,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  @Post()
  @Roles('ministry_officer', 'admin')
  @ApiOperation({
    summary: 'Import a criteria set: checked against its regulation version, stored as the next revision',
  })
  @ApiCreatedResponse({ type: CriteriaSetView })
  async import(@CurrentUser() user: AuthUser, @Body() dto: ImportCriteriaSetDto): Promise<CriteriaSetView> {
    // Criteria sets are national: imported from the ministry's unit, not from a province's.
    await this.jurisdiction.assertWithin(user, NATIONAL_UNIT_CODE);
    return CriteriaSetView.of(await this.criteriaSets.import(user, dto));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Criteria sets: the latest revision of each, or every revision' })
  @ApiOkResponse({ type: [CriteriaSetSummaryView] })
  async list(@Query() query: ListCriteriaSetsQuery): Promise<CriteriaSetSummaryView[]> {
    const sets = await this.criteriaSets.list({
      ...(query.version ? { version: query.version } : {}),
      ...(query.group ? { group: query.group } : {}),
      allRevisions: query.allRevisions === 'true',
    });
    return sets.map((set) => CriteriaSetSummaryView.of(set));
  }

  @Get(':criteriaSetId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A criteria set with its parts, criteria and options' })
  @ApiOkResponse({ type: CriteriaSetView })
  async get(@Param('criteriaSetId', new ParseUUIDPipe()) criteriaSetId: string): Promise<CriteriaSetView> {
    return CriteriaSetView.of(await this.criteriaSets.get(criteriaSetId));
  }

  @Get(':criteriaSetId/export')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The set as a JSON file, in the shape POST /criteria-sets imports (logged)' })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: ImportCriteriaSetDto })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('criteriaSetId', new ParseUUIDPipe()) criteriaSetId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CriteriaSetDocument> {
    const set = await this.criteriaSets.get(criteriaSetId);
    const name = [
      'criteria-set',
      versionFolder(set.versionCode),
      set.group,
      ...(set.subgroup ? [set.subgroup] : []),
      `r${set.revision}`,
    ].join('-');
    await this.accessLog.exported(user, {
      entityType: 'criteria_set',
      entityId: set.id,
      unitCode: NATIONAL_UNIT_CODE,
      params: { fileName: `${name}.json` },
    });
    response.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
    return set.document;
  }
}

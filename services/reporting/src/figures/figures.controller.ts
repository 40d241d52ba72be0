import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessLog, CurrentUser, JurisdictionService, Roles, type AuthUser } from '@ocop/nest-common';
import { renderReportCsv, renderReportPdf, renderReportXlsx } from '../export/report-renderers';
import { FiguresQuery } from './dto/figures.dto';
import type { ReportDocument } from './report-document';
import { ReportDocumentService } from './report-document.service';

export const REPORT_READERS = [
  'commune_officer',
  'district_officer',
  'province_officer',
  'ministry_officer',
  'promotion_officer',
  'auditor',
] as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A unit's figures for a period, from the read models, with the drill-down to the units under it. */
@ApiTags('reports')
@Controller('reports/figures')
export class FiguresController {
  constructor(
    private readonly documents: ReportDocumentService,
    private readonly jurisdiction: JurisdictionService,
    private readonly accessLog: AccessLog,
  ) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary:
      'Products by stage, group and stars; the period’s ideas, dossiers, evaluations, certificates; producers by legal form; promotion; progress against targets; the figures of each unit under',
  })
  @ApiOkResponse({ description: 'ReportDocument' })
  async figures(@CurrentUser() user: AuthUser, @Query() query: FiguresQuery): Promise<ReportDocument> {
    return this.load(user, query);
  }

  @Get('export.xlsx')
  @Roles(...REPORT_READERS)
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'The report as an administrative workbook (Biểu 1, 2, … under the national motto)' })
  async xlsx(
    @CurrentUser() user: AuthUser,
    @Query() query: FiguresQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const document = await this.load(user, query);
    const xlsx = await renderReportXlsx(document);
    await this.logExport(user, query, document, 'xlsx');
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(document)}.xlsx"`);
    return new StreamableFile(xlsx);
  }

  @Get('export.pdf')
  @Roles(...REPORT_READERS)
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentUser() user: AuthUser,
    @Query() query: FiguresQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const document = await this.load(user, query);
    const pdf = await renderReportPdf(document);
    await this.logExport(user, query, document, 'pdf');
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${fileName(document)}.pdf"`);
    return new StreamableFile(pdf);
  }

  @Get('export.csv')
  @Roles(...REPORT_READERS)
  @ApiProduces('text/csv')
  async csv(
    @CurrentUser() user: AuthUser,
    @Query() query: FiguresQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const document = await this.load(user, query);
    const csv = renderReportCsv(document);
    await this.logExport(user, query, document, 'csv');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(document)}.csv"`);
    return csv;
  }

  /** Each export of a unit's figures is a row of the audit log, in that unit. */
  private async logExport(
    user: AuthUser,
    query: FiguresQuery,
    document: ReportDocument,
    format: 'xlsx' | 'pdf' | 'csv',
  ): Promise<void> {
    await this.accessLog.exported(user, {
      entityType: 'figures',
      entityId: `${document.unit.code}/${document.period.key}`,
      unitCode: document.unit.code,
      params: { ...query, format },
    });
  }

  private async load(user: AuthUser, query: FiguresQuery): Promise<ReportDocument> {
    const unit = query.unit ?? user.unitCode;
    await this.jurisdiction.assertWithin(user, unit);
    return this.documents.build(unit, query.period, { children: query.children ?? true });
  }
}

export const fileName = (document: Pick<ReportDocument, 'unit' | 'period'>): string =>
  `bao-cao-ocop-${document.unit.code}-${document.period.key}`;

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessLog, CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { renderReportCsv, renderReportPdf, renderReportXlsx } from '../export/report-renderers';
import { fileName, REPORT_READERS } from '../figures/figures.controller';
import type { ReportDocument } from '../figures/report-document';
import {
  CompletenessQuery,
  CreateReportDto,
  ExportQuery,
  ReportListQuery,
  ReturnReportDto,
  RevisionDto,
  UpdateReportDto,
} from './dto/report.dto';
import { ReportView } from './dto/report.view';
import { ReportService } from './report.service';

export const REPORTERS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;

const STATUS_NAMES: Record<string, string> = {
  draft: 'dự thảo',
  submitted: 'đã gửi',
  accepted: 'đã tiếp nhận',
  returned: 'bị trả lại',
};

const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Reports up the hierarchy: draft → submitted (frozen) → accepted, or returned with a reason (OCOP.md §7). */
@ApiTags('reports')
@Controller('reports')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly accessLog: AccessLog,
  ) {}

  @Post()
  @Roles(...REPORTERS)
  @ApiOperation({ summary: "Start your unit's report for an obligation's period (a draft with live figures)" })
  @ApiCreatedResponse({ type: ReportView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateReportDto): Promise<ReportView> {
    return ReportView.of(await this.reports.create(user, dto));
  }

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'Reports of your unit, sent to it, or under it' })
  @ApiOkResponse({ type: [ReportView] })
  async list(@CurrentUser() user: AuthUser, @Query() query: ReportListQuery): Promise<ReportView[]> {
    const reports = await this.reports.list(user, {
      ...(query.obligation ? { obligationCode: query.obligation } : {}),
      ...(query.period ? { periodKey: query.period } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.unit ? { unitCode: query.unit } : {}),
    });
    return reports.map((report) => ReportView.of(report));
  }

  @Get('completeness')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary: "Who reported on time, late, or not at all for a period, over a unit's tree; completeness per recipient",
  })
  async completeness(@CurrentUser() user: AuthUser, @Query() query: CompletenessQuery) {
    return this.reports.completeness(user, {
      obligationCode: query.obligation,
      periodKey: query.period,
      ...(query.unit ? { unitCode: query.unit } : {}),
    });
  }

  @Get(':reportId')
  @Roles(...REPORT_READERS)
  @ApiOkResponse({ type: ReportView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
  ): Promise<ReportView> {
    return ReportView.of(await this.reports.get(user, reportId));
  }

  @Get(':reportId/document')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'The figures: frozen as submitted, or live for a draft or a returned report' })
  async document(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
  ): Promise<{ report: ReportView; document: ReportDocument }> {
    const { report, document } = await this.reports.document(user, reportId);
    return { report: ReportView.of(report), document };
  }

  @Get(':reportId/export')
  @Roles(...REPORT_READERS)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf', 'text/csv')
  @ApiOperation({ summary: 'The report as XLSX (administrative layout), PDF or CSV (logged in the audit log)' })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { report, document } = await this.reports.document(user, reportId);
    const options = {
      extraSubtitles: [
        `Trạng thái: ${STATUS_NAMES[report.status] ?? report.status}${
          report.submittedAt ? ` — gửi lúc ${report.submittedAt.toISOString()}` : ''
        }${report.timeliness === 'late' ? ' (quá hạn)' : ''}`,
      ],
      summary: report.summary || null,
    };
    const format = query.format ?? 'xlsx';
    const name = fileName(document);
    const file =
      format === 'pdf'
        ? await renderReportPdf(document, options)
        : format === 'csv'
          ? Buffer.from(renderReportCsv(document), 'utf8')
          : await renderReportXlsx(document, options);
    await this.accessLog.exported(user, {
      entityType: 'report',
      entityId: report.id,
      unitCode: report.unitCode,
      provinceCode: report.provinceCode,
      params: { format, status: report.status },
    });
    response.setHeader('Content-Type', EXPORT_TYPES[format]);
    response.setHeader(
      'Content-Disposition',
      `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}.${format}"`,
    );
    return new StreamableFile(file);
  }

  @Patch(':reportId')
  @Roles(...REPORTERS)
  @ApiOkResponse({ type: ReportView })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Body() dto: UpdateReportDto,
  ): Promise<ReportView> {
    return ReportView.of(await this.reports.update(user, reportId, dto));
  }

  @Post(':reportId/submit')
  @HttpCode(200)
  @Roles(...REPORTERS)
  @ApiOperation({ summary: 'Freeze the figures and send the report to the level above' })
  @ApiOkResponse({ type: ReportView })
  async submit(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Body() dto: RevisionDto,
  ): Promise<ReportView> {
    return ReportView.of(await this.reports.submit(user, reportId, dto.expectedRevision));
  }

  @Post(':reportId/accept')
  @HttpCode(200)
  @Roles(...REPORTERS)
  @ApiOperation({ summary: 'The level above accepts a submitted report' })
  @ApiOkResponse({ type: ReportView })
  async accept(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Body() dto: RevisionDto,
  ): Promise<ReportView> {
    return ReportView.of(await this.reports.accept(user, reportId, dto.expectedRevision));
  }

  @Post(':reportId/return')
  @HttpCode(200)
  @Roles(...REPORTERS)
  @ApiOperation({ summary: 'The level above returns a submitted report with a reason' })
  @ApiOkResponse({ type: ReportView })
  async returnReport(
    @CurrentUser() user: AuthUser,
    @Param('reportId', new ParseUUIDPipe()) reportId: string,
    @Body() dto: ReturnReportDto,
  ): Promise<ReportView> {
    return ReportView.of(await this.reports.return(user, reportId, dto.reason, dto.expectedRevision));
  }
}

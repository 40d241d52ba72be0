import { ApiProperty } from '@nestjs/swagger';
import { REPORT_STATUSES, type ReportEntity } from '../report.entity';

export class ReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() obligationCode!: string;
  @ApiProperty() periodKey!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() recipientUnitCode!: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() dueBefore!: string;
  @ApiProperty() submissions!: number;
  @ApiProperty({ nullable: true, type: String }) firstSubmittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, enum: ['on_time', 'late'] }) timeliness!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) returnReason!: string | null;
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Whether the figures are frozen (submitted or accepted)' }) frozen!: boolean;

  static of(report: ReportEntity): ReportView {
    return {
      id: report.id,
      obligationCode: report.obligationCode,
      periodKey: report.periodKey,
      unitCode: report.unitCode,
      provinceCode: report.provinceCode,
      recipientUnitCode: report.recipientUnitCode,
      status: report.status,
      summary: report.summary,
      dueBefore: report.dueBefore,
      submissions: report.submissions,
      firstSubmittedAt: report.firstSubmittedAt?.toISOString() ?? null,
      submittedAt: report.submittedAt?.toISOString() ?? null,
      timeliness: report.timeliness,
      decidedAt: report.decidedAt?.toISOString() ?? null,
      decidedBy: report.decidedBy,
      returnReason: report.returnReason,
      revision: report.revision,
      frozen: report.status === 'submitted' || report.status === 'accepted',
    };
  }
}

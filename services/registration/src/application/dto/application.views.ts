import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_APPLICATION_KINDS, type ProductApplicationKind } from '@ocop/contracts';
import { CERTIFICATE_STATUSES, type CertificateStatus } from '../../product-cycle/product-certificate.entity';
import {
  APPLICATION_STATUSES,
  type ApplicationDocumentEntity,
  type ApplicationStatus,
  type ProductApplicationEntity,
} from '../application.entity';
import type { ApplicationState, CertificateState } from '../application.service';

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ enum: PRODUCT_APPLICATION_KINDS }) kind!: ProductApplicationKind;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ format: 'uuid' }) certificateId!: string;
  @ApiProperty({ example: 'OCOP-217-2024-0001' }) certificateNumber!: string;
  @ApiProperty({ example: '2027-06-14', description: 'Last valid day of the certificate when filed' })
  certificateValidUntil!: string;
  @ApiProperty({ example: 3 }) currentStars!: number;
  @ApiProperty({ nullable: true, type: Number, example: 4 }) targetStars!: number | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty() filedBy!: string;
  @ApiProperty() filedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) roundId!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The user who withdrew it, or `evaluation`' })
  closedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) resultCertificateId!: string | null;

  static of(application: ProductApplicationEntity): ApplicationView {
    return {
      id: application.id,
      productId: application.productId,
      producerId: application.producerId,
      kind: application.kind,
      status: application.status,
      certificateId: application.certificateId,
      certificateNumber: application.certificateNumber,
      certificateValidUntil: application.certificateValidUntil,
      currentStars: application.currentStars,
      targetStars: application.targetStars,
      note: application.note,
      provinceCode: application.provinceCode,
      communeCode: application.communeCode,
      filedBy: application.filedBy,
      filedAt: application.filedAt.toISOString(),
      roundId: application.roundId,
      closedAt: application.closedAt?.toISOString() ?? null,
      closedReason: application.closedReason,
      closedBy: application.closedBy,
      resultCertificateId: application.resultCertificateId,
    };
  }
}

export class ApplicationDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'self_assessment_report' }) item!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;

  static of(document: ApplicationDocumentEntity): ApplicationDocumentView {
    return {
      id: document.id,
      item: document.item,
      fileName: document.fileName,
      contentType: document.contentType,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
      uploadedBy: document.uploadedBy,
      uploadedAt: document.uploadedAt.toISOString(),
    };
  }
}

export class ApplicationChecklistEntryView {
  @ApiProperty({ example: 'self_assessment_report' }) code!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() provided!: boolean;
  @ApiProperty({ type: ApplicationDocumentView, nullable: true }) document!: ApplicationDocumentView | null;
}

export class ApplicationDetailView extends ApplicationView {
  @ApiProperty({ type: [ApplicationChecklistEntryView], description: "The kind's checklist for the product's group" })
  checklist!: ApplicationChecklistEntryView[];
  @ApiProperty({ description: 'Every item provided' }) complete!: boolean;
  @ApiProperty({ example: 50, description: 'Share of items provided, in %' }) completeness!: number;

  static ofState(state: ApplicationState): ApplicationDetailView {
    const provided = state.checklist.filter((entry) => entry.provided).length;
    return {
      ...ApplicationView.of(state.application),
      checklist: state.checklist.map((entry) => ({
        code: entry.code,
        nameVi: entry.nameVi,
        nameEn: entry.nameEn,
        provided: entry.provided,
        document: entry.document ? ApplicationDocumentView.of(entry.document) : null,
      })),
      complete: state.complete,
      completeness: state.checklist.length === 0 ? 100 : Math.round((provided / state.checklist.length) * 100),
    };
  }
}

export class ApplicationPage {
  @ApiProperty({ type: [ApplicationView] }) items!: ApplicationView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ProductCertificateView {
  @ApiProperty({ format: 'uuid' }) certificateId!: string;
  @ApiProperty({ example: 'OCOP-217-2024-0001' }) number!: string;
  @ApiProperty({ example: 3 }) stars!: number;
  @ApiProperty({ example: 'district' }) level!: string;
  @ApiProperty({ example: 'new' }) kind!: string;
  @ApiProperty({ example: '2024-06-15' }) issuedOn!: string;
  @ApiProperty({ example: '2027-06-14' }) validUntil!: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['reminder', 'notice'] }) noticeKind!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Valid certificates: first day re-evaluation may be applied for (RE_EVALUATION_WINDOW_MONTHS)',
  })
  reEvaluationOpensOn!: string | null;

  static of(state: CertificateState): ProductCertificateView {
    const certificate = state.certificate;
    return {
      certificateId: certificate.certificateId,
      number: certificate.number,
      stars: certificate.stars,
      level: certificate.level,
      kind: certificate.kind,
      issuedOn: certificate.issuedOn,
      validUntil: certificate.validUntil,
      status: certificate.status,
      endedOn: certificate.endedOn,
      noticeKind: certificate.noticeKind,
      reEvaluationOpensOn: state.reEvaluationOpensOn,
    };
  }
}

import { ApiProperty } from '@nestjs/swagger';
import type { DossierState } from '../dossier.service';
import type { DossierDocumentEntity } from '../dossier.entity';
import type { PreAssessmentEntity } from '../pre-assessment.entity';

export class DossierDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'test_results' }) item!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty() uploadedAt!: string;

  static of(document: DossierDocumentEntity): DossierDocumentView {
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

export class ChecklistEntryView {
  @ApiProperty({ example: 'test_results' }) code!: string;
  @ApiProperty({ example: 'Phiếu kết quả kiểm nghiệm sản phẩm' }) nameVi!: string;
  @ApiProperty({ example: 'Product test results' }) nameEn!: string;
  @ApiProperty({ enum: ['document', 'check'] }) kind!: 'document' | 'check';
  @ApiProperty() provided!: boolean;
  @ApiProperty({ type: DossierDocumentView, nullable: true }) document!: DossierDocumentView | null;
}

export class DossierView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) samplesReceivedAt!: string | null;
  @ApiProperty({ type: [ChecklistEntryView], description: "The product group's checklist" })
  checklist!: ChecklistEntryView[];
  @ApiProperty({ description: 'Every item provided' }) complete!: boolean;
  @ApiProperty({ example: 80, description: 'Share of items provided, in %' }) completeness!: number;
  @ApiProperty({ description: 'Documents may still be added or replaced' }) amendable!: boolean;

  static of(state: DossierState): DossierView {
    const provided = state.checklist.filter((entry) => entry.provided).length;
    return {
      productId: state.dossier.productId,
      openedAt: state.dossier.openedAt.toISOString(),
      samplesReceivedAt: state.dossier.samplesReceivedAt?.toISOString() ?? null,
      checklist: state.checklist.map(({ code, nameVi, nameEn, kind, provided: done, document }) => ({
        code,
        nameVi,
        nameEn,
        kind,
        provided: done,
        document: document ? DossierDocumentView.of(document) : null,
      })),
      complete: state.complete,
      completeness: state.checklist.length === 0 ? 100 : Math.round((provided / state.checklist.length) * 100),
      amendable: state.amendable,
    };
  }
}

export class PreAssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ criterion: { met, findings } }' })
  criteria!: Record<string, { met: boolean; findings: string }>;
  @ApiProperty() passed!: boolean;
  @ApiProperty() officerName!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty() assessedOn!: string;
  @ApiProperty() recordedAt!: string;

  static of(assessment: PreAssessmentEntity): PreAssessmentView {
    return {
      id: assessment.id,
      criteria: assessment.criteria,
      passed: assessment.passed,
      officerName: assessment.officerName,
      communeCode: assessment.communeCode,
      assessedOn: assessment.assessedOn,
      recordedAt: assessment.recordedAt.toISOString(),
    };
  }
}

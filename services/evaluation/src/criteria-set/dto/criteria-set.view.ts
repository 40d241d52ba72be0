import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_GROUPS, type ProductGroup } from '@ocop/contracts';
import type { CriteriaSetEntity } from '../criteria-set.entity';
import { maxPoints, type CriteriaSetDocument } from '../criteria-set.rules';
import { ImportCriteriaSetDto } from './criteria-set.dto';

export class CriteriaSetSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '148/2023' }) versionCode!: string;
  @ApiProperty({ enum: PRODUCT_GROUPS }) group!: ProductGroup;
  @ApiProperty({ nullable: true, type: String }) subgroup!: string | null;
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty() title!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ example: 35 }) criteriaCount!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { A: 40, B: 25, C: 35 } })
  partMaxima!: Record<string, number>;
  @ApiProperty({ example: 8, description: 'Criteria mandatory for some star level' }) requiredCriteriaCount!: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;

  static of(set: CriteriaSetEntity): CriteriaSetSummaryView {
    const criteria = set.document.parts.flatMap((part) => part.criteria);
    return {
      id: set.id,
      versionCode: set.versionCode,
      group: set.group,
      subgroup: set.subgroup,
      revision: set.revision,
      title: set.title,
      source: set.source,
      criteriaCount: set.criteriaCount,
      partMaxima: Object.fromEntries(
        set.document.parts.map((part) => [
          part.code,
          part.criteria.reduce((sum, criterion) => sum + maxPoints(criterion), 0),
        ]),
      ),
      requiredCriteriaCount: criteria.filter((criterion) => criterion.requiredForStars !== null).length,
      createdBy: set.createdBy,
      createdAt: set.createdAt.toISOString(),
    };
  }
}

export class CriteriaSetView extends CriteriaSetSummaryView {
  @ApiProperty({ type: ImportCriteriaSetDto, description: 'The set itself, as imported' })
  document!: CriteriaSetDocument;

  static override of(set: CriteriaSetEntity): CriteriaSetView {
    return { ...CriteriaSetSummaryView.of(set), document: set.document };
  }
}

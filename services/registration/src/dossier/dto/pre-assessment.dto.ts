import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsString, Length, ValidateNested } from 'class-validator';

export class CriterionFindingDto {
  @ApiProperty({ description: 'The criterion is met' })
  @IsBoolean()
  met!: boolean;

  @ApiProperty({ example: 'Nguyên liệu mật ong thu từ 120 đàn ong của các hộ trong xã', maxLength: 2000 })
  @IsString()
  @Length(5, 2000)
  findings!: string;
}

/** The four criteria of the commune pre-assessment (OCOP.md §5.2). */
export class PreAssessmentCriteriaDto {
  @ApiProperty({ type: CriterionFindingDto, description: 'The product / raw materials are of local origin' })
  @ValidateNested()
  @Type(() => CriterionFindingDto)
  localOrigin!: CriterionFindingDto;

  @ApiProperty({ type: CriterionFindingDto, description: 'Local labour is used' })
  @ValidateNested()
  @Type(() => CriterionFindingDto)
  localLabour!: CriterionFindingDto;

  @ApiProperty({ type: CriterionFindingDto, description: 'The product idea originates locally' })
  @ValidateNested()
  @Type(() => CriterionFindingDto)
  ideaOrigin!: CriterionFindingDto;

  @ApiProperty({ type: CriterionFindingDto, description: 'Local identity and knowledge (bản sắc, trí tuệ địa phương)' })
  @ValidateNested()
  @Type(() => CriterionFindingDto)
  localIdentity!: CriterionFindingDto;
}

export class PreAssessmentDto {
  @ApiProperty({ type: PreAssessmentCriteriaDto })
  @ValidateNested()
  @Type(() => PreAssessmentCriteriaDto)
  criteria!: PreAssessmentCriteriaDto;

  @ApiProperty({ example: 'Nguyễn Thị Bình, Phó Chủ tịch UBND xã', description: 'The assessing officer' })
  @IsString()
  @Length(3, 255)
  officerName!: string;

  @ApiProperty({ example: '2026-05-12', description: 'Date of the assessment report' })
  @IsISO8601({ strict: true })
  assessedOn!: string;
}

export class UploadDocumentDto {
  @ApiProperty({ example: 'test_results', description: 'Checklist item (GET …/dossier lists them)' })
  @IsString()
  @Length(2, 60)
  item!: string;
}

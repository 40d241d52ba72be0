import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { RoundEntryKind } from '@ocop/contracts';
import { DecisionFieldsDto } from '../../decision/dto/decision.dto';
import { COUNCIL_LEVELS, type CouncilLevel } from '../../regulation/regulation.rules';
import { ROUND_ENTRY_KINDS } from '../../round/round.rules';

/** Most certificates one register request may carry (a province's whole decision fits). */
export const MAX_REGISTER_CERTIFICATES = 500;

/** The recognition decision (quyết định công nhận) the certificates were issued under, as printed. */
export class RegisterDecisionDto extends DecisionFieldsDto {
  @ApiProperty({ enum: COUNCIL_LEVELS, example: 'district' })
  @IsIn(COUNCIL_LEVELS)
  level!: CouncilLevel;

  @ApiProperty({
    example: '217',
    description: "The unit whose People's Committee issued it (district codes of the old map allowed)",
  })
  @Matches(/^(VN|\d{2}|\d{3}|\d{5})$/)
  issuingUnitCode!: string;
}

export class RegisterCertificateDto {
  @ApiProperty({ format: 'uuid', description: 'The product as registered in registration (stage idea)' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ example: '15/GCN-UBND', description: 'The number as printed; unique nationally' })
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} .\/_-]{0,62}[\p{L}\p{N}]$/u)
  number!: string;

  @ApiProperty({ minimum: 3, maximum: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(3)
  @Max(5)
  stars!: number;

  @ApiPropertyOptional({ enum: ROUND_ENTRY_KINDS, default: 'new' })
  @IsOptional()
  @IsIn(ROUND_ENTRY_KINDS)
  kind?: RoundEntryKind;

  @ApiPropertyOptional({
    example: '2024-09-27',
    description: "Last valid day; by default the regulation's validity (36 months) from the decision date",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  validUntil?: string;
}

/** Certificates issued before the platform, as the province's register holds them: one decision at a time. */
export class RecordRegisterDto {
  @ApiProperty({ type: RegisterDecisionDto })
  @ValidateNested()
  @Type(() => RegisterDecisionDto)
  decision!: RegisterDecisionDto;

  @ApiProperty({ type: [RegisterCertificateDto], minItems: 1, maxItems: MAX_REGISTER_CERTIFICATES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REGISTER_CERTIFICATES)
  @ValidateNested({ each: true })
  @Type(() => RegisterCertificateDto)
  certificates!: RegisterCertificateDto[];
}

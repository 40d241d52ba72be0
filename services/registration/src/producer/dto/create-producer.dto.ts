import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { LEGAL_FORMS, TAX_CODE_PATTERN, type LegalForm } from '@ocop/contracts';

export class CreateProducerDto {
  @ApiProperty({ example: '2400123456', description: 'Mã số thuế: 10 digits, or 10 digits-3 digit branch' })
  @Matches(TAX_CODE_PATTERN, { message: 'taxCode must be 10 digits, or 10 digits, a hyphen and 3 digits' })
  taxCode!: string;

  @ApiProperty({ example: 'Hợp tác xã Mật ong Nghĩa Hòa', maxLength: 255 })
  @IsString()
  @Length(2, 255)
  name!: string;

  @ApiProperty({ enum: LEGAL_FORMS, example: 'cooperative' })
  @IsIn(LEGAL_FORMS)
  legalForm!: LegalForm;

  @ApiProperty({ example: '07381', description: 'Code of the current commune-level unit where the producer is based' })
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode!: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  representative?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?\d{8,15}$/, { message: 'phone must be 8 to 15 digits, optionally starting with +' })
  phone?: string;
}

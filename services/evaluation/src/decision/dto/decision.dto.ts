import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export class DecisionFieldsDto {
  @ApiProperty({ example: '2716/QĐ-UBND' })
  @IsString()
  @Length(2, 100)
  number!: string;

  @ApiProperty({ example: '2024-06-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  decisionDate!: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @Length(3, 255)
  signerName!: string;

  @ApiProperty({ example: 'CHỦ TỊCH' })
  @IsString()
  @Length(2, 255)
  signerTitle!: string;

  @ApiProperty({ example: 'Ủy ban nhân dân huyện Lạng Giang' })
  @IsString()
  @Length(5, 255)
  issuerName!: string;
}

export class DecideRoundDto extends DecisionFieldsDto {
  @ApiProperty({ example: 'BB-HĐ-OCOP-2024-01', description: "Reference of the council's minutes (biên bản)" })
  @IsString()
  @Length(2, 255)
  minutesRef!: string;

  @ApiPropertyOptional({
    description: 'productId → feedback for a product that did not pass (a default text otherwise)',
    example: { '8d0c7c1e-3f3c-4a5e-9d55-2f8f8b8b8b8b': 'Bổ sung phiếu kiểm nghiệm chỉ tiêu vi sinh' },
  })
  @IsOptional()
  @IsObject()
  feedback?: Record<string, string>;
}

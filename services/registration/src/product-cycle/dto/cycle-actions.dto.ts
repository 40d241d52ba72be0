import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumberString, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { SELECTION_DECISIONS, type SelectionDecision } from '../product-selection.entity';

export class SelectionDto {
  @ApiProperty({
    enum: SELECTION_DECISIONS,
    description: '`returned`: the idea goes back to the producer with the reason',
  })
  @IsIn(SELECTION_DECISIONS)
  decision!: SelectionDecision;

  @ApiPropertyOptional({
    example: 'Chưa chứng minh nguồn nguyên liệu tại địa phương',
    description: 'Required when returned',
  })
  @ValidateIf((dto: SelectionDto) => dto.decision === 'returned' || dto.reason !== undefined)
  @IsString()
  @Length(5, 2000)
  reason?: string;
}

export class BusinessPlanDto {
  @ApiProperty({
    example: 'Mở rộng đàn ong lên 300 thùng, đóng chai 500 ml, bán qua điểm OCOP của huyện',
    maxLength: 8000,
  })
  @IsString()
  @Length(20, 8000)
  summary!: string;

  @ApiPropertyOptional({ example: '450000000', description: 'Planned investment in VND (digits)' })
  @IsOptional()
  @IsNumberString({ no_symbols: true })
  @MaxLength(15)
  investmentVnd?: string;

  @ApiPropertyOptional({ example: '6 tấn mật/năm' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  annualCapacity?: string;

  @ApiPropertyOptional({ example: 'Bắc Ninh, Hà Nội; sàn thương mại điện tử' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  targetMarkets?: string;

  @ApiPropertyOptional({ example: 'Trung tâm Khuyến nông tỉnh', description: 'Consultant helping the producer' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  consultant?: string;
}

export class WithdrawalDto {
  @ApiProperty({ example: 'Chủ thể tạm dừng sản xuất', maxLength: 2000 })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}

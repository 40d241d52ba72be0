import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { UPGRADE_RULES } from '../reward.rules';

export class RewardPolicyView {
  @ApiProperty({ example: 'thanh-hoa-2021' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '38' }) unitCode!: string;
  @ApiProperty({ example: 'legacy' }) era!: string;
  @ApiProperty() validFrom!: string;
  @ApiProperty({ nullable: true, type: String }) validTo!: string | null;
  @ApiProperty({
    example: { '3': 10000000, '4': 20000000, '5': 100000000 },
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  amountsVnd!: Record<string, number>;
  @ApiProperty({ enum: UPGRADE_RULES }) upgradeRule!: string;
  @ApiProperty() notes!: string;
  @ApiPropertyOptional({ example: 'Ủy ban nhân dân tỉnh Thanh Hóa' }) payerName?: string;
  @ApiPropertyOptional({ type: [String], description: 'Only certificates of these levels earn it (all when absent)' })
  certifyingLevels?: string[];
}

export class RewardQuoteQuery {
  @ApiProperty({ example: 4 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  stars!: number;

  @ApiProperty({ example: '2021-06-20', description: 'Date of the recognition decision' })
  @IsISO8601({ strict: true })
  issuedOn!: string;

  @ApiPropertyOptional({ example: 3, description: 'Stars of the certificate it supersedes, if any' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  previousStars?: number;
}

export class RewardQuoteView {
  @ApiProperty({ example: 10000000 }) amountVnd!: number;
  @ApiProperty({ example: 'upgrade' }) reason!: string;
}

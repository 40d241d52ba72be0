import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { REWARD_STATUSES, type RewardStatus } from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';
import type { RewardBudgetEntity, RewardEntity } from '../reward.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNIT = /^(VN|\d{2,5})$/;

export class GrantRewardDto {
  @ApiProperty({ format: 'uuid', description: 'A certificate promotion has recorded (certificate.issued)' })
  @IsUUID()
  certificateId!: string;

  @ApiPropertyOptional({ example: 'thanh-hoa-2021', description: 'Default: the first policy covering it' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  policyCode?: string;
}

export class RejectDto {
  @ApiProperty({ example: 'Sản phẩm đã được thưởng theo quyết định khác của UBND tỉnh' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class PayRewardDto {
  @ApiProperty({ example: '2021-12-20' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  paidOn!: string;

  @ApiProperty({ example: 'UNC 125/KBNN-TH', description: 'The payment order or voucher' })
  @IsString()
  @Length(1, 200)
  paymentRef!: string;
}

export class RewardListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '38', description: 'The paying unit (the policy’s)' })
  @IsOptional()
  @Matches(UNIT)
  unit?: string;

  @ApiPropertyOptional({ example: '38', description: 'Province of the certificates (default: yours)' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ example: 2021, description: 'Budget year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: REWARD_STATUSES })
  @IsOptional()
  @IsIn(REWARD_STATUSES)
  status?: RewardStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;
}

export class PayoutsQuery {
  @ApiProperty({ example: '38', description: 'The paying unit' })
  @Matches(UNIT)
  unit!: string;

  @ApiProperty({ example: 2021 })
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year!: number;
}

export class BudgetParams {
  @ApiProperty({ example: '38' })
  @Matches(UNIT)
  unitCode!: string;

  @ApiProperty({ example: 2021 })
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year!: number;
}

export class SetBudgetDto {
  @ApiProperty({ example: 500_000_000, description: 'VND the unit may spend on rewards in the year' })
  @IsInt()
  @Min(0)
  @Max(1e15)
  amountVnd!: number;
}

export class RewardView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'thanh-hoa-2021' }) policyCode!: string;
  @ApiProperty({ example: '38' }) payerUnitCode!: string;
  @ApiProperty({ format: 'uuid' }) certificateId!: string;
  @ApiProperty() certificateNumber!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() stars!: number;
  @ApiProperty({ nullable: true, type: Number }) previousStars!: number | null;
  @ApiProperty({ enum: ['new_certificate', 'upgrade'] }) reason!: string;
  @ApiProperty({ example: 10_000_000 }) amountVnd!: number;
  @ApiProperty({ example: 2021 }) budgetYear!: number;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ enum: REWARD_STATUSES }) status!: RewardStatus;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) paidOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentRef!: string | null;
  @ApiProperty({ description: '`system:promotion` when created on certificate.issued' }) createdBy!: string;
  @ApiProperty() createdAt!: string;

  static of(reward: RewardEntity): RewardView {
    return {
      id: reward.id,
      policyCode: reward.policyCode,
      payerUnitCode: reward.payerUnitCode,
      certificateId: reward.certificateId,
      certificateNumber: reward.certificateNumber,
      productId: reward.productId,
      productName: reward.productName,
      producerId: reward.producerId,
      producerName: reward.producerName,
      provinceCode: reward.provinceCode,
      stars: reward.stars,
      previousStars: reward.previousStars,
      reason: reward.reason,
      amountVnd: reward.amountVnd,
      budgetYear: reward.budgetYear,
      issuedOn: reward.issuedOn,
      status: reward.status,
      rejectionReason: reward.rejectionReason,
      paidOn: reward.paidOn,
      paymentRef: reward.paymentRef,
      createdBy: reward.createdBy,
      createdAt: reward.createdAt.toISOString(),
    };
  }
}

export class RewardPageView {
  @ApiProperty({ type: [RewardView] }) items!: RewardView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class BudgetView {
  @ApiProperty({ example: '38' }) unitCode!: string;
  @ApiProperty({ example: 2021 }) year!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'null: no budget set' }) amountVnd!: number | null;
  @ApiProperty({ description: 'Approved and paid rewards' }) committedVnd!: number;
  @ApiProperty({ description: 'Rewards waiting for approval' }) pendingVnd!: number;
  @ApiProperty({ nullable: true, type: Number }) remainingVnd!: number | null;

  static of(
    unitCode: string,
    year: number,
    budget: RewardBudgetEntity | null,
    committedVnd: number,
    pendingVnd: number,
  ): BudgetView {
    const amountVnd = budget?.amountVnd ?? null;
    return {
      unitCode,
      year,
      amountVnd,
      committedVnd,
      pendingVnd,
      remainingVnd: amountVnd === null ? null : amountVnd - committedVnd,
    };
  }
}

import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { RoundEntryKind, RoundPhase } from '@ocop/contracts';
import { PatchType } from '@ocop/nest-common';
import { ROUND_ENTRY_KINDS, ROUND_PHASES, type Aggregation } from '../round.rules';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRoundDto {
  @ApiProperty({ example: 'Đợt 1 năm 2024: đánh giá, phân hạng sản phẩm OCOP huyện Lạng Giang' })
  @IsString()
  @Length(5, 500)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The council that scores; it fixes the level and unit' })
  @IsUUID()
  councilId!: string;

  @ApiProperty({ example: '2024-06-03', description: 'Last day dossiers enter (Asia/Ho_Chi_Minh)' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  dossierDeadline!: string;

  @ApiProperty({ example: '2024-06-12', description: "The council's meeting; picks the regulation version" })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  meetingDate!: string;

  @ApiPropertyOptional({ example: '2024-06-14', description: 'Default: the meeting date + 7 days' })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  scoringDeadline?: string;

  @ApiPropertyOptional({ enum: ['mean', 'median'], default: 'mean' })
  @IsOptional()
  @IsIn(['mean', 'median'])
  aggregation?: Aggregation;

  @ApiPropertyOptional({ default: 10, description: 'Members further apart than this re-score' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(50)
  spreadThreshold?: number;
}

export class UpdateRoundDto extends PatchType(OmitType(CreateRoundDto, ['councilId'] as const)) {}

export class MoveRoundDto {
  @ApiProperty({ enum: ROUND_PHASES.filter((phase) => phase !== 'decided' && phase !== 'draft') })
  @IsIn(['open', 'scoring', 'deliberation', 'closed'])
  to!: RoundPhase;

  @ApiPropertyOptional({ description: 'The revision you saw; a newer one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedRevision?: number;
}

export class EnterProductDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ enum: ROUND_ENTRY_KINDS, default: 'new' })
  @IsIn(ROUND_ENTRY_KINDS)
  kind: RoundEntryKind = 'new';

  @ApiPropertyOptional({
    description:
      "After the dossier deadline an organiser may still enter a product, giving the reason (kept in the round's history), e.g. when recording a past round",
    example: 'Nhập lại kết quả đợt đánh giá tháng 6/2024 từ hồ sơ giấy',
  })
  @IsOptional()
  @IsString()
  @Length(5, 500)
  lateEntryReason?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Chủ thể xin rút hồ sơ để hoàn thiện bao bì' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class AttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Council members present at the session' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  presentMemberIds!: string[];
}

export class DeclareInterestDto extends ReasonDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'For the secretary recording a member’s declaration' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

export class AcceptSpreadDto {
  @ApiProperty({ example: 'Hội đồng thảo luận, thống nhất giữ kết quả chấm lại' })
  @IsString()
  @Length(3, 2000)
  note!: string;
}

export class RoundListQuery {
  @ApiPropertyOptional({ example: '24' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ enum: ROUND_PHASES })
  @IsOptional()
  @IsIn(ROUND_PHASES)
  phase?: RoundPhase;

  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;
}

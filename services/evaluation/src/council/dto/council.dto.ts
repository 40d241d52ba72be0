import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COUNCIL_LEVELS, type CouncilLevel } from '../../regulation/regulation.rules';
import { MEMBER_ROLES, type MemberRole } from '../council.rules';

export class CouncilMemberDto {
  @ApiProperty({ example: 'Nguyễn Văn Hùng' })
  @IsString()
  @Length(3, 255)
  fullName!: string;

  @ApiProperty({ example: 'Phòng Nông nghiệp và Phát triển nông thôn huyện Lạng Giang' })
  @IsString()
  @Length(2, 255)
  organisation!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;

  @ApiPropertyOptional({ description: "The member's account (token sub)" })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  userId?: string;
}

export class CreateCouncilDto {
  @ApiProperty({ example: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Lạng Giang năm 2024' })
  @IsString()
  @Length(5, 500)
  name!: string;

  @ApiProperty({ enum: COUNCIL_LEVELS })
  @IsIn(COUNCIL_LEVELS)
  level!: CouncilLevel;

  @ApiProperty({
    example: '217',
    description: 'district: legacy district code (3 digits); province: province code; national: VN',
  })
  @Matches(/^(VN|\d{2}|\d{3})$/, { message: 'unitCode must be VN, a 2-digit province or a 3-digit district code' })
  unitCode!: string;

  @ApiProperty({
    example: '24',
    description: 'The current province the council belongs to (VN for the national council)',
  })
  @Matches(/^(VN|\d{2})$/, { message: 'provinceCode must be VN or a 2-digit province code' })
  provinceCode!: string;

  @ApiProperty({ example: '2024-01-01' })
  @IsISO8601({ strict: true })
  termStart!: string;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  termEnd?: string;

  @ApiPropertyOptional({ example: 0.75, description: 'Share of scoring members needed (default 0.75)' })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(1)
  quorumMinShare?: number;

  @ApiPropertyOptional({ example: true, description: 'The chair must be present (default true)' })
  @IsOptional()
  @IsBoolean()
  quorumChairRequired?: boolean;

  @ApiProperty({ type: [CouncilMemberDto] })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  members!: CouncilMemberDto[];
}

export class ReplaceMembersDto {
  @ApiProperty({ type: [CouncilMemberDto] })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  members!: CouncilMemberDto[];
}

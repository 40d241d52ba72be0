import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { SUPPORT_KINDS, SUPPORT_REQUEST_STATUSES, type SupportKind, type SupportRequestStatus } from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';
import type { SupportProgrammeEntity, SupportRequestEntity } from '../support.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Hỗ trợ quản lý nhãn hiệu, bao bì, tem truy xuất sản phẩm năm 2024' })
  @IsString()
  @Length(5, 500)
  name!: string;

  @ApiProperty({ example: '213', description: 'The unit that runs it (VN, a province, a district or a commune)' })
  @Matches(/^(VN|\d{2,5})$/)
  unitCode!: string;

  @ApiProperty({ example: '24' })
  @Matches(/^(VN|\d{2})$/)
  provinceCode!: string;

  @ApiProperty({ example: 'Ủy ban nhân dân huyện Lạng Giang' })
  @IsString()
  @Length(3, 300)
  organiserName!: string;

  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(2018)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: SUPPORT_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SUPPORT_KINDS, { each: true })
  kinds!: SupportKind[];

  @ApiProperty({ example: 300_000_000 })
  @IsInt()
  @Min(0)
  @Max(1e15)
  budgetVnd!: number;
}

export class ProgrammeQuery extends PageQuery {
  @ApiPropertyOptional({ example: '24', description: 'Default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2018)
  @Max(2100)
  year?: number;
}

export class CreateSupportRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Required of staff; a producer's token gives its own" })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiProperty({ example: 'Hộ kinh doanh Lê Văn Tề' })
  @IsString()
  @Length(3, 300)
  producerName!: string;

  @ApiPropertyOptional({ example: 'Thôn Ghép, xã Thái Đào' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  producerAddress?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The product it is for, if any' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ example: 'Nem Ông Tề' })
  @IsOptional()
  @IsString()
  @Length(2, 300)
  productName?: string;

  @ApiProperty({ enum: SUPPORT_KINDS })
  @IsIn(SUPPORT_KINDS)
  kind!: SupportKind;

  @ApiProperty({ example: 'Thiết kế và in 5.000 bao bì, tem nhãn mác' })
  @IsString()
  @Length(3, 2000)
  description!: string;

  @ApiProperty({ example: 15_000_000 })
  @IsInt()
  @Min(1)
  @Max(1e15)
  requestedAmountVnd!: number;
}

export class ApproveSupportDto {
  @ApiPropertyOptional({ example: 12_000_000, description: 'Default: the amount requested' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1e15)
  approvedAmountVnd?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class DeliverSupportDto {
  @ApiProperty({ example: '2024-08-15' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  deliveredOn!: string;

  @ApiPropertyOptional({ example: 'Bàn giao 5.000 bao bì theo biên bản số 12/BB' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class SupportRequestQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({ example: '24', description: 'Default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ enum: SUPPORT_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_REQUEST_STATUSES)
  status?: SupportRequestStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;
}

export class ProgrammeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() organiserName!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: SUPPORT_KINDS, isArray: true }) kinds!: SupportKind[];
  @ApiProperty() budgetVnd!: number;
  @ApiProperty({ required: false, description: 'Approved and delivered' }) committedVnd?: number;
  @ApiProperty({ required: false }) remainingVnd?: number;

  static of(programme: SupportProgrammeEntity, committedVnd?: number): ProgrammeView {
    return {
      id: programme.id,
      name: programme.name,
      unitCode: programme.unitCode,
      provinceCode: programme.provinceCode,
      organiserName: programme.organiserName,
      year: programme.year,
      kinds: programme.kinds,
      budgetVnd: programme.budgetVnd,
      ...(committedVnd === undefined ? {} : { committedVnd, remainingVnd: programme.budgetVnd - committedVnd }),
    };
  }
}

export class ProgrammePageView {
  @ApiProperty({ type: [ProgrammeView] }) items!: ProgrammeView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class SupportRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty({ nullable: true, type: String }) producerAddress!: string | null;
  @ApiProperty({ nullable: true, type: String }) productId!: string | null;
  @ApiProperty({ nullable: true, type: String }) productName!: string | null;
  @ApiProperty({ enum: SUPPORT_KINDS }) kind!: SupportKind;
  @ApiProperty() description!: string;
  @ApiProperty() requestedAmountVnd!: number;
  @ApiProperty({ nullable: true, type: Number }) approvedAmountVnd!: number | null;
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES }) status!: SupportRequestStatus;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveryNote!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() createdAt!: string;

  static of(row: SupportRequestEntity): SupportRequestView {
    return {
      id: row.id,
      programmeId: row.programmeId,
      provinceCode: row.provinceCode,
      producerId: row.producerId,
      producerName: row.producerName,
      producerAddress: row.producerAddress,
      productId: row.productId,
      productName: row.productName,
      kind: row.kind,
      description: row.description,
      requestedAmountVnd: row.requestedAmountVnd,
      approvedAmountVnd: row.approvedAmountVnd,
      status: row.status,
      decisionNote: row.decisionNote,
      deliveredOn: row.deliveredOn,
      deliveryNote: row.deliveryNote,
      requestedBy: row.requestedBy,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

export class SupportRequestPageView {
  @ApiProperty({ type: [SupportRequestView] }) items!: SupportRequestView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

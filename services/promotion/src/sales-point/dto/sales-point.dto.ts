import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { SALES_POINT_KINDS, type SalesPointKind } from '@ocop/contracts';
import { PageQuery, PatchType } from '@ocop/nest-common';
import type { ConsignmentEntity, SalesPointEntity } from '../sales-point.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateSalesPointDto {
  @ApiProperty({ example: 'Điểm giới thiệu và bán sản phẩm OCOP tỉnh Bắc Giang' })
  @IsString()
  @Length(3, 300)
  name!: string;

  @ApiProperty({ enum: SALES_POINT_KINDS })
  @IsIn(SALES_POINT_KINDS)
  kind!: SalesPointKind;

  @ApiProperty({
    example: 'Trung tâm Xúc tiến Thương mại tỉnh Bắc Giang',
    description: 'Told when a product must leave',
  })
  @IsString()
  @Length(3, 300)
  operatorName!: string;

  @ApiProperty({ example: '24', description: 'The unit it belongs to (a province or a commune)' })
  @Matches(/^(VN|\d{2,5})$/)
  unitCode!: string;

  @ApiProperty({ example: '24' })
  @Matches(/^(VN|\d{2})$/)
  provinceCode!: string;

  @ApiProperty({ example: 'Số 2 đường Hùng Vương, phường Hoàng Văn Thụ, thành phố Bắc Giang' })
  @IsString()
  @Length(3, 500)
  address!: string;

  @ApiProperty({ example: '2024-09-01' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  openedOn!: string;
}

export class UpdateSalesPointDto extends PatchType(
  OmitType(CreateSalesPointDto, ['unitCode', 'provinceCode', 'openedOn'] as const),
) {}

export class CloseSalesPointDto {
  @ApiProperty({ example: '2025-06-30' })
  @Matches(DATE)
  @IsISO8601({ strict: true })
  closedOn!: string;

  @ApiProperty({ example: 'Hết hợp đồng thuê mặt bằng' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class SalesPointQuery extends PageQuery {
  @ApiPropertyOptional({ example: '24', description: 'Default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ enum: SALES_POINT_KINDS })
  @IsOptional()
  @IsIn(SALES_POINT_KINDS)
  kind?: SalesPointKind;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

export class ConsignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiPropertyOptional({ example: '2024-09-01', description: 'Default: today (Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  consignedOn?: string;
}

export class EndConsignmentDto {
  @ApiProperty({ example: 'Chủ thể rút hàng' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class SalesPointView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SALES_POINT_KINDS }) kind!: string;
  @ApiProperty() operatorName!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() address!: string;
  @ApiProperty() openedOn!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) closedOn!: string | null;

  static of(point: SalesPointEntity): SalesPointView {
    return {
      id: point.id,
      name: point.name,
      kind: point.kind,
      operatorName: point.operatorName,
      unitCode: point.unitCode,
      provinceCode: point.provinceCode,
      address: point.address,
      openedOn: point.openedOn,
      status: point.status,
      closedOn: point.closedOn,
    };
  }
}

export class SalesPointPageView {
  @ApiProperty({ type: [SalesPointView] }) items!: SalesPointView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class ConsignmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) salesPointId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() certificateNumber!: string;
  @ApiProperty() stars!: number;
  @ApiProperty({ enum: ['active', 'suspended', 'withdrawn'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) suspendedReason!: string | null;
  @ApiProperty() consignedOn!: string;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) endReason!: string | null;

  static of(row: ConsignmentEntity): ConsignmentView {
    return {
      id: row.id,
      salesPointId: row.salesPointId,
      productId: row.productId,
      productName: row.productName,
      producerId: row.producerId,
      producerName: row.producerName,
      certificateNumber: row.certificateNumber,
      stars: row.stars,
      status: row.status,
      suspendedReason: row.suspendedReason,
      consignedOn: row.consignedOn,
      endedOn: row.endedOn,
      endReason: row.endReason,
    };
  }
}

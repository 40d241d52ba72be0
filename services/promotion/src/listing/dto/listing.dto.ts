import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, IsUUID, Length, Matches } from 'class-validator';
import { LISTING_PLATFORMS, type ListingPlatform } from '@ocop/contracts';
import { PageQuery } from '@ocop/nest-common';
import type { ListingEntity, ListingStatus } from '../listing.entity';

export const LISTING_STATUSES = ['active', 'suspended', 'delisted'] as const;

export class CreateListingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ enum: LISTING_PLATFORMS })
  @IsIn(LISTING_PLATFORMS)
  platform!: ListingPlatform;

  @ApiProperty({ example: 'https://shopee.vn/gao-nep-thom-dai-lam-i.1234.5678' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @Length(10, 2000)
  url!: string;

  @ApiPropertyOptional({ description: "Who runs the shop on the platform; default: the product's producer" })
  @IsOptional()
  @IsString()
  @Length(3, 300)
  operatorName?: string;
}

export class ListingQuery extends PageQuery {
  @ApiPropertyOptional({ example: '24', description: 'Province of the products (default: yours)' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ enum: LISTING_PLATFORMS })
  @IsOptional()
  @IsIn(LISTING_PLATFORMS)
  platform?: ListingPlatform;

  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

export class DelistDto {
  @ApiProperty({ example: 'Sàn ngừng kinh doanh mặt hàng' })
  @IsString()
  @Length(3, 2000)
  reason!: string;
}

export class ListingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() certificateNumber!: string;
  @ApiProperty() stars!: number;
  @ApiProperty({ enum: LISTING_PLATFORMS }) platform!: string;
  @ApiProperty() url!: string;
  @ApiProperty() operatorName!: string;
  @ApiProperty({ enum: LISTING_STATUSES }) status!: ListingStatus;
  @ApiProperty({ nullable: true, type: String }) suspendedReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) delistedReason!: string | null;

  static of(listing: ListingEntity): ListingView {
    return {
      id: listing.id,
      productId: listing.productId,
      productName: listing.productName,
      producerId: listing.producerId,
      producerName: listing.producerName,
      provinceCode: listing.productProvinceCode,
      certificateNumber: listing.certificateNumber,
      stars: listing.stars,
      platform: listing.platform,
      url: listing.url,
      operatorName: listing.operatorName,
      status: listing.status,
      suspendedReason: listing.suspendedReason,
      delistedReason: listing.delistedReason,
    };
  }
}

export class ListingPageView {
  @ApiProperty({ type: [ListingView] }) items!: ListingView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '@ocop/nest-common';
import type { CertificateRecordEntity } from '../certificate-record.entity';
import { CERTIFICATE_RECORD_STATUSES, type CertificateRecordStatus } from '../certificate.rules';

export class CertificateRecordQuery extends PageQuery {
  @ApiPropertyOptional({ example: '24', description: 'Default: yours' })
  @IsOptional()
  @Matches(/^(VN|\d{2})$/)
  province?: string;

  @ApiPropertyOptional({ enum: CERTIFICATE_RECORD_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATE_RECORD_STATUSES)
  status?: CertificateRecordStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;
}

export class CertificateRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() group!: string;
  @ApiProperty() stars!: number;
  @ApiProperty({ enum: ['district', 'province', 'national'] }) level!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ enum: CERTIFICATE_RECORD_STATUSES }) status!: CertificateRecordStatus;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededBy!: string | null;

  static of(certificate: CertificateRecordEntity): CertificateRecordView {
    return {
      id: certificate.id,
      number: certificate.number,
      productId: certificate.productId,
      productName: certificate.productName,
      producerId: certificate.producerId,
      producerName: certificate.producerName,
      group: certificate.group,
      stars: certificate.stars,
      level: certificate.level,
      provinceCode: certificate.provinceCode,
      communeCode: certificate.communeCode,
      issuedOn: certificate.issuedOn,
      validUntil: certificate.validUntil,
      status: certificate.status,
      endedOn: certificate.endedOn,
      supersededBy: certificate.supersededBy,
    };
  }
}

export class CertificateRecordPageView {
  @ApiProperty({ type: [CertificateRecordView] }) items!: CertificateRecordView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

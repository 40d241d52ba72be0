import { ApiProperty } from '@nestjs/swagger';
import type { CertificateEntity } from '../certificate.entity';
import type { CertificateStatus } from '../certificate.rules';
import { CERTIFICATE_STATUSES } from './certificate.dto';

export class CertificateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'OCOP-213-2024-0007' }) number!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() group!: string;
  @ApiProperty({ minimum: 3, maximum: 5 }) stars!: number;
  @ApiProperty() level!: string;
  @ApiProperty({ enum: ['new', 'upgrade', 're_evaluation'] }) kind!: string;
  @ApiProperty({
    enum: ['round', 'register'],
    description: "register: issued before the platform, from the province's register",
  })
  source!: string;
  @ApiProperty() issuerName!: string;
  @ApiProperty() issuingUnitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty({ description: 'Last valid day' }) validUntil!: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ nullable: true, type: String }) supersedes!: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty({ description: 'What the QR code opens' }) verifyUrl!: string;

  static of(certificate: CertificateEntity, status: CertificateStatus, verifyUrl: string): CertificateView {
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
      kind: certificate.kind,
      source: certificate.source,
      issuerName: certificate.issuerName,
      issuingUnitCode: certificate.issuingUnitCode,
      provinceCode: certificate.provinceCode,
      communeCode: certificate.communeCode,
      decisionId: certificate.decisionId,
      issuedOn: certificate.issuedOn,
      validUntil: certificate.validUntil,
      status,
      supersedes: certificate.supersedes,
      supersededBy: certificate.supersededBy,
      revocationReason: certificate.revocationReason,
      endedOn: certificate.endedOn,
      verifyUrl,
    };
  }
}

/** What anyone may read about a certificate: no ids, no personal data (the producer is an organisation). */
export class PublicCertificateView {
  @ApiProperty({ example: 'OCOP-213-2024-0007' }) number!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty() stars!: number;
  @ApiProperty() issuerName!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status!: CertificateStatus;
  @ApiProperty({ description: 'Vietnamese text for the status' }) statusText!: string;

  static of(certificate: CertificateEntity, status: CertificateStatus): PublicCertificateView {
    return {
      number: certificate.number,
      productName: certificate.productName,
      producerName: certificate.producerName,
      stars: certificate.stars,
      issuerName: certificate.issuerName,
      issuedOn: certificate.issuedOn,
      validUntil: certificate.validUntil,
      status,
      statusText: STATUS_TEXT[status],
    };
  }
}

const STATUS_TEXT: Record<CertificateStatus, string> = {
  valid: 'Còn hiệu lực',
  expiring: 'Còn hiệu lực, sắp hết hạn',
  expired: 'Hết hiệu lực',
  revoked: 'Đã bị thu hồi',
  superseded: 'Đã được thay thế bằng giấy chứng nhận mới',
};

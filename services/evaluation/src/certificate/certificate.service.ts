import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { addDays, dateInVietnam, EvaluationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { EvaluationConfig } from '../config/evaluation.config';
import { DecisionEntity } from '../decision/decision.entity';
import { DecisionErrors } from '../decision/decision.errors';
import { DecisionService } from '../decision/decision.service';
import { CERTIFICATE_FIELDS } from './certificate-lifecycle.service';
import { RegulationService } from '../regulation/regulation.service';
import { GROUP_NAMES } from '../vietnamese-labels';
import { renderCertificatePdf } from './certificate.document';
import { CertificateEntity } from './certificate.entity';
import { certificateStatus, type CertificateStatus } from './certificate.rules';
import type { CertificateQuery, RevokeCertificateDto } from './dto/certificate.dto';

/** Certificates: lookups, the PDF, and revocation by decision (expiry: CertificateLifecycleService). */
@Injectable()
export class CertificateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly decisions: DecisionService,
    private readonly regulations: RegulationService,
    private readonly accessLog: AccessLog,
    @Inject(EvaluationConfig) private readonly config: EvaluationConfig,
  ) {}

  statusOf(certificate: CertificateEntity, today = dateInVietnam(new Date())): CertificateStatus {
    const notice = this.regulations.version(certificate.versionCode).expiryNoticeDays;
    return certificateStatus(certificate.status, certificate.validUntil, today, notice);
  }

  async list(user: AuthUser, query: CertificateQuery): Promise<Page<CertificateEntity>> {
    const { provinceCode: province, communeCode } = await this.jurisdiction.listScope(user, query.province);
    const today = dateInVietnam(new Date());
    const builder = this.dataSource.getRepository(CertificateEntity).createQueryBuilder('certificate');
    if (province) builder.andWhere('certificate.province_code = :province', { province });
    if (communeCode) builder.andWhere('certificate.commune_code = :communeCode', { communeCode });
    if (query.productId) builder.andWhere('certificate.product_id = :productId', { productId: query.productId });
    if (query.status === 'expiring') {
      // Expiring: valid, with the last valid day inside the notice period (30 days by default).
      builder
        .andWhere("certificate.status = 'valid' AND certificate.valid_until >= :today", { today })
        .andWhere('certificate.valid_until <= :horizon', { horizon: addDays(today, query.withinDays ?? 30) });
    } else if (query.status) {
      builder.andWhere('certificate.status = :status', { status: query.status });
    }
    if (query.expiresBefore) builder.andWhere('certificate.valid_until < :before', { before: query.expiresBefore });
    if (query.q)
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('certificate.number ILIKE :q', { q: `%${query.q}%` })
            .orWhere('certificate.product_name ILIKE :q', { q: `%${query.q}%` }),
        ),
      );
    return pageOf(builder.orderBy('certificate.valid_until', 'ASC').addOrderBy('certificate.number', 'ASC'), query);
  }

  async get(user: AuthUser, certificateId: string): Promise<CertificateEntity> {
    const certificate = await this.dataSource
      .getRepository(CertificateEntity)
      .findOne({ where: { id: certificateId } });
    if (!certificate) throw new AppException(DecisionErrors.CERTIFICATE_NOT_FOUND, { certificate: certificateId });
    // Read where its product is: its commune and the units above (as the list shows it); revoked by the province.
    await this.jurisdiction.assertWithin(user, certificate.communeCode);
    return certificate;
  }

  /** The public lookup (what the QR code opens): no jurisdiction, no personal data. */
  async byNumber(number: string): Promise<CertificateEntity> {
    const certificate = await this.dataSource.getRepository(CertificateEntity).findOne({ where: { number } });
    if (!certificate) throw new AppException(DecisionErrors.CERTIFICATE_NOT_FOUND, { certificate: number });
    return certificate;
  }

  verifyUrl(certificate: CertificateEntity): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/public/certificates/${certificate.number}`;
  }

  async pdf(user: AuthUser, certificateId: string): Promise<{ certificate: CertificateEntity; pdf: Buffer }> {
    const certificate = await this.get(user, certificateId);
    const decision = await this.dataSource
      .getRepository(DecisionEntity)
      .findOneOrFail({ where: { id: certificate.decisionId } });
    const pdf = await renderCertificatePdf({
      number: certificate.number,
      productName: certificate.productName,
      producerName: certificate.producerName,
      producerAddress: '',
      groupName: GROUP_NAMES[certificate.group],
      stars: certificate.stars as 3 | 4 | 5,
      issuerName: decision.issuerName,
      issuerPlace: placeOf(decision.issuerName),
      decisionNumber: decision.number,
      decisionDate: decision.decisionDate,
      signerName: decision.signerName,
      signerTitle: decision.signerTitle,
      validFrom: certificate.issuedOn,
      validUntil: certificate.validUntil,
      verifyUrl: this.verifyUrl(certificate),
    });
    await this.accessLog.downloaded(user, {
      entityType: 'certificate',
      entityId: certificate.id,
      unitCode: certificate.communeCode,
      provinceCode: certificate.provinceCode,
      params: { number: certificate.number, format: 'pdf' },
    });
    return { certificate, pdf };
  }

  /** Revocation (thu hồi) by a decision, for one of the reasons of OCOP.md §5.5. */
  async revoke(user: AuthUser, certificateId: string, dto: RevokeCertificateDto): Promise<CertificateEntity> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(CertificateEntity, {
        where: { id: certificateId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!certificate) throw new AppException(DecisionErrors.CERTIFICATE_NOT_FOUND, { certificate: certificateId });
      await this.jurisdiction.assertWithin(user, certificate.provinceCode);
      if (certificate.status !== 'valid')
        throw new AppException(DecisionErrors.CERTIFICATE_NOT_VALID, {
          number: certificate.number,
          status: certificate.status,
        });
      const decision = await this.decisions.insertDecision(manager, user, null, {
        ...dto,
        kind: 'revocation',
        revocationReason: dto.reason,
        level: certificate.level,
        issuingUnitCode: certificate.issuingUnitCode,
        provinceCode: certificate.provinceCode,
      });
      const before = { ...certificate };
      Object.assign(certificate, {
        status: 'revoked',
        revocationDecisionId: decision.id,
        revocationReason: dto.reason,
        endedOn: dto.decisionDate,
      });
      await manager.save(CertificateEntity, certificate);
      await recordChanges(manager, [
        {
          entityType: 'certificate',
          entityId: certificate.id,
          action: 'revoked',
          changes: { ...diffFields(before, certificate, CERTIFICATE_FIELDS), note: [null, dto.note ?? null] },
          changedBy: user.id,
          unitCode: certificate.communeCode,
          provinceCode: certificate.provinceCode,
        },
      ]);
      await this.outbox.append(manager, EvaluationEvents.certificateRevoked, {
        certificateId: certificate.id,
        number: certificate.number,
        productId: certificate.productId,
        provinceCode: certificate.provinceCode,
        reason: dto.reason,
        decisionId: decision.id,
        revokedOn: dto.decisionDate,
      });
      return certificate;
    });
  }
}

/** "Ủy ban nhân dân huyện Lạng Giang" → "Lạng Giang", for the place-and-date line. */
function placeOf(issuerName: string): string {
  const match = /(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường)\s+(.+)$/iu.exec(issuerName.trim());
  return match?.[1] ?? issuerName.trim();
}

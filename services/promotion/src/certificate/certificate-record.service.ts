import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { dateInVietnam } from '@ocop/contracts';
import { AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { actsAsProducer, assertMayRead, listProvince } from '../common/promotion.access';
import { PromotionErrors } from '../common/promotion.errors';
import { CertificateRecordEntity } from './certificate-record.entity';
import { certificateFor, type EligibilityRefusal } from './certificate.rules';
import type { CertificateRecordQuery } from './dto/certificate.dto';

/** Promotion's read model of certificates: lists, and the certificate a product takes part on. */
@Injectable()
export class CertificateRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  async list(user: AuthUser, query: CertificateRecordQuery): Promise<Page<CertificateRecordEntity>> {
    const builder = this.dataSource.getRepository(CertificateRecordEntity).createQueryBuilder('certificate');
    if (actsAsProducer(user)) {
      builder.andWhere('certificate.producer_id = :producerId', { producerId: user.producerId ?? '' });
    } else {
      const province = await listProvince(this.jurisdiction, user, query.province);
      if (province) builder.andWhere('certificate.province_code = :province', { province });
      if (query.producerId) builder.andWhere('certificate.producer_id = :producerId', { producerId: query.producerId });
    }
    if (query.status) builder.andWhere('certificate.status = :status', { status: query.status });
    if (query.productId) builder.andWhere('certificate.product_id = :productId', { productId: query.productId });
    if (query.q)
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('certificate.number ILIKE :q', { q: `%${query.q}%` })
            .orWhere('certificate.product_name ILIKE :q', { q: `%${query.q}%` }),
        ),
      );
    return pageOf(builder.orderBy('certificate.issued_on', 'DESC').addOrderBy('certificate.number', 'ASC'), query);
  }

  /** The product's certificates, newest first; checks the user may see the product. */
  async ofProduct(user: AuthUser, productId: string): Promise<CertificateRecordEntity[]> {
    const certificates = await this.dataSource
      .getRepository(CertificateRecordEntity)
      .find({ where: { productId }, order: { issuedOn: 'DESC' } });
    const latest = certificates[0];
    if (!latest) throw new AppException(PromotionErrors.PROMOTION_PRODUCT_NOT_CERTIFIED, { productId });
    await assertMayRead(this.jurisdiction, user, latest);
    return certificates;
  }

  /**
   * The certificate the product takes part on from `from` to `to`, with the product's certificate rows
   * share-locked so that an expiry or revocation handled meanwhile waits for this transaction (and then
   * suspends what it wrote). Refusals are the stable codes of certificateFor.
   */
  async qualifying(
    manager: EntityManager,
    productId: string,
    window: { from: string; to: string },
    minStars?: number,
  ): Promise<CertificateRecordEntity> {
    const certificates = await manager.find(CertificateRecordEntity, {
      where: { productId },
      lock: { mode: 'pessimistic_read' },
    });
    const result = certificateFor(certificates, { ...window, today: dateInVietnam(new Date()) }, minStars);
    if (!result.ok) throw refusal(productId, result.refusal);
    return result.certificate;
  }
}

export function refusal(productId: string, reason: EligibilityRefusal): AppException {
  const { code, ...params } = reason;
  return new AppException(PromotionErrors[code], { productId, ...params });
}

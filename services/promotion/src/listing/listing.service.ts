import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { dateInVietnam, PromotionEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { recordChanges, type ChangeInput } from '@ocop/persistence';
import { CertificateRecordService } from '../certificate/certificate-record.service';
import { actsAsProducer, assertMayRead, listProvince } from '../common/promotion.access';
import { PromotionErrors } from '../common/promotion.errors';
import type { CreateListingDto, ListingQuery } from './dto/listing.dto';
import { ListingEntity, type ListingStatus } from './listing.entity';

/** E-commerce listings of certified products (OCOP.md §6): platform, URL, status. */
@Injectable()
export class ListingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly certificates: CertificateRecordService,
  ) {}

  /** A listing needs a certificate in force today; the product's province must be in the user's jurisdiction. */
  async create(user: AuthUser, dto: CreateListingDto): Promise<ListingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const today = dateInVietnam(new Date());
      const certificate = await this.certificates.qualifying(manager, dto.productId, { from: today, to: today });
      await this.jurisdiction.assertWithin(user, certificate.provinceCode);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ListingEntity)
        .values({
          productId: dto.productId,
          productName: certificate.productName,
          producerId: certificate.producerId,
          producerName: certificate.producerName,
          productProvinceCode: certificate.provinceCode,
          certificateId: certificate.id,
          certificateNumber: certificate.number,
          stars: certificate.stars,
          platform: dto.platform,
          url: dto.url,
          operatorName: dto.operatorName?.trim() ?? certificate.producerName,
          status: 'active',
          createdBy: user.id,
        })
        .orIgnore()
        .returning(['id'])
        .execute()
        .then((result) => result.raw as { id: string }[]);
      const id = inserted[0]?.id;
      if (!id) throw new AppException(PromotionErrors.LISTING_EXISTS, { url: dto.url });
      const listing = await manager.findOneByOrFail(ListingEntity, { id });
      await this.record(manager, user, listing, 'published', {
        platform: [null, listing.platform],
        url: [null, listing.url],
        status: [null, 'active'],
      });
      await this.outbox.append(manager, PromotionEvents.listingPublished, {
        listingId: listing.id,
        productId: listing.productId,
        producerId: listing.producerId,
        certificateId: listing.certificateId,
        platform: listing.platform,
        url: listing.url,
        provinceCode: listing.productProvinceCode,
        publishedAt: listing.createdAt.toISOString(),
      });
      return listing;
    });
  }

  async list(user: AuthUser, query: ListingQuery): Promise<Page<ListingEntity>> {
    const builder = this.dataSource.getRepository(ListingEntity).createQueryBuilder('listing');
    if (actsAsProducer(user)) {
      builder.andWhere('listing.producer_id = :producerId', { producerId: user.producerId ?? '' });
    } else {
      const province = await listProvince(this.jurisdiction, user, query.province);
      if (province) builder.andWhere('listing.product_province_code = :province', { province });
    }
    if (query.productId) builder.andWhere('listing.product_id = :productId', { productId: query.productId });
    if (query.platform) builder.andWhere('listing.platform = :platform', { platform: query.platform });
    if (query.status) builder.andWhere('listing.status = :status', { status: query.status });
    if (query.q) builder.andWhere('listing.product_name ILIKE :q', { q: `%${query.q}%` });
    return pageOf(builder.orderBy('listing.product_name', 'ASC').addOrderBy('listing.id', 'ASC'), query);
  }

  async get(user: AuthUser, listingId: string): Promise<ListingEntity> {
    const listing = await this.dataSource.getRepository(ListingEntity).findOne({ where: { id: listingId } });
    if (!listing) throw new AppException(PromotionErrors.LISTING_NOT_FOUND, { listingId });
    await assertMayRead(this.jurisdiction, user, {
      provinceCode: listing.productProvinceCode,
      producerId: listing.producerId,
    });
    return listing;
  }

  /** Takes an active or suspended listing down. */
  async delist(user: AuthUser, listingId: string, reason: string): Promise<ListingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const listing = await this.lock(manager, user, listingId);
      if (listing.status === 'delisted')
        throw new AppException(PromotionErrors.LISTING_STATUS_CONFLICT, {
          status: listing.status,
          action: 'delist it',
        });
      return this.move(manager, user, listing, 'delisted', reason, { delistedReason: reason });
    });
  }

  /** Puts a delisted listing back, on a certificate in force today. */
  async relist(user: AuthUser, listingId: string): Promise<ListingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const listing = await this.lock(manager, user, listingId);
      if (listing.status !== 'delisted')
        throw new AppException(PromotionErrors.LISTING_STATUS_CONFLICT, {
          status: listing.status,
          action: 'relist it',
        });
      const today = dateInVietnam(new Date());
      const certificate = await this.certificates.qualifying(manager, listing.productId, { from: today, to: today });
      return this.move(manager, user, listing, 'active', 'relisted', {
        delistedReason: null,
        certificateId: certificate.id,
        certificateNumber: certificate.number,
        stars: certificate.stars,
      });
    });
  }

  private async lock(manager: EntityManager, user: AuthUser, listingId: string): Promise<ListingEntity> {
    const listing = await manager.findOne(ListingEntity, {
      where: { id: listingId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!listing) throw new AppException(PromotionErrors.LISTING_NOT_FOUND, { listingId });
    await this.jurisdiction.assertWithin(user, listing.productProvinceCode);
    return listing;
  }

  private async move(
    manager: EntityManager,
    user: AuthUser,
    listing: ListingEntity,
    to: ListingStatus,
    reason: string,
    fields: Partial<ListingEntity>,
  ): Promise<ListingEntity> {
    const from = listing.status;
    await manager.update(ListingEntity, { id: listing.id }, { ...fields, status: to });
    Object.assign(listing, fields, { status: to });
    await this.record(manager, user, listing, to === 'active' ? 'relisted' : 'delisted', {
      status: [from, to],
      reason: [null, reason],
    });
    await this.outbox.append(manager, PromotionEvents.listingStatusChanged, {
      listingId: listing.id,
      productId: listing.productId,
      provinceCode: listing.productProvinceCode,
      from,
      to,
      reason,
      changedAt: new Date().toISOString(),
    });
    return listing;
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    listing: ListingEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'listing',
        entityId: listing.id,
        action,
        changes,
        changedBy: user.id,
        unitCode: listing.productProvinceCode,
      },
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@ocop/nest-common';
import { EnrolmentView } from '../event/dto/promotion-event.view';
import { EnrolmentEntity, PromotionEventEntity } from '../event/promotion-event.entity';
import { ListingView } from '../listing/dto/listing.dto';
import { ListingEntity } from '../listing/listing.entity';
import { RewardView } from '../reward/dto/reward.dto';
import { RewardEntity } from '../reward/reward.entity';
import { ConsignmentView } from '../sales-point/dto/sales-point.dto';
import { ConsignmentEntity, SalesPointEntity } from '../sales-point/sales-point.entity';
import { CertificateRecordService } from './certificate-record.service';
import { CertificateRecordView } from './dto/certificate.dto';

export class ProductEnrolmentView extends EnrolmentView {
  @ApiProperty() eventName!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
}

export class ProductConsignmentView extends ConsignmentView {
  @ApiProperty() salesPointName!: string;
}

export class ProductPromotionView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ type: [CertificateRecordView] }) certificates!: CertificateRecordView[];
  @ApiProperty({ type: [ProductEnrolmentView] }) enrolments!: ProductEnrolmentView[];
  @ApiProperty({ type: [ProductConsignmentView] }) consignments!: ProductConsignmentView[];
  @ApiProperty({ type: [ListingView] }) listings!: ListingView[];
  @ApiProperty({ type: [RewardView] }) rewards!: RewardView[];
}

/** Everything promotion holds about one product: what a producer checks about its own. */
@Injectable()
export class ProductPromotionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificateRecordService,
  ) {}

  async overview(user: AuthUser, productId: string): Promise<ProductPromotionView> {
    const certificates = await this.certificates.ofProduct(user, productId);
    const manager = this.dataSource.manager;
    const enrolments = await manager.find(EnrolmentEntity, { where: { productId }, order: { enrolledAt: 'DESC' } });
    const events = enrolments.length
      ? await manager.findBy(
          PromotionEventEntity,
          enrolments.map((row) => ({ id: row.eventId })),
        )
      : [];
    const consignments = await manager.find(ConsignmentEntity, {
      where: { productId },
      order: { consignedOn: 'DESC' },
    });
    const points = consignments.length
      ? await manager.findBy(
          SalesPointEntity,
          consignments.map((row) => ({ id: row.salesPointId })),
        )
      : [];
    const listings = await manager.find(ListingEntity, { where: { productId }, order: { createdAt: 'DESC' } });
    const rewards = await manager.find(RewardEntity, { where: { productId }, order: { createdAt: 'DESC' } });
    return {
      productId,
      certificates: certificates.map((certificate) => CertificateRecordView.of(certificate)),
      enrolments: enrolments.map((row) => {
        const event = events.find((candidate) => candidate.id === row.eventId);
        return {
          ...EnrolmentView.of(row),
          eventName: event?.name ?? '',
          startsOn: event?.startsOn ?? '',
          endsOn: event?.endsOn ?? '',
        };
      }),
      consignments: consignments.map((row) => ({
        ...ConsignmentView.of(row),
        salesPointName: points.find((point) => point.id === row.salesPointId)?.name ?? '',
      })),
      listings: listings.map((listing) => ListingView.of(listing)),
      rewards: rewards.map((reward) => RewardView.of(reward)),
    };
  }
}

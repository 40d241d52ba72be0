import { ApiProperty } from '@nestjs/swagger';
import { PROMOTION_EVENT_KINDS, PROMOTION_EVENT_LEVELS } from '@ocop/contracts';
import type { EnrolmentEntity, PromotionEventEntity } from '../promotion-event.entity';
import { EVENT_STATUSES } from './promotion-event.dto';

export class PromotionEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PROMOTION_EVENT_KINDS }) kind!: string;
  @ApiProperty({ enum: PROMOTION_EVENT_LEVELS }) level!: string;
  @ApiProperty() unitCode!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() organiserName!: string;
  @ApiProperty() place!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty() minStars!: number;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ description: 'Booths taken (active and suspended enrolments)', required: false }) enrolled?: number;
  @ApiProperty({ nullable: true, type: Object, example: { visitors: 45000, salesVnd: 3200000000 } })
  results!: {
    visitors: number;
    salesVnd: number;
    contractsSigned: number;
    contractsValueVnd: number;
    note: string | null;
    recordedAt: string;
  } | null;

  static of(event: PromotionEventEntity, enrolled?: number): PromotionEventView {
    return {
      id: event.id,
      name: event.name,
      kind: event.kind,
      level: event.level,
      unitCode: event.unitCode,
      provinceCode: event.provinceCode,
      organiserName: event.organiserName,
      place: event.place,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      capacity: event.capacity,
      minStars: event.minStars,
      status: event.status,
      cancelReason: event.cancelReason,
      ...(enrolled === undefined ? {} : { enrolled }),
      results:
        event.resultsRecordedAt === null
          ? null
          : {
              visitors: event.visitors ?? 0,
              salesVnd: event.salesVnd ?? 0,
              contractsSigned: event.contractsSigned ?? 0,
              contractsValueVnd: event.contractsValueVnd ?? 0,
              note: event.resultsNote,
              recordedAt: event.resultsRecordedAt.toISOString(),
            },
    };
  }
}

export class PromotionEventPageView {
  @ApiProperty({ type: [PromotionEventView] }) items!: PromotionEventView[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class EnrolmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() producerName!: string;
  @ApiProperty({ format: 'uuid' }) certificateId!: string;
  @ApiProperty() certificateNumber!: string;
  @ApiProperty() stars!: number;
  @ApiProperty({ enum: ['active', 'suspended', 'withdrawn'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, enum: ['certificate_expired', 'certificate_revoked'] })
  suspendedReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) booth!: string | null;
  @ApiProperty({ nullable: true, type: Number }) salesVnd!: number | null;
  @ApiProperty({ nullable: true, type: Number }) contractsSigned!: number | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnReason!: string | null;
  @ApiProperty() enrolledAt!: string;

  static of(enrolment: EnrolmentEntity): EnrolmentView {
    return {
      id: enrolment.id,
      eventId: enrolment.eventId,
      productId: enrolment.productId,
      productName: enrolment.productName,
      producerId: enrolment.producerId,
      producerName: enrolment.producerName,
      certificateId: enrolment.certificateId,
      certificateNumber: enrolment.certificateNumber,
      stars: enrolment.stars,
      status: enrolment.status,
      suspendedReason: enrolment.suspendedReason,
      booth: enrolment.booth,
      salesVnd: enrolment.salesVnd,
      contractsSigned: enrolment.contractsSigned,
      withdrawnReason: enrolment.withdrawnReason,
      enrolledAt: enrolment.enrolledAt.toISOString(),
    };
  }
}

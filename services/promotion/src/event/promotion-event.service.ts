import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { dateInVietnam, PromotionEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { diffFields, recordChanges, type ChangeInput } from '@ocop/persistence';
import { CertificateRecordEntity } from '../certificate/certificate-record.entity';
import { CertificateRecordService } from '../certificate/certificate-record.service';
import { listProvince } from '../common/promotion.access';
import { PromotionErrors } from '../common/promotion.errors';
import { unitFitsProvince } from '../common/units';
import { EVENT_KIND_NAMES, EVENT_LEVEL_NAMES, PARTICIPATION_STATUS_NAMES } from '../common/vietnamese-labels';
import { renderEnrolmentsXlsx } from '../exports/promotion.workbooks';
import type {
  CreatePromotionEventDto,
  EnrolDto,
  EventResultsDto,
  PromotionEventQuery,
  UpdatePromotionEventDto,
} from './dto/promotion-event.dto';
import { EnrolmentEntity, PromotionEventEntity } from './promotion-event.entity';

/** Enrolments that hold a booth. */
const OCCUPYING = ['active', 'suspended'] as const;

const EVENT_FIELDS: Extract<keyof PromotionEventEntity, string>[] = [
  'name',
  'kind',
  'level',
  'unitCode',
  'provinceCode',
  'organiserName',
  'place',
  'startsOn',
  'endsOn',
  'capacity',
  'minStars',
];

/**
 * Promotion events (OCOP.md §6): fairs, exhibitions, livestreams, e-commerce campaigns and trade missions,
 * with their booths, the certified products enrolled and their results.
 */
@Injectable()
export class PromotionEventService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly certificates: CertificateRecordService,
    private readonly accessLog: AccessLog,
  ) {}

  async create(user: AuthUser, dto: CreatePromotionEventDto): Promise<PromotionEventEntity> {
    if (!unitFitsProvince(dto.unitCode, dto.provinceCode))
      throw new AppException(PromotionErrors.PROMOTION_UNIT_PROVINCE_MISMATCH, {
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        level: dto.level,
      });
    assertDates(dto.startsOn, dto.endsOn);
    await this.jurisdiction.assertWithin(user, dto.provinceCode);
    return this.dataSource.transaction(async (manager) => {
      const event = manager.create(PromotionEventEntity, {
        name: dto.name.trim(),
        kind: dto.kind,
        level: dto.level,
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        organiserName: dto.organiserName.trim(),
        place: dto.place.trim(),
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        capacity: dto.capacity,
        minStars: dto.minStars ?? 3,
        status: 'planned',
        cancelReason: null,
        visitors: null,
        salesVnd: null,
        contractsSigned: null,
        contractsValueVnd: null,
        resultsNote: null,
        resultsRecordedAt: null,
        createdBy: user.id,
      });
      await manager.insert(PromotionEventEntity, event);
      await this.record(manager, user, event, 'created', diffFields(null, event, EVENT_FIELDS));
      await this.outbox.append(manager, PromotionEvents.eventPlanned, {
        eventId: event.id,
        name: event.name,
        kind: event.kind,
        level: event.level,
        unitCode: event.unitCode,
        provinceCode: event.provinceCode,
        organiserName: event.organiserName,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        capacity: event.capacity,
      });
      return event;
    });
  }

  /** Name, place, organiser, dates and booths of a planned event; never fewer booths than taken, nor dates the enrolled certificates do not cover. */
  async update(user: AuthUser, eventId: string, dto: UpdatePromotionEventDto): Promise<PromotionEventEntity> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, user, eventId);
      assertPlanned(event, 'change it');
      const before = { ...event };
      Object.assign(event, {
        name: dto.name?.trim() ?? event.name,
        organiserName: dto.organiserName?.trim() ?? event.organiserName,
        place: dto.place?.trim() ?? event.place,
        startsOn: dto.startsOn ?? event.startsOn,
        endsOn: dto.endsOn ?? event.endsOn,
        capacity: dto.capacity ?? event.capacity,
      });
      assertDates(event.startsOn, event.endsOn);
      const changes = diffFields(before, event, EVENT_FIELDS);
      if (Object.keys(changes).length === 0) return event;
      if (changes['capacity']) {
        const enrolled = await this.occupied(manager, event.id);
        if (enrolled > event.capacity)
          throw new AppException(PromotionErrors.PROMOTION_EVENT_CAPACITY_BELOW_ENROLLED, {
            enrolled,
            capacity: event.capacity,
          });
      }
      if (changes['startsOn'] || changes['endsOn']) {
        const count = await manager
          .createQueryBuilder(EnrolmentEntity, 'enrolment')
          .innerJoin(CertificateRecordEntity, 'certificate', 'certificate.id = enrolment.certificate_id')
          .where("enrolment.event_id = :eventId AND enrolment.status = 'active'", { eventId })
          .andWhere(
            "NOT (certificate.status = 'valid' AND certificate.issued_on <= :from AND certificate.valid_until >= :to)",
            { from: event.startsOn, to: event.endsOn },
          )
          .getCount();
        if (count > 0) throw new AppException(PromotionErrors.PROMOTION_EVENT_DATES_EXCLUDE_ENROLLED, { count });
      }
      await manager.save(PromotionEventEntity, event);
      await this.record(manager, user, event, 'updated', changes);
      return event;
    });
  }

  async cancel(user: AuthUser, eventId: string, reason: string): Promise<PromotionEventEntity> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, user, eventId);
      assertPlanned(event, 'cancel it');
      await manager.update(PromotionEventEntity, { id: event.id }, { status: 'cancelled', cancelReason: reason });
      await this.record(manager, user, event, 'cancelled', {
        status: [event.status, 'cancelled'],
        reason: [null, reason],
      });
      event.status = 'cancelled';
      event.cancelReason = reason;
      await this.outbox.append(manager, PromotionEvents.eventCancelled, {
        eventId: event.id,
        provinceCode: event.provinceCode,
        reason,
        cancelledAt: new Date().toISOString(),
      });
      return event;
    });
  }

  /** Sales, contracts and visitors once the event has begun (again to correct them); it is then completed. */
  async recordResults(user: AuthUser, eventId: string, dto: EventResultsDto): Promise<PromotionEventEntity> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, user, eventId);
      if (event.status === 'cancelled')
        throw new AppException(PromotionErrors.PROMOTION_EVENT_NOT_OPEN, {
          status: event.status,
          action: 'record results',
        });
      if (dateInVietnam(new Date()) < event.startsOn)
        throw new AppException(PromotionErrors.PROMOTION_EVENT_NOT_STARTED, { startsOn: event.startsOn });
      const products = dto.products ?? [];
      if (products.length > 0) {
        const enrolled = await manager.find(EnrolmentEntity, {
          where: { eventId, productId: In(products.map((product) => product.productId)) },
        });
        const missing = products.find((product) => !enrolled.some((row) => row.productId === product.productId));
        if (missing) throw new AppException(PromotionErrors.PROMOTION_NOT_ENROLLED, { productId: missing.productId });
        for (const product of products)
          await manager.update(
            EnrolmentEntity,
            { eventId, productId: product.productId },
            { salesVnd: product.salesVnd ?? null, contractsSigned: product.contractsSigned ?? null },
          );
      }
      const before = { ...event };
      Object.assign(event, {
        status: 'completed',
        visitors: dto.visitors,
        salesVnd: dto.salesVnd,
        contractsSigned: dto.contractsSigned,
        contractsValueVnd: dto.contractsValueVnd ?? 0,
        resultsNote: dto.note ?? null,
        resultsRecordedAt: new Date(),
      });
      await manager.save(PromotionEventEntity, event);
      await this.record(
        manager,
        user,
        event,
        'results_recorded',
        diffFields(before, event, [
          'status',
          'visitors',
          'salesVnd',
          'contractsSigned',
          'contractsValueVnd',
          'resultsNote',
        ]),
      );
      await this.outbox.append(manager, PromotionEvents.eventResultsRecorded, {
        eventId: event.id,
        provinceCode: event.provinceCode,
        kind: event.kind,
        level: event.level,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        visitors: dto.visitors,
        salesVnd: dto.salesVnd,
        contractsSigned: dto.contractsSigned,
        contractsValueVnd: dto.contractsValueVnd ?? 0,
        products: await this.occupied(manager, event.id),
        recordedAt: new Date().toISOString(),
      });
      return event;
    });
  }

  async get(user: AuthUser, eventId: string): Promise<{ event: PromotionEventEntity; enrolled: number }> {
    const event = await this.dataSource.getRepository(PromotionEventEntity).findOne({ where: { id: eventId } });
    if (!event) throw new AppException(PromotionErrors.PROMOTION_EVENT_NOT_FOUND, { eventId });
    await this.jurisdiction.assertWithin(user, event.provinceCode);
    return { event, enrolled: await this.occupied(this.dataSource.manager, event.id) };
  }

  async list(user: AuthUser, query: PromotionEventQuery): Promise<Page<PromotionEventEntity>> {
    const province = await listProvince(this.jurisdiction, user, query.province);
    const builder = this.dataSource.getRepository(PromotionEventEntity).createQueryBuilder('event');
    if (province) builder.andWhere('event.province_code = :province', { province });
    if (query.year)
      builder.andWhere('event.starts_on <= :to AND event.ends_on >= :from', {
        from: `${query.year}-01-01`,
        to: `${query.year}-12-31`,
      });
    if (query.kind) builder.andWhere('event.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('event.status = :status', { status: query.status });
    if (query.q) builder.andWhere('event.name ILIKE :q', { q: `%${query.q}%` });
    return pageOf(builder.orderBy('event.starts_on', 'DESC').addOrderBy('event.name', 'ASC'), query);
  }

  async enrolments(user: AuthUser, eventId: string): Promise<EnrolmentEntity[]> {
    await this.get(user, eventId);
    return this.dataSource
      .getRepository(EnrolmentEntity)
      .find({ where: { eventId }, order: { productName: 'ASC', id: 'ASC' } });
  }

  /**
   * Enrols a product whose certificate (3★ or the event's minimum) is in force on every day of the event,
   * while booths remain. A product withdrawn earlier may come back.
   */
  async enrol(user: AuthUser, eventId: string, dto: EnrolDto): Promise<EnrolmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, user, eventId);
      assertPlanned(event, 'enrol products');
      const existing = await manager.findOne(EnrolmentEntity, { where: { eventId, productId: dto.productId } });
      if (existing && existing.status !== 'withdrawn')
        throw new AppException(PromotionErrors.PROMOTION_ALREADY_ENROLLED, { productId: dto.productId });
      const certificate = await this.certificates.qualifying(
        manager,
        dto.productId,
        { from: event.startsOn, to: event.endsOn },
        event.minStars,
      );
      if ((await this.occupied(manager, event.id)) >= event.capacity)
        throw new AppException(PromotionErrors.PROMOTION_EVENT_FULL, { capacity: event.capacity });
      const fields = {
        status: 'active' as const,
        certificateId: certificate.id,
        certificateNumber: certificate.number,
        stars: certificate.stars,
        productName: certificate.productName,
        producerId: certificate.producerId,
        producerName: certificate.producerName,
        productProvinceCode: certificate.provinceCode,
        booth: dto.booth ?? null,
        withdrawnReason: null,
        suspendedReason: null,
        suspendedAt: null,
        restoredAt: null,
        enrolledBy: user.id,
        enrolledAt: new Date(),
      };
      let enrolment: EnrolmentEntity;
      if (existing) {
        await manager.update(EnrolmentEntity, { id: existing.id }, fields);
        enrolment = Object.assign(existing, fields);
      } else {
        enrolment = manager.create(EnrolmentEntity, {
          ...fields,
          eventId,
          productId: dto.productId,
          salesVnd: null,
          contractsSigned: null,
        });
        await manager.insert(EnrolmentEntity, enrolment);
      }
      await this.recordEnrolment(manager, user, event, enrolment, 'enrolled', {
        status: [existing?.status ?? null, 'active'],
        certificateNumber: [null, certificate.number],
      });
      await this.outbox.append(manager, PromotionEvents.productEnrolled, {
        eventId,
        enrolmentId: enrolment.id,
        productId: enrolment.productId,
        producerId: enrolment.producerId,
        certificateId: enrolment.certificateId,
        stars: enrolment.stars,
        provinceCode: event.provinceCode,
        enrolledAt: enrolment.enrolledAt.toISOString(),
      });
      return enrolment;
    });
  }

  async withdraw(user: AuthUser, eventId: string, productId: string, reason: string): Promise<EnrolmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, user, eventId);
      const enrolment = await manager.findOne(EnrolmentEntity, { where: { eventId, productId } });
      if (!enrolment || enrolment.status === 'withdrawn')
        throw new AppException(PromotionErrors.PROMOTION_NOT_ENROLLED, { productId });
      const from = enrolment.status;
      await manager.update(EnrolmentEntity, { id: enrolment.id }, { status: 'withdrawn', withdrawnReason: reason });
      Object.assign(enrolment, { status: 'withdrawn', withdrawnReason: reason });
      await this.recordEnrolment(manager, user, event, enrolment, 'withdrawn', {
        status: [from, 'withdrawn'],
        reason: [null, reason],
      });
      await this.outbox.append(manager, PromotionEvents.productWithdrawn, {
        eventId,
        enrolmentId: enrolment.id,
        productId,
        provinceCode: event.provinceCode,
        reason,
        withdrawnAt: new Date().toISOString(),
      });
      return enrolment;
    });
  }

  async enrolmentsWorkbook(user: AuthUser, eventId: string): Promise<{ event: PromotionEventEntity; xlsx: Buffer }> {
    const { event } = await this.get(user, eventId);
    const enrolments = await this.dataSource
      .getRepository(EnrolmentEntity)
      .find({ where: { eventId }, order: { productName: 'ASC', id: 'ASC' } });
    const xlsx = await renderEnrolmentsXlsx({
      organiserName: event.organiserName,
      eventName: event.name,
      kindAndLevel: `${EVENT_KIND_NAMES[event.kind]} ${EVENT_LEVEL_NAMES[event.level]}`,
      place: event.place,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      capacity: event.capacity,
      enrolments: enrolments.map((row) => ({
        productName: row.productName,
        producerName: row.producerName,
        certificateNumber: row.certificateNumber,
        stars: row.stars,
        booth: row.booth,
        status: PARTICIPATION_STATUS_NAMES[row.status],
        salesVnd: row.salesVnd,
        contractsSigned: row.contractsSigned,
      })),
      generatedAt: new Date().toISOString(),
    });
    await this.accessLog.exported(user, {
      entityType: 'promotion_event',
      entityId: event.id,
      unitCode: event.unitCode,
      provinceCode: event.provinceCode,
      params: { list: 'enrolments', format: 'xlsx' },
    });
    return { event, xlsx };
  }

  /** The event locked for this transaction, checked against the user's jurisdiction. */
  private async lock(manager: EntityManager, user: AuthUser, eventId: string): Promise<PromotionEventEntity> {
    const event = await manager.findOne(PromotionEventEntity, {
      where: { id: eventId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!event) throw new AppException(PromotionErrors.PROMOTION_EVENT_NOT_FOUND, { eventId });
    await this.jurisdiction.assertWithin(user, event.provinceCode);
    return event;
  }

  private occupied(manager: EntityManager, eventId: string): Promise<number> {
    return manager.count(EnrolmentEntity, { where: { eventId, status: In([...OCCUPYING]) } });
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    event: PromotionEventEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'promotion_event',
        entityId: event.id,
        action,
        changes,
        changedBy: user.id,
        unitCode: event.provinceCode,
      },
    ]);
  }

  private async recordEnrolment(
    manager: EntityManager,
    user: AuthUser,
    event: PromotionEventEntity,
    enrolment: EnrolmentEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'enrolment',
        entityId: enrolment.id,
        action,
        changes: { eventId: [null, event.id], productId: [null, enrolment.productId], ...changes },
        changedBy: user.id,
        unitCode: event.provinceCode,
      },
    ]);
  }
}

function assertDates(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn)
    throw new AppException(PromotionErrors.PROMOTION_DATES_INVALID, { problem: 'the end is before the start' });
}

function assertPlanned(event: PromotionEventEntity, action: string): void {
  if (event.status !== 'planned')
    throw new AppException(PromotionErrors.PROMOTION_EVENT_NOT_OPEN, { status: event.status, action });
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { dateInVietnam, PromotionEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { diffFields, recordChanges, type ChangeInput } from '@ocop/persistence';
import { CertificateRecordService } from '../certificate/certificate-record.service';
import { listProvince } from '../common/promotion.access';
import { PromotionErrors } from '../common/promotion.errors';
import { unitFitsProvince } from '../common/units';
import type {
  CloseSalesPointDto,
  ConsignDto,
  CreateSalesPointDto,
  SalesPointQuery,
  UpdateSalesPointDto,
} from './dto/sales-point.dto';
import { ConsignmentEntity, SalesPointEntity } from './sales-point.entity';

const POINT_FIELDS: Extract<keyof SalesPointEntity, string>[] = [
  'name',
  'kind',
  'operatorName',
  'unitCode',
  'provinceCode',
  'address',
  'openedOn',
];

/** Introduction and sales points and the certified products on consignment there (OCOP.md §6). */
@Injectable()
export class SalesPointService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly certificates: CertificateRecordService,
  ) {}

  async create(user: AuthUser, dto: CreateSalesPointDto): Promise<SalesPointEntity> {
    if (!unitFitsProvince(dto.unitCode, dto.provinceCode))
      throw new AppException(PromotionErrors.PROMOTION_UNIT_PROVINCE_MISMATCH, {
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        level: 'sales point',
      });
    await this.jurisdiction.assertWithin(user, dto.provinceCode);
    return this.dataSource.transaction(async (manager) => {
      const point = manager.create(SalesPointEntity, {
        name: dto.name.trim(),
        kind: dto.kind,
        operatorName: dto.operatorName.trim(),
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        address: dto.address.trim(),
        openedOn: dto.openedOn,
        status: 'open',
        closedOn: null,
        createdBy: user.id,
      });
      await manager.insert(SalesPointEntity, point);
      await this.record(manager, user, point, 'created', diffFields(null, point, POINT_FIELDS));
      await this.outbox.append(manager, PromotionEvents.salesPointOpened, {
        salesPointId: point.id,
        name: point.name,
        kind: point.kind,
        operatorName: point.operatorName,
        unitCode: point.unitCode,
        provinceCode: point.provinceCode,
        openedOn: point.openedOn,
      });
      return point;
    });
  }

  async update(user: AuthUser, salesPointId: string, dto: UpdateSalesPointDto): Promise<SalesPointEntity> {
    return this.dataSource.transaction(async (manager) => {
      const point = await this.lock(manager, user, salesPointId);
      const before = { ...point };
      Object.assign(point, {
        name: dto.name?.trim() ?? point.name,
        kind: dto.kind ?? point.kind,
        operatorName: dto.operatorName?.trim() ?? point.operatorName,
        address: dto.address?.trim() ?? point.address,
      });
      const changes = diffFields(before, point, POINT_FIELDS);
      if (Object.keys(changes).length === 0) return point;
      await manager.save(SalesPointEntity, point);
      await this.record(manager, user, point, 'updated', changes);
      return point;
    });
  }

  /** Closes the point: its consignments end with it. */
  async close(user: AuthUser, salesPointId: string, dto: CloseSalesPointDto): Promise<SalesPointEntity> {
    return this.dataSource.transaction(async (manager) => {
      const point = await this.lock(manager, user, salesPointId);
      assertOpen(point);
      if (dto.closedOn < point.openedOn)
        throw new AppException(PromotionErrors.PROMOTION_DATES_INVALID, { problem: 'closed before it opened' });
      await manager.update(SalesPointEntity, { id: point.id }, { status: 'closed', closedOn: dto.closedOn });
      await manager
        .createQueryBuilder()
        .update(ConsignmentEntity)
        .set({ status: 'withdrawn', endedOn: dto.closedOn, endReason: dto.reason })
        .where("sales_point_id = :id AND status IN ('active', 'suspended')", { id: point.id })
        .execute();
      await this.record(manager, user, point, 'closed', {
        status: ['open', 'closed'],
        closedOn: [null, dto.closedOn],
        reason: [null, dto.reason],
      });
      Object.assign(point, { status: 'closed', closedOn: dto.closedOn });
      await this.outbox.append(manager, PromotionEvents.salesPointClosed, {
        salesPointId: point.id,
        provinceCode: point.provinceCode,
        closedOn: dto.closedOn,
      });
      return point;
    });
  }

  async get(user: AuthUser, salesPointId: string): Promise<SalesPointEntity> {
    const point = await this.dataSource.getRepository(SalesPointEntity).findOne({ where: { id: salesPointId } });
    if (!point) throw new AppException(PromotionErrors.SALES_POINT_NOT_FOUND, { salesPointId });
    await this.jurisdiction.assertWithin(user, point.provinceCode);
    return point;
  }

  async list(user: AuthUser, query: SalesPointQuery): Promise<Page<SalesPointEntity>> {
    const province = await listProvince(this.jurisdiction, user, query.province);
    const builder = this.dataSource.getRepository(SalesPointEntity).createQueryBuilder('point');
    if (province) builder.andWhere('point.province_code = :province', { province });
    if (query.kind) builder.andWhere('point.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('point.status = :status', { status: query.status });
    if (query.q) builder.andWhere('point.name ILIKE :q', { q: `%${query.q}%` });
    return pageOf(builder.orderBy('point.name', 'ASC').addOrderBy('point.id', 'ASC'), query);
  }

  async consignments(user: AuthUser, salesPointId: string): Promise<ConsignmentEntity[]> {
    await this.get(user, salesPointId);
    return this.dataSource
      .getRepository(ConsignmentEntity)
      .find({ where: { salesPointId }, order: { productName: 'ASC', id: 'ASC' } });
  }

  /** A product on consignment needs a certificate in force today (and the point open). */
  async consign(user: AuthUser, salesPointId: string, dto: ConsignDto): Promise<ConsignmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const point = await this.lock(manager, user, salesPointId);
      assertOpen(point);
      const existing = await manager.findOne(ConsignmentEntity, { where: { salesPointId, productId: dto.productId } });
      if (existing && existing.status !== 'withdrawn')
        throw new AppException(PromotionErrors.CONSIGNMENT_EXISTS, { productId: dto.productId });
      const today = dateInVietnam(new Date());
      const certificate = await this.certificates.qualifying(manager, dto.productId, { from: today, to: today });
      const fields = {
        status: 'active' as const,
        certificateId: certificate.id,
        certificateNumber: certificate.number,
        stars: certificate.stars,
        productName: certificate.productName,
        producerId: certificate.producerId,
        producerName: certificate.producerName,
        productProvinceCode: certificate.provinceCode,
        consignedOn: dto.consignedOn ?? today,
        endedOn: null,
        endReason: null,
        suspendedReason: null,
        suspendedAt: null,
        restoredAt: null,
        consignedBy: user.id,
      };
      let consignment: ConsignmentEntity;
      if (existing) {
        await manager.update(ConsignmentEntity, { id: existing.id }, fields);
        consignment = Object.assign(existing, fields);
      } else {
        consignment = manager.create(ConsignmentEntity, { ...fields, salesPointId, productId: dto.productId });
        await manager.insert(ConsignmentEntity, consignment);
      }
      await this.recordConsignment(manager, user, point, consignment, 'consigned', {
        status: [existing?.status ?? null, 'active'],
        certificateNumber: [null, certificate.number],
      });
      await this.outbox.append(manager, PromotionEvents.productConsigned, {
        salesPointId,
        consignmentId: consignment.id,
        productId: consignment.productId,
        producerId: consignment.producerId,
        certificateId: consignment.certificateId,
        stars: consignment.stars,
        provinceCode: point.provinceCode,
        consignedOn: consignment.consignedOn,
      });
      return consignment;
    });
  }

  async endConsignment(
    user: AuthUser,
    salesPointId: string,
    productId: string,
    reason: string,
  ): Promise<ConsignmentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const point = await this.lock(manager, user, salesPointId);
      const consignment = await manager.findOne(ConsignmentEntity, { where: { salesPointId, productId } });
      if (!consignment || consignment.status === 'withdrawn')
        throw new AppException(PromotionErrors.CONSIGNMENT_NOT_FOUND, { productId });
      const from = consignment.status;
      const endedOn = dateInVietnam(new Date());
      await manager.update(
        ConsignmentEntity,
        { id: consignment.id },
        { status: 'withdrawn', endedOn, endReason: reason },
      );
      Object.assign(consignment, { status: 'withdrawn', endedOn, endReason: reason });
      await this.recordConsignment(manager, user, point, consignment, 'withdrawn', {
        status: [from, 'withdrawn'],
        reason: [null, reason],
      });
      await this.outbox.append(manager, PromotionEvents.consignmentEnded, {
        salesPointId,
        consignmentId: consignment.id,
        productId,
        provinceCode: point.provinceCode,
        reason,
        endedOn,
      });
      return consignment;
    });
  }

  private async lock(manager: EntityManager, user: AuthUser, salesPointId: string): Promise<SalesPointEntity> {
    const point = await manager.findOne(SalesPointEntity, {
      where: { id: salesPointId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!point) throw new AppException(PromotionErrors.SALES_POINT_NOT_FOUND, { salesPointId });
    await this.jurisdiction.assertWithin(user, point.provinceCode);
    return point;
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    point: SalesPointEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'sales_point',
        entityId: point.id,
        action,
        changes,
        changedBy: user.id,
        unitCode: point.provinceCode,
      },
    ]);
  }

  private async recordConsignment(
    manager: EntityManager,
    user: AuthUser,
    point: SalesPointEntity,
    consignment: ConsignmentEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'consignment',
        entityId: consignment.id,
        action,
        changes: { salesPointId: [null, point.id], productId: [null, consignment.productId], ...changes },
        changedBy: user.id,
        unitCode: point.provinceCode,
      },
    ]);
  }
}

function assertOpen(point: SalesPointEntity): void {
  if (point.status === 'closed')
    throw new AppException(PromotionErrors.SALES_POINT_CLOSED, { closedOn: point.closedOn ?? '' });
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { PromotionEvents, type SupportRequestStatus } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import {
  AccessLog,
  AppException,
  CommonErrors,
  JurisdictionService,
  type AuthUser,
  type Page,
  pageOf,
} from '@ocop/nest-common';
import { diffFields, recordChanges, type ChangeInput } from '@ocop/persistence';
import { CertificateRecordEntity } from '../certificate/certificate-record.entity';
import { canMove, checkBudget } from '../common/budget.rules';
import { actsAsProducer, assertMayRead, listProvince } from '../common/promotion.access';
import { PromotionErrors } from '../common/promotion.errors';
import { unitFitsProvince } from '../common/units';
import { SUPPORT_KIND_NAMES, SUPPORT_STATUS_NAMES } from '../common/vietnamese-labels';
import { renderSupportXlsx } from '../exports/promotion.workbooks';
import type {
  ApproveSupportDto,
  CreateProgrammeDto,
  CreateSupportRequestDto,
  DeliverSupportDto,
  ProgrammeQuery,
  SupportRequestQuery,
} from './dto/support.dto';
import { SupportProgrammeEntity, SupportRequestEntity } from './support.entity';

export const SUPPORT_TRANSITIONS: Readonly<Record<SupportRequestStatus, readonly SupportRequestStatus[]>> = {
  requested: ['approved', 'rejected'],
  approved: ['delivered', 'rejected'],
  delivered: [],
  rejected: [],
};

/** Requests that draw on the programme's budget. */
const COMMITTED: SupportRequestStatus[] = ['approved', 'delivered'];

const PROGRAMME_FIELDS: Extract<keyof SupportProgrammeEntity, string>[] = [
  'name',
  'unitCode',
  'provinceCode',
  'organiserName',
  'year',
  'kinds',
  'budgetVnd',
];

/**
 * Producer support (OCOP.md §6; seed 003 BIỂU 2): programmes with their kinds and budget, producers'
 * requests, approval within the budget, delivery.
 */
@Injectable()
export class SupportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly accessLog: AccessLog,
  ) {}

  async createProgramme(user: AuthUser, dto: CreateProgrammeDto): Promise<SupportProgrammeEntity> {
    if (!unitFitsProvince(dto.unitCode, dto.provinceCode))
      throw new AppException(PromotionErrors.PROMOTION_UNIT_PROVINCE_MISMATCH, {
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        level: 'support programme',
      });
    await this.jurisdiction.assertWithin(user, dto.provinceCode);
    return this.dataSource.transaction(async (manager) => {
      const programme = manager.create(SupportProgrammeEntity, {
        name: dto.name.trim(),
        unitCode: dto.unitCode,
        provinceCode: dto.provinceCode,
        organiserName: dto.organiserName.trim(),
        year: dto.year,
        kinds: dto.kinds,
        budgetVnd: dto.budgetVnd,
        createdBy: user.id,
      });
      await manager.insert(SupportProgrammeEntity, programme);
      await recordChanges(manager, [
        {
          entityType: 'support_programme',
          entityId: programme.id,
          action: 'created',
          changes: diffFields(null, programme, PROGRAMME_FIELDS),
          changedBy: user.id,
          unitCode: programme.provinceCode,
        },
      ]);
      await this.outbox.append(manager, PromotionEvents.supportProgrammeCreated, {
        programmeId: programme.id,
        name: programme.name,
        unitCode: programme.unitCode,
        provinceCode: programme.provinceCode,
        year: programme.year,
        kinds: programme.kinds,
        budgetVnd: programme.budgetVnd,
      });
      return programme;
    });
  }

  async listProgrammes(user: AuthUser, query: ProgrammeQuery): Promise<Page<SupportProgrammeEntity>> {
    const builder = this.dataSource.getRepository(SupportProgrammeEntity).createQueryBuilder('programme');
    // Producers see every programme they could ask (they are published); staff within their jurisdiction.
    const province = actsAsProducer(user)
      ? query.province
      : await listProvince(this.jurisdiction, user, query.province);
    if (province) builder.andWhere('programme.province_code = :province', { province });
    if (query.year) builder.andWhere('programme.year = :year', { year: query.year });
    if (query.q) builder.andWhere('programme.name ILIKE :q', { q: `%${query.q}%` });
    return pageOf(builder.orderBy('programme.year', 'DESC').addOrderBy('programme.name', 'ASC'), query);
  }

  async getProgramme(
    user: AuthUser,
    programmeId: string,
  ): Promise<{ programme: SupportProgrammeEntity; committedVnd: number }> {
    const programme = await this.findProgramme(this.dataSource.manager, programmeId);
    if (!actsAsProducer(user)) await this.jurisdiction.assertWithin(user, programme.provinceCode);
    return { programme, committedVnd: await this.committed(this.dataSource.manager, programme.id) };
  }

  /** A request for one of the programme's kinds; a producer asks for itself (and its own products). */
  async request(user: AuthUser, programmeId: string, dto: CreateSupportRequestDto): Promise<SupportRequestEntity> {
    const programme = await this.findProgramme(this.dataSource.manager, programmeId);
    let producerId: string;
    if (actsAsProducer(user)) {
      if (!user.producerId || (dto.producerId && dto.producerId !== user.producerId))
        throw new AppException(PromotionErrors.PROMOTION_NOT_YOUR_PRODUCT);
      producerId = user.producerId;
    } else {
      await this.jurisdiction.assertWithin(user, programme.provinceCode);
      if (!dto.producerId)
        throw new AppException(CommonErrors.VALIDATION_FAILED, {}, [
          { field: 'producerId', problems: ['producerId is required of staff'], constraints: ['isDefined'] },
        ]);
      producerId = dto.producerId;
    }
    if (!programme.kinds.includes(dto.kind))
      throw new AppException(PromotionErrors.SUPPORT_KIND_NOT_IN_PROGRAMME, { kind: dto.kind });
    let productName = dto.productName?.trim() ?? null;
    if (dto.productId) {
      const known = await this.dataSource
        .getRepository(CertificateRecordEntity)
        .findOne({ where: { productId: dto.productId }, order: { issuedOn: 'DESC' } });
      if (known && known.producerId !== producerId) throw new AppException(PromotionErrors.PROMOTION_NOT_YOUR_PRODUCT);
      productName ??= known?.productName ?? null;
    }
    return this.dataSource.transaction(async (manager) => {
      const request = manager.create(SupportRequestEntity, {
        programmeId,
        provinceCode: programme.provinceCode,
        producerId,
        producerName: dto.producerName.trim(),
        producerAddress: dto.producerAddress?.trim() ?? null,
        productId: dto.productId ?? null,
        productName,
        kind: dto.kind,
        description: dto.description.trim(),
        requestedAmountVnd: dto.requestedAmountVnd,
        approvedAmountVnd: null,
        status: 'requested',
        decisionNote: null,
        decidedBy: null,
        decidedAt: null,
        deliveredOn: null,
        deliveryNote: null,
        requestedBy: user.id,
      });
      await manager.insert(SupportRequestEntity, request);
      await this.record(manager, user, request, 'requested', {
        kind: [null, request.kind],
        requestedAmountVnd: [null, request.requestedAmountVnd],
        status: [null, 'requested'],
      });
      await this.outbox.append(manager, PromotionEvents.supportRequested, {
        requestId: request.id,
        programmeId,
        producerId,
        productId: request.productId,
        kind: request.kind,
        requestedAmountVnd: request.requestedAmountVnd,
        provinceCode: request.provinceCode,
        requestedAt: request.createdAt.toISOString(),
      });
      return request;
    });
  }

  async listRequests(user: AuthUser, query: SupportRequestQuery): Promise<Page<SupportRequestEntity>> {
    const builder = this.dataSource.getRepository(SupportRequestEntity).createQueryBuilder('request');
    if (actsAsProducer(user)) {
      builder.andWhere('request.producer_id = :producerId', { producerId: user.producerId ?? '' });
    } else {
      if (query.programmeId) {
        const programme = await this.findProgramme(this.dataSource.manager, query.programmeId);
        await this.jurisdiction.assertWithin(user, programme.provinceCode);
      } else {
        const province = await listProvince(this.jurisdiction, user, query.province);
        if (province) builder.andWhere('request.province_code = :province', { province });
      }
      if (query.producerId) builder.andWhere('request.producer_id = :producerId', { producerId: query.producerId });
    }
    if (query.programmeId) builder.andWhere('request.programme_id = :programmeId', { programmeId: query.programmeId });
    if (query.status) builder.andWhere('request.status = :status', { status: query.status });
    return pageOf(builder.orderBy('request.created_at', 'DESC').addOrderBy('request.id', 'ASC'), query);
  }

  async getRequest(user: AuthUser, requestId: string): Promise<SupportRequestEntity> {
    const request = await this.dataSource.getRepository(SupportRequestEntity).findOne({ where: { id: requestId } });
    if (!request) throw new AppException(PromotionErrors.SUPPORT_REQUEST_NOT_FOUND, { requestId });
    await assertMayRead(this.jurisdiction, user, request);
    return request;
  }

  /** Approves (all or part of what was asked) within what remains of the programme's budget. */
  async approve(user: AuthUser, requestId: string, dto: ApproveSupportDto): Promise<SupportRequestEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { programme, request } = await this.lock(manager, user, requestId, 'approved');
      const amount = dto.approvedAmountVnd ?? request.requestedAmountVnd;
      if (amount > request.requestedAmountVnd)
        throw new AppException(PromotionErrors.SUPPORT_AMOUNT_OVER_REQUESTED, {
          approvedAmountVnd: amount,
          requestedAmountVnd: request.requestedAmountVnd,
        });
      const committed = await this.committed(manager, programme.id);
      const check = checkBudget(programme.budgetVnd, committed, amount);
      if (!check.ok)
        throw new AppException(
          PromotionErrors.SUPPORT_BUDGET_EXCEEDED,
          { remainingVnd: check.reason === 'exceeded' ? check.remainingVnd : 0, amountVnd: amount },
          { budgetVnd: programme.budgetVnd, committedVnd: committed },
        );
      return this.move(manager, user, programme, request, 'approved', dto.note ?? null, {
        approvedAmountVnd: amount,
        decisionNote: dto.note ?? null,
        decidedBy: user.id,
        decidedAt: new Date(),
      });
    });
  }

  async reject(user: AuthUser, requestId: string, reason: string): Promise<SupportRequestEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { programme, request } = await this.lock(manager, user, requestId, 'rejected');
      return this.move(manager, user, programme, request, 'rejected', reason, {
        decisionNote: reason,
        decidedBy: user.id,
        decidedAt: new Date(),
      });
    });
  }

  async deliver(user: AuthUser, requestId: string, dto: DeliverSupportDto): Promise<SupportRequestEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { programme, request } = await this.lock(manager, user, requestId, 'delivered');
      return this.move(manager, user, programme, request, 'delivered', dto.note ?? null, {
        deliveredOn: dto.deliveredOn,
        deliveryNote: dto.note ?? null,
      });
    });
  }

  async workbook(user: AuthUser, programmeId: string): Promise<Buffer> {
    const { programme } = await this.getProgramme(user, programmeId);
    const requests = await this.dataSource.getRepository(SupportRequestEntity).find({
      where: { programmeId, status: In(['requested', 'approved', 'delivered']) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const xlsx = await renderSupportXlsx({
      organiserName: programme.organiserName,
      programmeName: programme.name,
      year: programme.year,
      budgetVnd: programme.budgetVnd,
      requests: requests.map((row) => ({
        producerName: row.producerName,
        producerAddress: row.producerAddress,
        productName: row.productName,
        kind: SUPPORT_KIND_NAMES[row.kind],
        description: row.description,
        requestedAmountVnd: row.requestedAmountVnd,
        approvedAmountVnd: row.approvedAmountVnd,
        status: SUPPORT_STATUS_NAMES[row.status],
        deliveredOn: row.deliveredOn,
      })),
      generatedAt: new Date().toISOString(),
    });
    await this.accessLog.exported(user, {
      entityType: 'support_programme',
      entityId: programme.id,
      unitCode: programme.unitCode,
      provinceCode: programme.provinceCode,
      params: { list: 'requests', format: 'xlsx' },
    });
    return xlsx;
  }

  private async findProgramme(
    manager: EntityManager,
    programmeId: string,
    lock = false,
  ): Promise<SupportProgrammeEntity> {
    const programme = await manager.findOne(SupportProgrammeEntity, {
      where: { id: programmeId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!programme) throw new AppException(PromotionErrors.SUPPORT_PROGRAMME_NOT_FOUND, { programmeId });
    return programme;
  }

  /** The programme then the request, locked in that order (approvals of one programme queue on it). */
  private async lock(
    manager: EntityManager,
    user: AuthUser,
    requestId: string,
    to: SupportRequestStatus,
  ): Promise<{ programme: SupportProgrammeEntity; request: SupportRequestEntity }> {
    const found = await manager.findOne(SupportRequestEntity, { where: { id: requestId } });
    if (!found) throw new AppException(PromotionErrors.SUPPORT_REQUEST_NOT_FOUND, { requestId });
    const programme = await this.findProgramme(manager, found.programmeId, true);
    await this.jurisdiction.assertWithin(user, programme.provinceCode);
    const request = await manager.findOneOrFail(SupportRequestEntity, {
      where: { id: requestId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!canMove(SUPPORT_TRANSITIONS, request.status, to))
      throw new AppException(PromotionErrors.SUPPORT_STATUS_CONFLICT, { from: request.status, to });
    return { programme, request };
  }

  private async move(
    manager: EntityManager,
    user: AuthUser,
    programme: SupportProgrammeEntity,
    request: SupportRequestEntity,
    to: SupportRequestStatus,
    note: string | null,
    fields: Partial<SupportRequestEntity>,
  ): Promise<SupportRequestEntity> {
    const from = request.status;
    await manager.update(SupportRequestEntity, { id: request.id }, { ...fields, status: to });
    Object.assign(request, fields, { status: to });
    await this.record(manager, user, request, to, {
      status: [from, to],
      ...(fields.approvedAmountVnd !== undefined ? { approvedAmountVnd: [null, fields.approvedAmountVnd] } : {}),
      ...(note === null ? {} : { note: [null, note] }),
    });
    await this.outbox.append(manager, PromotionEvents.supportRequestStatusChanged, {
      requestId: request.id,
      programmeId: programme.id,
      producerId: request.producerId,
      productId: request.productId,
      kind: request.kind,
      provinceCode: request.provinceCode,
      year: programme.year,
      from,
      to,
      approvedAmountVnd: request.approvedAmountVnd,
      note,
      changedBy: user.id,
      changedAt: new Date().toISOString(),
    });
    return request;
  }

  private async committed(manager: EntityManager, programmeId: string): Promise<number> {
    const row = await manager
      .createQueryBuilder(SupportRequestEntity, 'request')
      .select('COALESCE(SUM(request.approved_amount_vnd), 0)', 'total')
      .where('request.programme_id = :programmeId', { programmeId })
      .andWhere('request.status IN (:...statuses)', { statuses: COMMITTED })
      .getRawOne<{ total: string }>();
    return Number(row?.total ?? 0);
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    request: SupportRequestEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      {
        entityType: 'support_request',
        entityId: request.id,
        action,
        changes,
        changedBy: user.id,
        unitCode: request.provinceCode,
      },
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { PromotionEvents, type RewardStatus } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, JurisdictionService, type AuthUser, type Page, pageOf } from '@ocop/nest-common';
import { recordChanges } from '@ocop/persistence';
import { canMove, checkBudget } from '../common/budget.rules';
import { actsAsProducer, assertMayRead, listProvince, SYSTEM_ACTOR } from '../common/promotion.access';
import { PromotionErrors } from '../common/promotion.errors';
import { CertificateRecordEntity } from '../certificate/certificate-record.entity';
import { REWARD_STATUS_NAMES } from '../common/vietnamese-labels';
import { renderPayoutsXlsx } from '../exports/promotion.workbooks';
import type { GrantRewardDto, PayRewardDto, RewardListQuery } from './dto/reward.dto';
import { RewardErrors, RewardPolicyService } from './reward-policy.service';
import { RewardBudgetEntity, RewardEntity } from './reward.entity';
import { policyCovers, previousStarsOf, rewardFor, type RewardDecision, type RewardPolicy } from './reward.rules';

export const REWARD_TRANSITIONS: Readonly<Record<RewardStatus, readonly RewardStatus[]>> = {
  pending: ['approved', 'rejected'],
  approved: ['paid', 'rejected'],
  paid: [],
  rejected: [],
};

/** Statuses that draw on the year's budget. */
const COMMITTED: RewardStatus[] = ['approved', 'paid'];

type Computed = { policy: RewardPolicy; decision: RewardDecision; previousStars: number | null };

/**
 * Rewards per star level (OCOP.md §6): created when a certificate is issued under a policy that covers its
 * province and date (or asked for later), never twice for a certificate nor again for the same stars;
 * approved within the paying unit's yearly budget, then paid, or rejected with a reason.
 */
@Injectable()
export class RewardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly policies: RewardPolicyService,
    private readonly accessLog: AccessLog,
  ) {}

  /** From the certificate.issued handler: a reward under each policy covering the certificate, if it earns one. */
  async grantOnIssue(manager: EntityManager, certificate: CertificateRecordEntity): Promise<RewardEntity[]> {
    const granted: RewardEntity[] = [];
    for (const policy of this.policies.policies.filter((candidate) => policyCovers(candidate, certificate))) {
      const computed = await this.compute(manager, policy, certificate);
      if (computed.decision.amountVnd === 0) continue;
      const reward = await this.insert(manager, computed, certificate, SYSTEM_ACTOR);
      if (reward) granted.push(reward);
    }
    return granted;
  }

  /** Asked for by staff (a certificate the handler did not reward): refused when not due or already granted. */
  async grant(user: AuthUser, dto: GrantRewardDto): Promise<RewardEntity> {
    const certificate = await this.dataSource
      .getRepository(CertificateRecordEntity)
      .findOne({ where: { id: dto.certificateId } });
    if (!certificate)
      throw new AppException(PromotionErrors.REWARD_CERTIFICATE_UNKNOWN, { certificateId: dto.certificateId });
    await this.jurisdiction.assertWithin(user, certificate.provinceCode);
    let policy: RewardPolicy | undefined;
    if (dto.policyCode) {
      policy = this.policies.policies.find((candidate) => candidate.code === dto.policyCode);
      if (!policy) throw new AppException(RewardErrors.REWARD_POLICY_NOT_FOUND, { code: dto.policyCode });
      if (!policyCovers(policy, certificate)) policy = undefined;
    } else {
      policy = this.policies.policies.find((candidate) => policyCovers(candidate, certificate));
    }
    if (!policy)
      throw new AppException(PromotionErrors.REWARD_NO_POLICY, {
        provinceCode: certificate.provinceCode,
        issuedOn: certificate.issuedOn,
      });
    const chosen = policy;
    return this.dataSource.transaction(async (manager) => {
      const already = { number: certificate.number, policyCode: chosen.code };
      if (await manager.exists(RewardEntity, { where: { policyCode: chosen.code, certificateId: certificate.id } }))
        throw new AppException(PromotionErrors.REWARD_ALREADY_GRANTED, already);
      const computed = await this.compute(manager, chosen, certificate);
      const reason = certificate.status === 'revoked' ? 'certificate_revoked' : computed.decision.reason;
      if (computed.decision.amountVnd === 0 || certificate.status === 'revoked')
        throw new AppException(PromotionErrors.REWARD_NOT_DUE, { ...already, reason });
      const reward = await this.insert(manager, computed, certificate, user.id);
      if (!reward) throw new AppException(PromotionErrors.REWARD_ALREADY_GRANTED, already);
      return reward;
    });
  }

  async list(user: AuthUser, query: RewardListQuery): Promise<Page<RewardEntity>> {
    const builder = this.dataSource.getRepository(RewardEntity).createQueryBuilder('reward');
    if (actsAsProducer(user)) {
      builder.andWhere('reward.producer_id = :producerId', { producerId: user.producerId ?? '' });
    } else {
      if (query.unit) {
        await this.jurisdiction.assertWithin(user, query.unit);
        builder.andWhere('reward.payer_unit_code = :unit', { unit: query.unit });
      } else {
        const province = await listProvince(this.jurisdiction, user, query.province);
        if (province) builder.andWhere('reward.province_code = :province', { province });
      }
      if (query.producerId) builder.andWhere('reward.producer_id = :producerId', { producerId: query.producerId });
    }
    if (query.year) builder.andWhere('reward.budget_year = :year', { year: query.year });
    if (query.status) builder.andWhere('reward.status = :status', { status: query.status });
    return pageOf(builder.orderBy('reward.created_at', 'DESC').addOrderBy('reward.id', 'ASC'), query);
  }

  async get(user: AuthUser, rewardId: string): Promise<RewardEntity> {
    const reward = await this.dataSource.getRepository(RewardEntity).findOne({ where: { id: rewardId } });
    if (!reward) throw new AppException(PromotionErrors.REWARD_NOT_FOUND, { rewardId });
    await assertMayRead(this.jurisdiction, user, reward);
    return reward;
  }

  /** Approval draws on the paying unit's budget for the year: beyond what remains is refused. */
  async approve(user: AuthUser, rewardId: string): Promise<RewardEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reward = await this.lock(manager, user, rewardId, 'approved');
      const budget = await manager.findOne(RewardBudgetEntity, {
        where: { unitCode: reward.payerUnitCode, year: reward.budgetYear },
        lock: { mode: 'pessimistic_write' },
      });
      const committed = await this.sum(manager, reward.payerUnitCode, reward.budgetYear, COMMITTED);
      const check = checkBudget(budget?.amountVnd ?? null, committed, reward.amountVnd);
      if (!check.ok && check.reason === 'no_budget')
        throw new AppException(PromotionErrors.REWARD_BUDGET_NOT_SET, {
          unitCode: reward.payerUnitCode,
          year: reward.budgetYear,
        });
      if (!check.ok)
        throw new AppException(
          PromotionErrors.REWARD_BUDGET_EXCEEDED,
          { year: reward.budgetYear, remainingVnd: check.remainingVnd, amountVnd: reward.amountVnd },
          { budgetVnd: budget?.amountVnd ?? null, committedVnd: committed, remainingVnd: check.remainingVnd },
        );
      return this.move(manager, user, reward, 'approved', null, { approvedBy: user.id, approvedAt: new Date() });
    });
  }

  async reject(user: AuthUser, rewardId: string, reason: string): Promise<RewardEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reward = await this.lock(manager, user, rewardId, 'rejected');
      return this.move(manager, user, reward, 'rejected', reason, { rejectionReason: reason });
    });
  }

  async pay(user: AuthUser, rewardId: string, dto: PayRewardDto): Promise<RewardEntity> {
    return this.dataSource.transaction(async (manager) => {
      const reward = await this.lock(manager, user, rewardId, 'paid');
      return this.move(manager, user, reward, 'paid', dto.paymentRef, {
        paidOn: dto.paidOn,
        paymentRef: dto.paymentRef,
      });
    });
  }

  async budget(
    user: AuthUser,
    unitCode: string,
    year: number,
  ): Promise<{ budget: RewardBudgetEntity | null; committedVnd: number; pendingVnd: number }> {
    await this.jurisdiction.assertWithin(user, unitCode);
    const manager = this.dataSource.manager;
    return {
      budget: await manager.findOne(RewardBudgetEntity, { where: { unitCode, year } }),
      committedVnd: await this.sum(manager, unitCode, year, COMMITTED),
      pendingVnd: await this.sum(manager, unitCode, year, ['pending']),
    };
  }

  /** Sets a unit's reward budget for a year; never below what is already approved. */
  async setBudget(
    user: AuthUser,
    unitCode: string,
    year: number,
    amountVnd: number,
  ): Promise<{ budget: RewardBudgetEntity; committedVnd: number; pendingVnd: number }> {
    await this.jurisdiction.assertWithin(user, unitCode);
    const provinceCode = await this.jurisdiction.provinceOf(unitCode);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(RewardBudgetEntity, {
        where: { unitCode, year },
        lock: { mode: 'pessimistic_write' },
      });
      const committedVnd = await this.sum(manager, unitCode, year, COMMITTED);
      if (amountVnd < committedVnd)
        throw new AppException(PromotionErrors.REWARD_BUDGET_BELOW_COMMITTED, { committedVnd, year });
      await manager.upsert(RewardBudgetEntity, { unitCode, year, amountVnd, setBy: user.id }, ['unitCode', 'year']);
      await recordChanges(manager, [
        {
          entityType: 'reward_budget',
          entityId: `${unitCode}/${year}`,
          action: before ? 'updated' : 'created',
          changes: { amountVnd: [before?.amountVnd ?? null, amountVnd] },
          changedBy: user.id,
          unitCode,
          provinceCode,
        },
      ]);
      const budget = await manager.findOneByOrFail(RewardBudgetEntity, { unitCode, year });
      return { budget, committedVnd, pendingVnd: await this.sum(manager, unitCode, year, ['pending']) };
    });
  }

  /** The year's payout list of a paying unit (every reward not rejected), as an administrative workbook. */
  async payoutsWorkbook(user: AuthUser, unitCode: string, year: number): Promise<Buffer> {
    await this.jurisdiction.assertWithin(user, unitCode);
    const rewards = await this.dataSource.getRepository(RewardEntity).find({
      where: { payerUnitCode: unitCode, budgetYear: year, status: Not('rejected') },
      order: { issuedOn: 'ASC', certificateNumber: 'ASC' },
    });
    const budget = await this.dataSource.getRepository(RewardBudgetEntity).findOne({ where: { unitCode, year } });
    const policies = this.policies.policies.filter((policy) => policy.unitCode === unitCode);
    const xlsx = await renderPayoutsXlsx({
      payerName: policies.find((policy) => policy.payerName)?.payerName ?? `Đơn vị ${unitCode}`,
      policyTitles: policies
        .filter((policy) => policy.validFrom <= `${year}-12-31` && (policy.validTo ?? '9999') >= `${year}-01-01`)
        .map((policy) => policy.title),
      year,
      budgetVnd: budget?.amountVnd ?? null,
      rewards: rewards.map((reward) => ({
        productName: reward.productName,
        producerName: reward.producerName,
        certificateNumber: reward.certificateNumber,
        issuedOn: reward.issuedOn,
        stars: reward.stars,
        reason: reward.reason === 'upgrade' ? 'Nâng hạng' : 'Sản phẩm mới',
        amountVnd: reward.amountVnd,
        status: REWARD_STATUS_NAMES[reward.status],
        paidOn: reward.paidOn,
        paymentRef: reward.paymentRef,
      })),
      generatedAt: new Date().toISOString(),
    });
    await this.accessLog.exported(user, {
      entityType: 'reward',
      entityId: `payouts/${unitCode}/${year}`,
      unitCode,
      params: { list: 'payouts', unit: unitCode, year, format: 'xlsx' },
    });
    return xlsx;
  }

  /**
   * What the certificate earns under the policy, compared with the most stars the product held before: an
   * earlier certificate in the read model, or a reward already granted (not rejected) under the policy.
   */
  private async compute(
    manager: EntityManager,
    policy: RewardPolicy,
    certificate: CertificateRecordEntity,
  ): Promise<Computed> {
    const earlier = await manager
      .createQueryBuilder(CertificateRecordEntity, 'certificate')
      .select('certificate.stars', 'stars')
      .where('certificate.product_id = :productId AND certificate.id <> :id', {
        productId: certificate.productId,
        id: certificate.id,
      })
      .andWhere('certificate.issued_on <= :issuedOn', { issuedOn: certificate.issuedOn })
      .getRawMany<{ stars: number }>();
    const rewarded = await manager.find(RewardEntity, {
      select: { stars: true },
      where: {
        productId: certificate.productId,
        policyCode: policy.code,
        certificateId: Not(certificate.id),
        status: In(['pending', 'approved', 'paid']),
      },
    });
    const previousStars = previousStarsOf(
      earlier.map((row) => Number(row.stars)),
      rewarded.map((row) => row.stars),
    );
    return {
      policy,
      decision: rewardFor(policy, certificate.stars, certificate.issuedOn, previousStars),
      previousStars,
    };
  }

  /** Inserts the reward unless the certificate already has one under the policy; null then. */
  private async insert(
    manager: EntityManager,
    { policy, decision, previousStars }: Computed,
    certificate: CertificateRecordEntity,
    actor: string,
  ): Promise<RewardEntity | null> {
    if (decision.reason !== 'new_certificate' && decision.reason !== 'upgrade') return null;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(RewardEntity)
      .values({
        policyCode: policy.code,
        payerUnitCode: policy.unitCode,
        certificateId: certificate.id,
        certificateNumber: certificate.number,
        productId: certificate.productId,
        productName: certificate.productName,
        producerId: certificate.producerId,
        producerName: certificate.producerName,
        provinceCode: certificate.provinceCode,
        communeCode: certificate.communeCode,
        stars: certificate.stars,
        previousStars,
        reason: decision.reason,
        amountVnd: decision.amountVnd,
        budgetYear: Number(certificate.issuedOn.slice(0, 4)),
        issuedOn: certificate.issuedOn,
        status: 'pending',
        createdBy: actor,
      })
      .orIgnore()
      .returning(['id'])
      .execute()
      .then((result) => result.raw as { id: string }[]);
    const id = inserted[0]?.id;
    if (!id) return null;
    const reward = await manager.findOneByOrFail(RewardEntity, { id });
    await recordChanges(manager, [
      {
        entityType: 'reward',
        entityId: reward.id,
        action: 'created',
        changes: {
          certificateNumber: [null, reward.certificateNumber],
          amountVnd: [null, reward.amountVnd],
          reason: [null, reward.reason],
        },
        changedBy: actor,
        unitCode: reward.provinceCode,
      },
    ]);
    await this.outbox.append(manager, PromotionEvents.rewardCreated, {
      rewardId: reward.id,
      policyCode: reward.policyCode,
      payerUnitCode: reward.payerUnitCode,
      certificateId: reward.certificateId,
      certificateNumber: reward.certificateNumber,
      productId: reward.productId,
      producerId: reward.producerId,
      provinceCode: reward.provinceCode,
      stars: reward.stars,
      previousStars: reward.previousStars,
      reason: reward.reason,
      amountVnd: reward.amountVnd,
      budgetYear: reward.budgetYear,
    });
    return reward;
  }

  /** The reward locked for the transaction, in the user's jurisdiction (the paying unit), able to move to `to`. */
  private async lock(
    manager: EntityManager,
    user: AuthUser,
    rewardId: string,
    to: RewardStatus,
  ): Promise<RewardEntity> {
    const reward = await manager.findOne(RewardEntity, {
      where: { id: rewardId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!reward) throw new AppException(PromotionErrors.REWARD_NOT_FOUND, { rewardId });
    await this.jurisdiction.assertWithin(user, reward.payerUnitCode);
    if (!canMove(REWARD_TRANSITIONS, reward.status, to))
      throw new AppException(PromotionErrors.REWARD_STATUS_CONFLICT, { from: reward.status, to });
    return reward;
  }

  private async move(
    manager: EntityManager,
    user: AuthUser,
    reward: RewardEntity,
    to: RewardStatus,
    note: string | null,
    fields: Partial<RewardEntity>,
  ): Promise<RewardEntity> {
    const from = reward.status;
    Object.assign(reward, fields, { status: to });
    await manager.update(RewardEntity, { id: reward.id }, { ...fields, status: to });
    await recordChanges(manager, [
      {
        entityType: 'reward',
        entityId: reward.id,
        action: to,
        changes: { status: [from, to], ...(note === null ? {} : { note: [null, note] }) },
        changedBy: user.id,
        unitCode: reward.provinceCode,
      },
    ]);
    const changedAt = new Date().toISOString();
    await this.outbox.append(manager, PromotionEvents.rewardStatusChanged, {
      rewardId: reward.id,
      certificateId: reward.certificateId,
      productId: reward.productId,
      producerId: reward.producerId,
      payerUnitCode: reward.payerUnitCode,
      provinceCode: reward.provinceCode,
      budgetYear: reward.budgetYear,
      amountVnd: reward.amountVnd,
      from,
      to,
      note,
      changedBy: user.id,
      changedAt,
    });
    return reward;
  }

  private async sum(manager: EntityManager, unitCode: string, year: number, statuses: RewardStatus[]): Promise<number> {
    const row = await manager
      .createQueryBuilder(RewardEntity, 'reward')
      .select('COALESCE(SUM(reward.amount_vnd), 0)', 'total')
      .where('reward.payer_unit_code = :unitCode AND reward.budget_year = :year', { unitCode, year })
      .andWhere('reward.status IN (:...statuses)', { statuses })
      .getRawOne<{ total: string }>();
    return Number(row?.total ?? 0);
  }
}

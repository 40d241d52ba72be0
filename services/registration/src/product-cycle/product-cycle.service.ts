import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegistrationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { ProductEntity } from '../product/product.entity';
import { unitOf } from '../registration.audit';
import { RegistrationErrors } from '../registration.errors';
import { BusinessPlanEntity } from './business-plan.entity';
import type { BusinessPlanDto, SelectionDto, WithdrawalDto } from './dto/cycle-actions.dto';
import { ProductSelectionEntity } from './product-selection.entity';
import { ProductStageService, stageConflict } from './product-stage.service';

const BUSINESS_PLAN_FIELDS: Extract<keyof BusinessPlanEntity, string>[] = [
  'summary',
  'investmentVnd',
  'annualCapacity',
  'targetMarkets',
  'consultant',
];

/**
 * The cycle's actions on a product (OCOP.md §4). A product's status changes only here, each change in
 * one transaction with its event; evaluation relays it to the product's workflow.
 */
@Injectable()
export class ProductCycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stages: ProductStageService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Step 3: the idea is accepted (→ selected) or returned to the producer with a reason. */
  async select(
    user: AuthUser,
    productId: string,
    dto: SelectionDto,
  ): Promise<{ product: ProductEntity; selection: ProductSelectionEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.stages.lockForAction(manager, user, productId);
      if (product.status !== 'idea') throw stageConflict(product.status, 'selected');
      const selection = manager.create(ProductSelectionEntity, {
        productId,
        decision: dto.decision,
        reason: dto.reason?.trim() ?? null,
        decidedBy: user.id,
        decidedByUnit: user.unitCode,
      });
      await manager.insert(ProductSelectionEntity, selection);
      await recordChanges(manager, [
        {
          entityType: 'product_selection',
          entityId: selection.id,
          action: dto.decision,
          changes: diffFields(null, selection, ['productId', 'decision', 'reason', 'decidedByUnit']),
          changedBy: user.id,
          ...unitOf(product),
        },
      ]);
      if (dto.decision === 'accepted') {
        await this.stages.move(
          manager,
          product,
          'selected',
          dto.reason ? `selection accepted: ${dto.reason}` : 'selection accepted',
          user.id,
        );
      } else {
        await this.outbox.append(manager, RegistrationEvents.productSelectionReturned, {
          productId,
          reason: selection.reason ?? '',
          provinceCode: product.provinceCode,
          communeCode: product.communeCode,
          returnedAt: selection.decidedAt.toISOString(),
        });
      }
      return { product, selection };
    });
  }

  async selections(user: AuthUser, productId: string): Promise<ProductSelectionEntity[]> {
    await this.stages.visible(user, productId);
    return this.dataSource
      .getRepository(ProductSelectionEntity)
      .find({ where: { productId }, order: { decidedAt: 'ASC' } });
  }

  /** Step 3: the selected product's business plan; resubmitting replaces it while the plan is the current step. */
  async submitBusinessPlan(user: AuthUser, productId: string, dto: BusinessPlanDto): Promise<BusinessPlanEntity> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.stages.lockForAction(manager, user, productId);
      if (product.status !== 'selected' && product.status !== 'business_plan')
        throw stageConflict(product.status, 'business_plan');
      const before = await manager.findOne(BusinessPlanEntity, { where: { productId } });
      const plan = manager.create(BusinessPlanEntity, {
        productId,
        summary: dto.summary.trim(),
        investmentVnd: dto.investmentVnd ?? null,
        annualCapacity: dto.annualCapacity ?? null,
        targetMarkets: dto.targetMarkets ?? null,
        consultant: dto.consultant ?? null,
        createdBy: user.id,
      });
      await manager.upsert(BusinessPlanEntity, plan, ['productId']);
      await recordChanges(manager, [
        {
          entityType: 'business_plan',
          entityId: productId,
          action: before ? 'resubmitted' : 'submitted',
          changes: diffFields(before, plan, BUSINESS_PLAN_FIELDS),
          changedBy: user.id,
          ...unitOf(product),
        },
      ]);
      if (product.status === 'selected')
        await this.stages.move(manager, product, 'business_plan', 'business plan submitted', user.id);
      return await manager.findOneByOrFail(BusinessPlanEntity, { productId });
    });
  }

  async businessPlan(user: AuthUser, productId: string): Promise<BusinessPlanEntity> {
    await this.stages.visible(user, productId);
    const plan = await this.dataSource.getRepository(BusinessPlanEntity).findOne({ where: { productId } });
    if (!plan) throw new AppException(RegistrationErrors.BUSINESS_PLAN_NOT_FOUND, { productId });
    return plan;
  }

  /** The producer or an officer withdraws the product from the cycle; its workflow ends. */
  async withdraw(user: AuthUser, productId: string, dto: WithdrawalDto): Promise<ProductEntity> {
    return this.dataSource.transaction(async (manager) => {
      const product = await this.stages.lockForAction(manager, user, productId);
      await this.stages.move(manager, product, 'withdrawn', `withdrawn: ${dto.reason.trim()}`, user.id);
      return product;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canMoveProduct, PRODUCT_STAGE_TRANSITIONS, RegistrationEvents, type ProductStage } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { recordChanges } from '@ocop/persistence';
import { ProductEntity } from '../product/product.entity';
import { unitOf } from '../registration.audit';
import { RegistrationErrors } from '../registration.errors';

const OFFICER_ROLES = [
  'commune_officer',
  'district_officer',
  'province_officer',
  'ministry_officer',
  'admin',
  'auditor',
];

/**
 * The one place a product's status changes: the move is checked against the cycle's transitions and
 * written with its stage-changed event and its change record in the caller's transaction. Evaluation relays
 * it to the workflow.
 */
@Injectable()
export class ProductStageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** `actor`: the user's `sub`, or SYSTEM_ACTOR when an event moves the product. */
  async move(
    manager: EntityManager,
    product: ProductEntity,
    to: ProductStage,
    reason: string,
    actor: string,
  ): Promise<void> {
    const from = product.status;
    if (!canMoveProduct(from, to)) throw stageConflict(from, to);
    product.status = to;
    await manager.update(ProductEntity, { id: product.id }, { status: to });
    await recordChanges(manager, [
      {
        entityType: 'product',
        entityId: product.id,
        action: 'stage_changed',
        changes: { status: [from, to], reason: [null, reason] },
        changedBy: actor,
        ...unitOf(product),
      },
    ]);
    await this.outbox.append(manager, RegistrationEvents.productStageChanged, {
      productId: product.id,
      from,
      to,
      reason,
      provinceCode: product.provinceCode,
      communeCode: product.communeCode,
      changedAt: new Date().toISOString(),
    });
  }

  /**
   * The product, locked for the rest of the transaction so two actions cannot both pass a stage check.
   * Officers act within their jurisdiction; a producer only on its own products.
   */
  async lockForAction(manager: EntityManager, user: AuthUser, productId: string): Promise<ProductEntity> {
    const product = await manager.findOne(ProductEntity, {
      where: { id: productId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!product) throw new AppException(RegistrationErrors.PRODUCT_NOT_FOUND, { productId });
    await this.assertMayAct(user, product);
    return product;
  }

  /** The product, if the user may see it. */
  async visible(user: AuthUser, productId: string): Promise<ProductEntity> {
    const product = await this.dataSource.getRepository(ProductEntity).findOne({ where: { id: productId } });
    if (!product) throw new AppException(RegistrationErrors.PRODUCT_NOT_FOUND, { productId });
    await this.assertMayAct(user, product);
    return product;
  }

  private async assertMayAct(user: AuthUser, product: ProductEntity): Promise<void> {
    const officer = user.roles.some((role) => OFFICER_ROLES.includes(role));
    if (!officer && user.roles.includes('producer')) {
      if (user.producerId !== product.producerId) throw new AppException(RegistrationErrors.NOT_YOUR_PRODUCT);
      return;
    }
    await this.jurisdiction.assertWithin(user, product.communeCode);
  }
}

export function stageConflict(from: ProductStage, to: ProductStage): AppException {
  return new AppException(
    RegistrationErrors.PRODUCT_STAGE_CONFLICT,
    { from, to },
    { from, to, allowed: PRODUCT_STAGE_TRANSITIONS[from] },
  );
}

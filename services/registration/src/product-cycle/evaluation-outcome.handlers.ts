import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  EvaluationEvents,
  type CertificateExpiredV1,
  type CertificateIssuedV1,
  type CertificateRevokedV1,
  type EventContract,
  type EventEnvelope,
  type ProductEnteredRoundV1,
  type ProductLeftRoundV1,
  type ProductNotPassedV1,
  type ProductStage,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { ProductEntity } from '../product/product.entity';
import { SYSTEM_ACTOR } from '../registration.audit';
import { ProductStageService } from './product-stage.service';

/** What an evaluation event means for the product's stage: from which stages, to which one. */
interface StageRule<T> {
  contract: EventContract<T>;
  productId(data: T): string;
  /** The stage to move to from `from`, or null when the event changes nothing from there. */
  target(data: T, from: ProductStage): ProductStage | null;
  reason(data: T): string;
}

/**
 * Registration owns the product's status; evaluation's decisions move it (OCOP.md §5): entering a round,
 * leaving it, not passing, certification, revocation, expiry. A redelivered event finds the product
 * already moved and changes nothing; events of one product are handled in order.
 */
abstract class StageFollower<T extends { productId: string }> implements EventHandler<T> {
  abstract readonly rule: StageRule<T>;

  constructor(private readonly stages: ProductStageService) {}

  get contract(): EventContract<T> {
    return this.rule.contract;
  }

  orderingKey(event: EventEnvelope<T>): string {
    return event.data.productId;
  }

  async handle(event: EventEnvelope<T>, manager: EntityManager): Promise<void> {
    const product = await manager.findOne(ProductEntity, {
      where: { id: this.rule.productId(event.data) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!product) return;
    const to = this.rule.target(event.data, product.status);
    if (to === null || to === product.status) return;
    await this.stages.move(manager, product, to, this.rule.reason(event.data), SYSTEM_ACTOR);
  }
}

const fromStages =
  (stages: ProductStage[], to: ProductStage) =>
  (_data: unknown, from: ProductStage): ProductStage | null =>
    stages.includes(from) ? to : null;

@Injectable()
export class ProductEnteredRoundHandler extends StageFollower<ProductEnteredRoundV1> {
  readonly rule: StageRule<ProductEnteredRoundV1> = {
    contract: EvaluationEvents.productEnteredRound,
    productId: (data) => data.productId,
    target: fromStages(['pre_assessed', 'certified', 'expired'], 'in_evaluation'),
    reason: (data) => `entered ${data.level} round ${data.roundId} (${data.kind})`,
  };

  constructor(registry: EventHandlerRegistry, stages: ProductStageService) {
    super(stages);
    registry.register(this);
  }
}

/** Out of evaluation without a new certificate: back to certified if one is still valid, else to the dossier. */
const backFromEvaluation = (data: { hasValidCertificate: boolean }, from: ProductStage): ProductStage | null =>
  from === 'in_evaluation' ? (data.hasValidCertificate ? 'certified' : 'dossier') : null;

@Injectable()
export class ProductLeftRoundHandler extends StageFollower<ProductLeftRoundV1> {
  readonly rule: StageRule<ProductLeftRoundV1> = {
    contract: EvaluationEvents.productLeftRound,
    productId: (data) => data.productId,
    target: backFromEvaluation,
    reason: (data) => `left round ${data.roundId}: ${data.reason}`,
  };

  constructor(registry: EventHandlerRegistry, stages: ProductStageService) {
    super(stages);
    registry.register(this);
  }
}

@Injectable()
export class ProductNotPassedHandler extends StageFollower<ProductNotPassedV1> {
  readonly rule: StageRule<ProductNotPassedV1> = {
    contract: EvaluationEvents.productNotPassed,
    productId: (data) => data.productId,
    target: backFromEvaluation,
    reason: (data) => `not passed at ${data.level} (${data.score} points): ${data.feedback}`,
  };

  constructor(registry: EventHandlerRegistry, stages: ProductStageService) {
    super(stages);
    registry.register(this);
  }
}

@Injectable()
export class CertificateIssuedHandler extends StageFollower<CertificateIssuedV1> {
  readonly rule: StageRule<CertificateIssuedV1> = {
    contract: EvaluationEvents.certificateIssued,
    productId: (data) => data.productId,
    // From the register (issued before the platform): the product was only registered, as an idea.
    target: (data, from) =>
      from === 'in_evaluation' || (from === 'idea' && data.source === 'register') ? 'certified' : null,
    reason: (data) => `certificate ${data.number}: ${data.stars} stars until ${data.validUntil}`,
  };

  constructor(registry: EventHandlerRegistry, stages: ProductStageService) {
    super(stages);
    registry.register(this);
  }
}

@Injectable()
export class CertificateRevokedHandler extends StageFollower<CertificateRevokedV1> {
  readonly rule: StageRule<CertificateRevokedV1> = {
    contract: EvaluationEvents.certificateRevoked,
    productId: (data) => data.productId,
    target: fromStages(['certified', 'in_evaluation'], 'revoked'),
    reason: (data) => `certificate ${data.number} revoked: ${data.reason}`,
  };

  constructor(registry: EventHandlerRegistry, stages: ProductStageService) {
    super(stages);
    registry.register(this);
  }
}

/** Expiry while a re-evaluation is under way leaves the product in evaluation. */
@Injectable()
export class CertificateExpiredHandler extends StageFollower<CertificateExpiredV1> {
  readonly rule: StageRule<CertificateExpiredV1> = {
    contract: EvaluationEvents.certificateExpired,
    productId: (data) => data.productId,
    target: fromStages(['certified'], 'expired'),
    reason: (data) => `certificate ${data.number} expired on ${data.expiredOn}`,
  };

  constructor(registry: EventHandlerRegistry, stages: ProductStageService) {
    super(stages);
    registry.register(this);
  }
}

export const EVALUATION_OUTCOME_HANDLERS = [
  ProductEnteredRoundHandler,
  ProductLeftRoundHandler,
  ProductNotPassedHandler,
  CertificateIssuedHandler,
  CertificateRevokedHandler,
  CertificateExpiredHandler,
];

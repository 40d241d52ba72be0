import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  productStageChangedSignal,
  productWorkflowId,
  RegistrationEvents,
  type EventEnvelope,
  type ProductStageChangedV1,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import type { EntityManager } from 'typeorm';
import { ProductIntakeEntity } from './product-intake.entity';

/**
 * Registration moved a product through the cycle: tell its workflow (signal `stageChanged`). The workflow
 * ignores a stage it is already in, so a redelivered event changes nothing. Events of one product are
 * handled in order after its registration (same ordering key).
 */
@Injectable()
export class ProductStageChangedHandler implements EventHandler<ProductStageChangedV1> {
  readonly contract = RegistrationEvents.productStageChanged;

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<ProductStageChangedV1>): string {
    return event.data.productId;
  }

  async handle(event: EventEnvelope<ProductStageChangedV1>, manager: EntityManager): Promise<void> {
    const { productId, to, reason } = event.data;
    // Its registration not handled yet (it failed and waits for redelivery): retry this one later too.
    const updated = await manager.update(ProductIntakeEntity, { productId }, { stage: to });
    if (!updated.affected) throw new Error(`product ${productId} has not reached evaluation yet`);
    try {
      await this.temporal.workflow
        .getHandle(productWorkflowId(productId))
        .signal(productStageChangedSignal, { stage: to, reason });
    } catch (error) {
      // A workflow that already ended (withdrawn, revoked) has nothing more to learn.
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { RegistrationEvents, type EventEnvelope, type ProductUpdatedV1 } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import type { EntityManager } from 'typeorm';
import { ProductIntakeEntity } from './product-intake.entity';

/** Keeps evaluation's copy of the product's name and subgroup (which picks its criteria set) current. */
@Injectable()
export class ProductUpdatedHandler implements EventHandler<ProductUpdatedV1> {
  readonly contract = RegistrationEvents.productUpdated;

  constructor(registry: EventHandlerRegistry) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<ProductUpdatedV1>): string {
    return event.data.productId;
  }

  async handle(event: EventEnvelope<ProductUpdatedV1>, manager: EntityManager): Promise<void> {
    const { productId, name, subgroup } = event.data;
    const updated = await manager.update(ProductIntakeEntity, { productId }, { name, subgroup });
    if (!updated.affected) throw new Error(`product ${productId} has not reached evaluation yet`);
  }
}

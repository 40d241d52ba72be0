import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';

/** One event's effect on the read models, declared as data. */
export interface Projection<T> {
  contract: EventContract<T>;
  /** Events with the same key are handled in stream order (the product, the certificate's product…). */
  key(data: T): string;
  apply(data: T, manager: EntityManager, event: EventEnvelope<T>): Promise<void>;
}

export function projection<T>(definition: Projection<T>): EventHandler<T> {
  return {
    contract: definition.contract,
    orderingKey: (event) => definition.key(event.data),
    handle: (event, manager) => definition.apply(event.data, manager, event),
  };
}

import { Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContract, EventEnvelope } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';

/** The platform's registry, under a token of its own so a module can wrap it. */
export const PLATFORM_EVENT_HANDLERS = Symbol('PLATFORM_EVENT_HANDLERS');

@Module({
  providers: [{ provide: PLATFORM_EVENT_HANDLERS, useExisting: EventHandlerRegistry }],
  exports: [PLATFORM_EVENT_HANDLERS],
})
export class PlatformEventHandlersModule {}

/**
 * The platform's consumer takes one handler per subject, but registration follows some of evaluation's
 * events twice: for the product's stage (evaluation-outcome.handlers.ts) and for the certificate read model
 * and the applications (certificate-read-model.handlers.ts). Provided in the product-cycle module in place
 * of the platform's registry, this one chains the handlers of a subject: they run one after the other, in
 * registration order, in the one inbox transaction, so an event is applied by all of them or by none. The
 * chain's ordering key is the first its handlers give (all of them here key by product).
 */
export class ChainingEventHandlerRegistry extends EventHandlerRegistry {
  private readonly chains = new Map<string, EventHandler[]>();

  constructor(private readonly platform: EventHandlerRegistry) {
    super();
  }

  override register<T>(handler: EventHandler<T>): void {
    const subject = handler.contract.subject;
    const chain = this.chains.get(subject);
    if (chain) {
      chain.push(handler);
      return;
    }
    const handlers: EventHandler[] = [handler];
    this.chains.set(subject, handlers);
    this.platform.register(chainOf(handler.contract as EventContract<unknown>, handlers));
  }

  override all(): EventHandler[] {
    return this.platform.all();
  }
}

function chainOf(contract: EventContract<unknown>, handlers: EventHandler[]): EventHandler {
  return {
    contract,
    orderingKey(event: EventEnvelope): string {
      for (const handler of handlers) {
        const key = handler.orderingKey?.(event);
        if (key !== undefined) return key;
      }
      return event.id;
    },
    async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
      for (const handler of handlers) await handler.handle(event, manager);
    },
  };
}

import { Injectable } from '@nestjs/common';
import type { EventHandler } from '@ocop/messaging';

/**
 * Feature modules register their event handlers here (in their constructor or onModuleInit); the
 * messaging service starts the durable consumers for them once the application has bootstrapped.
 */
@Injectable()
export class EventHandlerRegistry {
  private readonly handlers: EventHandler[] = [];

  register<T>(handler: EventHandler<T>): void {
    this.handlers.push(handler);
  }

  all(): EventHandler[] {
    return [...this.handlers];
  }
}

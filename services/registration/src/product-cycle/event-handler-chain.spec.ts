import type { EntityManager } from 'typeorm';
import { defineEvent, type EventEnvelope } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { ChainingEventHandlerRegistry } from './event-handler-chain';

const issued = defineEvent<{ productId: string }>('ocop.evaluation.certificate.issued.v1');
const expired = defineEvent<{ productId: string }>('ocop.evaluation.certificate.expired.v1');
const envelope = (subject: string): EventEnvelope<{ productId: string }> => ({
  id: 'event-1',
  subject,
  version: 1,
  source: 'evaluation',
  occurredAt: '2026-05-01T00:00:00.000Z',
  data: { productId: 'product-1' },
});

describe('ChainingEventHandlerRegistry', () => {
  it('gives the platform one handler per subject, running every registered handler in order', async () => {
    const platform = new EventHandlerRegistry();
    const registry = new ChainingEventHandlerRegistry(platform);
    const calls: string[] = [];
    const handler = (name: string, contract = issued, keyed = true): EventHandler<{ productId: string }> => ({
      contract,
      ...(keyed ? { orderingKey: (event: EventEnvelope<{ productId: string }>) => event.data.productId } : {}),
      handle: async () => {
        calls.push(name);
      },
    });
    registry.register(handler('stage', issued, false));
    registry.register(handler('read model'));
    registry.register(handler('expired only', expired));

    const handlers = platform.all();
    expect(handlers.map((h) => h.contract.subject)).toEqual([issued.subject, expired.subject]);
    expect(registry.all()).toHaveLength(2);
    const chain = handlers[0]!;
    expect(chain.orderingKey?.(envelope(issued.subject))).toBe('product-1');
    await chain.handle(envelope(issued.subject), {} as EntityManager);
    expect(calls).toEqual(['stage', 'read model']);
  });

  it('stops at the first failure, so the inbox transaction rolls back for all', async () => {
    const platform = new EventHandlerRegistry();
    const registry = new ChainingEventHandlerRegistry(platform);
    const after = jest.fn();
    registry.register({ contract: issued, handle: () => Promise.reject(new Error('boom')) });
    registry.register({ contract: issued, handle: after });
    await expect(platform.all()[0]!.handle(envelope(issued.subject), {} as EntityManager)).rejects.toThrow('boom');
    expect(after).not.toHaveBeenCalled();
  });
});

import { Injectable, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JSONCodec } from 'nats';
import { UnitHierarchy } from './jurisdiction';
import { MessagingService } from '../messaging/messaging.service';

/** NATS request/reply subject answered by registration, which owns the administrative units. */
export const UNIT_ANCESTORS_SUBJECT = 'ocop.rpc.registration.admin-unit.ancestors';

export interface UnitAncestorsRequest {
  unitCode: string;
}
export interface UnitAncestorsReply {
  ancestors: string[] | null;
}

const codec = JSONCodec<unknown>();
const TTL_MS = 10 * 60_000;

/** The administrative tree asked of registration over NATS, cached for ten minutes per code. */
@Injectable()
export class RemoteUnitHierarchy extends UnitHierarchy {
  private readonly cache = new Map<string, { ancestors: string[] | null; until: number }>();

  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  async ancestorsOf(unitCode: string): Promise<string[] | null> {
    const cached = this.cache.get(unitCode);
    if (cached && cached.until > Date.now()) return cached.ancestors;
    const nats = this.moduleRef.get(MessagingService, { strict: false }).connection;
    // Nest's NATS transport wraps payloads as { pattern, data, id } and replies as { response, err }.
    const reply = await nats.request(
      UNIT_ANCESTORS_SUBJECT,
      codec.encode({
        pattern: UNIT_ANCESTORS_SUBJECT,
        data: { unitCode } satisfies UnitAncestorsRequest,
        id: `${Date.now()}`,
      }),
      { timeout: 3_000 },
    );
    const decoded = codec.decode(reply.data) as { response?: UnitAncestorsReply; err?: unknown };
    if (decoded.err) throw new Error(`registration could not resolve unit ${unitCode}: ${JSON.stringify(decoded.err)}`);
    const ancestors = decoded.response?.ancestors ?? null;
    this.cache.set(unitCode, { ancestors, until: Date.now() + TTL_MS });
    return ancestors;
  }
}

@Module({
  providers: [{ provide: UnitHierarchy, useClass: RemoteUnitHierarchy }],
  exports: [UnitHierarchy],
})
export class RemoteUnitHierarchyModule {}

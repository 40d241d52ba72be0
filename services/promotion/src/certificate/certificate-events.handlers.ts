import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  EvaluationEvents,
  type CertificateExpiredV1,
  type CertificateIssuedV1,
  type CertificateRevokedV1,
  type CertificateSupersededV1,
  type EventContract,
  type EventEnvelope,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { RewardService } from '../reward/reward.service';
import { CertificateRecordEntity } from './certificate-record.entity';
import { SuspensionService } from './suspension.service';

/** Evaluation's certificate events, one product's in turn (their stream order). */
abstract class CertificateFollower<T extends { productId: string }> implements EventHandler<T> {
  abstract readonly contract: EventContract<T>;

  orderingKey(event: EventEnvelope<T>): string {
    return event.data.productId;
  }

  abstract handle(event: EventEnvelope<T>, manager: EntityManager): Promise<void>;
}

/**
 * A certificate was issued: it enters the read model (once: a second delivery of the same certificate
 * changes nothing), the one it supersedes is marked, the reward policies covering it create a reward, and
 * whatever an earlier certificate's end suspended comes back.
 */
@Injectable()
export class CertificateIssuedFollower extends CertificateFollower<CertificateIssuedV1> {
  readonly contract = EvaluationEvents.certificateIssued;
  private readonly logger = new Logger(CertificateIssuedFollower.name);

  constructor(
    registry: EventHandlerRegistry,
    private readonly suspensions: SuspensionService,
    private readonly rewards: RewardService,
  ) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateIssuedV1>, manager: EntityManager): Promise<void> {
    const issued = event.data;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(CertificateRecordEntity)
      .values({
        id: issued.certificateId,
        number: issued.number,
        productId: issued.productId,
        productName: issued.productName,
        producerId: issued.producerId,
        producerName: issued.producerName,
        group: issued.group,
        stars: issued.stars,
        level: issued.level,
        kind: issued.kind,
        issuingUnitCode: issued.issuingUnitCode,
        provinceCode: issued.provinceCode,
        communeCode: issued.communeCode,
        issuedOn: issued.issuedOn,
        validUntil: issued.validUntil,
        status: 'valid',
        supersedes: issued.supersedes,
        sourceEventId: event.id,
      })
      .orIgnore()
      .returning(['id'])
      .execute()
      .then((result) => result.raw as unknown[]);
    if (inserted.length === 0) {
      this.logger.debug(`Certificate ${issued.number} already recorded; ${event.id} changes nothing`);
      return;
    }
    if (issued.supersedes) await markSuperseded(manager, issued.supersedes, issued.certificateId, issued.issuedOn);
    const certificate = await manager.findOneByOrFail(CertificateRecordEntity, { id: issued.certificateId });
    await this.rewards.grantOnIssue(manager, certificate);
    await this.suspensions.restore(manager, certificate);
  }
}

@Injectable()
export class CertificateSupersededFollower extends CertificateFollower<CertificateSupersededV1> {
  readonly contract = EvaluationEvents.certificateSuperseded;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateSupersededV1>, manager: EntityManager): Promise<void> {
    const data = event.data;
    await markSuperseded(manager, data.certificateId, data.supersededBy, data.supersededOn);
  }
}

/** The certificate was revoked: the product leaves every event, sales point and listing at once. */
@Injectable()
export class CertificateRevokedFollower extends CertificateFollower<CertificateRevokedV1> {
  readonly contract = EvaluationEvents.certificateRevoked;

  constructor(
    registry: EventHandlerRegistry,
    private readonly suspensions: SuspensionService,
  ) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateRevokedV1>, manager: EntityManager): Promise<void> {
    await this.handleMany([event], manager);
  }

  async handleMany(events: EventEnvelope<CertificateRevokedV1>[], manager: EntityManager): Promise<void> {
    await this.suspensions.endAndSuspendMany(
      manager,
      events.map(({ data }) => ({
        certificateId: data.certificateId,
        productId: data.productId,
        status: 'revoked',
        on: data.revokedOn,
        endReason: data.reason,
      })),
    );
  }
}

/** The certificate lapsed: the product leaves every event, sales point and listing at once. */
@Injectable()
export class CertificateExpiredFollower extends CertificateFollower<CertificateExpiredV1> {
  readonly contract = EvaluationEvents.certificateExpired;

  constructor(
    registry: EventHandlerRegistry,
    private readonly suspensions: SuspensionService,
  ) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateExpiredV1>, manager: EntityManager): Promise<void> {
    await this.handleMany([event], manager);
  }

  /** A burst of expiries (certificates issued on one day end on one day) in one statement. */
  async handleMany(events: EventEnvelope<CertificateExpiredV1>[], manager: EntityManager): Promise<void> {
    await this.suspensions.endAndSuspendMany(
      manager,
      events.map(({ data }) => ({
        certificateId: data.certificateId,
        productId: data.productId,
        status: 'expired',
        on: data.expiredOn,
        endReason: null,
      })),
    );
  }
}

async function markSuperseded(manager: EntityManager, certificateId: string, by: string, on: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(CertificateRecordEntity)
    .set({ status: 'superseded', supersededBy: by, endedOn: on })
    .where("id = :certificateId AND status = 'valid'", { certificateId })
    .execute();
}

export const CERTIFICATE_FOLLOWERS = [
  CertificateIssuedFollower,
  CertificateSupersededFollower,
  CertificateRevokedFollower,
  CertificateExpiredFollower,
];

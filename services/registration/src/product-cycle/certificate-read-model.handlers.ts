import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import {
  EvaluationEvents,
  type CertificateExpiredV1,
  type CertificateExpiryNoticeV1,
  type CertificateIssuedV1,
  type CertificateRevokedV1,
  type CertificateSupersededV1,
  type EventContract,
  type EventEnvelope,
  type ProductEnteredRoundV1,
  type ProductLeftRoundV1,
  type ProductNotPassedV1,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import {
  ACTIVE_APPLICATION_STATUSES,
  APPLICATION_FIELDS,
  ProductApplicationEntity,
  type ApplicationStatus,
} from '../application/application.entity';
import { SYSTEM_ACTOR, unitOf } from '../registration.audit';
import { ProductCertificateEntity } from './product-certificate.entity';

/**
 * Registration's certificate read model and its applications follow evaluation's events. Every handler is
 * idempotent on its own (a redelivered event finds the row already in the state it describes), and events
 * of one product are handled in order. They share subjects with the stage followers of
 * evaluation-outcome.handlers.ts: the consumer runs both, in the event's one transaction. Each application's
 * move is a row of the audit log (by `system:registration`); the certificate copies are not: evaluation's
 * audit log has the certificates themselves.
 */
abstract class ProductEventFollower<T extends { productId: string }> implements EventHandler<T> {
  abstract readonly contract: EventContract<T>;

  orderingKey(event: EventEnvelope<T>): string {
    return event.data.productId;
  }

  abstract handle(event: EventEnvelope<T>, manager: EntityManager): Promise<void>;
}

/**
 * Moves the applications matching `where` (locked first) and records each one's change as the system's:
 * an evaluation event moved it.
 */
async function moveApplications(
  manager: EntityManager,
  where: FindOptionsWhere<ProductApplicationEntity>,
  set: Partial<ProductApplicationEntity>,
  action: string,
): Promise<void> {
  const applications = await manager.find(ProductApplicationEntity, { where, lock: { mode: 'pessimistic_write' } });
  if (applications.length === 0) return;
  await manager.update(ProductApplicationEntity, { id: In(applications.map((application) => application.id)) }, set);
  await recordChanges(
    manager,
    applications.map((application) => ({
      entityType: 'application',
      entityId: application.id,
      action,
      changes: diffFields(application, { ...application, ...set }, APPLICATION_FIELDS),
      changedBy: SYSTEM_ACTOR,
      ...unitOf(application),
    })),
  );
}

/** Closes the product's open (or in-round) applications matching `where`. */
async function closeApplications(
  manager: EntityManager,
  productId: string,
  status: Extract<ApplicationStatus, 'completed' | 'not_passed' | 'lapsed'>,
  closedAt: string,
  closedReason: string,
  where: { statuses?: readonly ApplicationStatus[]; kind?: ProductApplicationEntity['kind']; roundId?: string } = {},
  resultCertificateId: string | null = null,
): Promise<void> {
  await moveApplications(
    manager,
    {
      productId,
      status: In([...(where.statuses ?? ACTIVE_APPLICATION_STATUSES)]),
      ...(where.kind ? { kind: where.kind } : {}),
      ...(where.roundId ? { roundId: where.roundId } : {}),
    },
    { status, closedAt: new Date(closedAt), closedReason, closedBy: 'evaluation', resultCertificateId },
    status,
  );
}

/** A new certificate: recorded as valid; the one it replaces is superseded; an open application is completed. */
@Injectable()
export class CertificateIssuedFollower extends ProductEventFollower<CertificateIssuedV1> {
  readonly contract = EvaluationEvents.certificateIssued;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateIssuedV1>, manager: EntityManager): Promise<void> {
    const issued = event.data;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ProductCertificateEntity)
      .values({
        certificateId: issued.certificateId,
        productId: issued.productId,
        number: issued.number,
        stars: issued.stars,
        level: issued.level,
        kind: issued.kind,
        issuedOn: issued.issuedOn,
        validUntil: issued.validUntil,
        status: 'valid',
        endedOn: null,
        supersedes: issued.supersedes,
        supersededBy: null,
        noticeKind: null,
        noticeReceivedAt: null,
      })
      .orIgnore()
      .execute();
    if (issued.supersedes) {
      await manager.update(
        ProductCertificateEntity,
        { certificateId: issued.supersedes, status: In(['valid', 'expired']) },
        { status: 'superseded', supersededBy: issued.certificateId, endedOn: issued.issuedOn },
      );
    }
    await closeApplications(
      manager,
      issued.productId,
      'completed',
      event.occurredAt,
      `certificate ${issued.number} issued: ${issued.stars} stars until ${issued.validUntil}`,
      {},
      issued.certificateId,
    );
  }
}

@Injectable()
export class CertificateSupersededFollower extends ProductEventFollower<CertificateSupersededV1> {
  readonly contract = EvaluationEvents.certificateSuperseded;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateSupersededV1>, manager: EntityManager): Promise<void> {
    const superseded = event.data;
    await manager.update(
      ProductCertificateEntity,
      { certificateId: superseded.certificateId, status: In(['valid', 'expired']) },
      { status: 'superseded', supersededBy: superseded.supersededBy, endedOn: superseded.supersededOn },
    );
  }
}

/** Revocation ends the certificate, and with it any application on the product. */
@Injectable()
export class CertificateRevokedFollower extends ProductEventFollower<CertificateRevokedV1> {
  readonly contract = EvaluationEvents.certificateRevoked;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateRevokedV1>, manager: EntityManager): Promise<void> {
    const revoked = event.data;
    await manager.update(
      ProductCertificateEntity,
      { certificateId: revoked.certificateId, status: In(['valid', 'expired']) },
      { status: 'revoked', endedOn: revoked.revokedOn },
    );
    await closeApplications(
      manager,
      revoked.productId,
      'lapsed',
      event.occurredAt,
      `certificate ${revoked.number} revoked (${revoked.reason})`,
    );
  }
}

/** Expiry: a re-evaluation may still be applied for; an upgrade not yet in a round lapses (it needs validity). */
@Injectable()
export class CertificateExpiredFollower extends ProductEventFollower<CertificateExpiredV1> {
  readonly contract = EvaluationEvents.certificateExpired;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateExpiredV1>, manager: EntityManager): Promise<void> {
    const expired = event.data;
    const result = await manager.update(
      ProductCertificateEntity,
      { certificateId: expired.certificateId, status: 'valid' },
      { status: 'expired', endedOn: expired.expiredOn },
    );
    if ((result.affected ?? 0) === 0) return;
    await closeApplications(
      manager,
      expired.productId,
      'lapsed',
      event.occurredAt,
      `certificate ${expired.number} expired on ${expired.expiredOn}: an upgrade needs a valid certificate`,
      { statuses: ['open'], kind: 'upgrade' },
    );
  }
}

/** The early reminder or the formal notice: the certificate may now be re-evaluated. A notice outranks a reminder. */
@Injectable()
export class CertificateExpiryNoticeFollower extends ProductEventFollower<CertificateExpiryNoticeV1> {
  readonly contract = EvaluationEvents.certificateExpiryNotice;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<CertificateExpiryNoticeV1>, manager: EntityManager): Promise<void> {
    const notice = event.data;
    const certificate = await manager.findOne(ProductCertificateEntity, {
      where: { certificateId: notice.certificateId },
    });
    if (!certificate || certificate.noticeKind === 'notice') return;
    if (certificate.noticeKind === notice.kind) return;
    await manager.update(
      ProductCertificateEntity,
      { certificateId: notice.certificateId },
      { noticeKind: notice.kind, noticeReceivedAt: new Date(event.occurredAt) },
    );
  }
}

/** Evaluation entered the product in a round as an upgrade or a re-evaluation: the matching application is in it. */
@Injectable()
export class ApplicationEnteredRoundFollower extends ProductEventFollower<ProductEnteredRoundV1> {
  readonly contract = EvaluationEvents.productEnteredRound;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<ProductEnteredRoundV1>, manager: EntityManager): Promise<void> {
    const entered = event.data;
    if (entered.kind === 'new') return;
    await moveApplications(
      manager,
      { productId: entered.productId, status: 'open', kind: entered.kind },
      { status: 'in_round', roundId: entered.roundId },
      'entered_round',
    );
  }
}

/** Taken out of the round before scoring: the application waits for another round. */
@Injectable()
export class ApplicationLeftRoundFollower extends ProductEventFollower<ProductLeftRoundV1> {
  readonly contract = EvaluationEvents.productLeftRound;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<ProductLeftRoundV1>, manager: EntityManager): Promise<void> {
    const left = event.data;
    await moveApplications(
      manager,
      { productId: left.productId, status: 'in_round', roundId: left.roundId },
      { status: 'open', roundId: null },
      'left_round',
    );
  }
}

@Injectable()
export class ApplicationNotPassedFollower extends ProductEventFollower<ProductNotPassedV1> {
  readonly contract = EvaluationEvents.productNotPassed;

  constructor(registry: EventHandlerRegistry) {
    super();
    registry.register(this);
  }

  async handle(event: EventEnvelope<ProductNotPassedV1>, manager: EntityManager): Promise<void> {
    const notPassed = event.data;
    await closeApplications(
      manager,
      notPassed.productId,
      'not_passed',
      event.occurredAt,
      `not passed at ${notPassed.level} (${notPassed.score} points): ${notPassed.feedback}`,
      { statuses: ['in_round'], roundId: notPassed.roundId },
    );
  }
}

export const CERTIFICATE_READ_MODEL_HANDLERS = [
  CertificateIssuedFollower,
  CertificateSupersededFollower,
  CertificateRevokedFollower,
  CertificateExpiredFollower,
  CertificateExpiryNoticeFollower,
  ApplicationEnteredRoundFollower,
  ApplicationLeftRoundFollower,
  ApplicationNotPassedFollower,
];

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EvaluationEvents } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { countActivity, vietnamDay } from './projection';
import { projection } from './projection-handler';
import { RmCertificateEntity, RmProductEntity, RmRoundEntity, RmRoundEntryEntity } from './read-model.entities';

/**
 * What evaluation's events mean for rounds, evaluations and certificates (OCOP.md §5). Events of a product
 * are keyed by the product, so a certificate's issue is always handled before its end.
 */
@Injectable()
export class EvaluationProjections {
  handlers(): EventHandler[] {
    return [
      projection({
        contract: EvaluationEvents.roundOpened,
        key: (data) => data.roundId,
        apply: async (data, manager, event) => {
          await manager
            .createQueryBuilder()
            .insert()
            .into(RmRoundEntity)
            .values({
              roundId: data.roundId,
              name: data.name,
              level: data.level,
              provinceCode: data.provinceCode,
              meetingDate: data.meetingDate,
            })
            .orIgnore()
            .execute();
          await countActivity(manager, {
            day: vietnamDay(event.occurredAt),
            provinceCode: data.provinceCode,
            communeCode: '',
            metric: 'rounds_opened',
          });
        },
      }),
      projection({
        contract: EvaluationEvents.roundDecided,
        key: (data) => data.roundId,
        apply: async (data, manager) => {
          const round = await manager.findOne(RmRoundEntity, { where: { roundId: data.roundId } });
          if (!round) return;
          await countActivity(manager, {
            day: data.decisionDate,
            provinceCode: round.provinceCode,
            communeCode: '',
            metric: 'rounds_decided',
          });
        },
      }),
      projection({
        contract: EvaluationEvents.productEnteredRound,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          await manager
            .createQueryBuilder()
            .insert()
            .into(RmRoundEntryEntity)
            .values({
              roundId: data.roundId,
              productId: data.productId,
              kind: data.kind,
              level: data.level,
              provinceCode: data.provinceCode,
              communeCode: data.communeCode,
            })
            .orIgnore()
            .execute();
          await ensureProduct(manager, data.productId, data);
          await countActivity(manager, [
            { day: vietnamDay(data.enteredAt), ...place(data), metric: 'evaluations_entered' },
            { day: vietnamDay(data.enteredAt), ...place(data), metric: `evaluations_entered_${data.kind}` },
          ]);
        },
      }),
      projection({
        contract: EvaluationEvents.productLeftRound,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          const entry = await entryOf(manager, data.roundId, data.productId);
          if (entry)
            await countActivity(manager, { day: vietnamDay(data.leftAt), ...place(entry), metric: 'evaluations_left' });
        },
      }),
      projection({
        contract: EvaluationEvents.productScored,
        key: (data) => data.productId,
        apply: async (data, manager, event) => {
          const entry = await entryOf(manager, data.roundId, data.productId);
          await manager.update(RmProductEntity, { productId: data.productId }, { lastScore: data.score });
          if (entry)
            await countActivity(manager, {
              day: vietnamDay(event.occurredAt),
              ...place(entry),
              metric: 'products_scored',
            });
        },
      }),
      projection({
        contract: EvaluationEvents.productForwarded,
        key: (data) => data.productId,
        apply: async (data, manager, event) => {
          const entry = await entryOf(manager, data.roundId, data.productId);
          if (!entry) return;
          const day = vietnamDay(event.occurredAt);
          await countActivity(manager, [
            { day, ...place(entry), metric: 'products_forwarded' },
            ...(data.to === 'national' ? [{ day, ...place(entry), metric: 'products_forwarded_national' }] : []),
          ]);
        },
      }),
      projection({
        contract: EvaluationEvents.productNotPassed,
        key: (data) => data.productId,
        apply: async (data, manager, event) => {
          const entry = await entryOf(manager, data.roundId, data.productId);
          if (entry)
            await countActivity(manager, {
              day: vietnamDay(event.occurredAt),
              ...place(entry),
              metric: 'products_not_passed',
            });
        },
      }),
      projection({
        contract: EvaluationEvents.certificateIssued,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(RmCertificateEntity)
            .values({
              certificateId: data.certificateId,
              number: data.number,
              productId: data.productId,
              stars: data.stars,
              level: data.level,
              kind: data.kind,
              group: data.group,
              provinceCode: data.provinceCode,
              communeCode: data.communeCode,
              issuedOn: data.issuedOn,
              validUntil: data.validUntil,
              status: 'valid',
            })
            .orIgnore()
            .returning(['certificate_id'])
            .execute();
          if ((inserted.raw as unknown[]).length === 0) return;
          // The product's row with the certificate, created (with the event's name and group) if registration's
          // events have not arrived yet: one statement.
          await manager.query(
            `INSERT INTO reporting.rm_product AS p (product_id, province_code, commune_code, name, "group",
                    certificate_id, certificate_number, stars, certificate_status, certified_on, valid_until)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'valid', $9, $10)
             ON CONFLICT (product_id) DO UPDATE SET certificate_id = EXCLUDED.certificate_id,
               certificate_number = EXCLUDED.certificate_number, stars = EXCLUDED.stars,
               certificate_status = EXCLUDED.certificate_status, certified_on = EXCLUDED.certified_on,
               valid_until = EXCLUDED.valid_until`,
            [
              data.productId,
              data.provinceCode,
              data.communeCode,
              data.productName ?? null,
              data.group ?? null,
              data.certificateId,
              data.number,
              data.stars,
              data.issuedOn,
              data.validUntil,
            ],
          );
          const unit = place(data);
          await countActivity(manager, [
            { day: data.issuedOn, ...unit, metric: 'certificates_issued' },
            { day: data.issuedOn, ...unit, metric: `certificates_issued_${data.kind}` },
            { day: data.issuedOn, ...unit, metric: `certificates_issued_${data.stars}_stars` },
            { day: data.issuedOn, ...unit, metric: `certificates_issued_level_${data.level}` },
          ]);
        },
      }),
      projection({
        contract: EvaluationEvents.certificateSuperseded,
        key: (data) => data.productId,
        apply: async (data, manager) =>
          endCertificate(manager, data.certificateId, 'superseded', data.supersededOn, `by ${data.supersededBy}`),
      }),
      projection({
        contract: EvaluationEvents.certificateRevoked,
        key: (data) => data.productId,
        apply: async (data, manager) =>
          endCertificate(manager, data.certificateId, 'revoked', data.revokedOn, data.reason),
      }),
      projection({
        contract: EvaluationEvents.certificateExpired,
        key: (data) => data.productId,
        apply: async (data, manager) => endCertificate(manager, data.certificateId, 'expired', data.expiredOn, null),
      }),
    ];
  }
}

const place = (data: { provinceCode: string; communeCode: string }) => ({
  provinceCode: data.provinceCode,
  communeCode: data.communeCode,
});

const entryOf = (manager: EntityManager, roundId: string, productId: string) =>
  manager.findOne(RmRoundEntryEntity, { where: { roundId, productId } });

/** Evaluation may know a product before registration's event is handled: a row with its place, no stage. */
async function ensureProduct(
  manager: EntityManager,
  productId: string,
  unit: { provinceCode: string; communeCode: string },
  details: { name?: string; group?: string } = {},
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(RmProductEntity)
    .values({ productId, ...place(unit), name: details.name ?? null, group: details.group ?? null })
    .orIgnore()
    .execute();
}

const END_METRICS = {
  superseded: 'certificates_superseded',
  revoked: 'certificates_revoked',
  expired: 'certificates_expired',
} as const;

async function endCertificate(
  manager: EntityManager,
  certificateId: string,
  status: keyof typeof END_METRICS,
  endedOn: string,
  reason: string | null,
): Promise<void> {
  const certificate = await manager.findOne(RmCertificateEntity, {
    where: { certificateId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!certificate || certificate.status !== 'valid') return;
  await manager.update(RmCertificateEntity, { certificateId }, { status, endedOn, endReason: reason });
  await manager.update(
    RmProductEntity,
    { productId: certificate.productId, certificateId },
    { certificateStatus: status },
  );
  await countActivity(manager, { day: endedOn, ...place(certificate), metric: END_METRICS[status] });
}

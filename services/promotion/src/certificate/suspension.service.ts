import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PromotionEvents, type NoticeAddressee, type SuspendedItem } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { ChangeRecordEntity, OutboxEventEntity, recordChanges, type ChangeInput } from '@ocop/persistence';
import { SYSTEM_ACTOR } from '../common/promotion.access';
import { PROMOTION } from '../service-identity';
import { EnrolmentEntity, PromotionEventEntity } from '../event/promotion-event.entity';
import { ListingEntity } from '../listing/listing.entity';
import { ConsignmentEntity, SalesPointEntity } from '../sales-point/sales-point.entity';
import { CertificateRecordEntity } from './certificate-record.entity';
import { CERTIFIED_MIN_STARS } from './certificate.rules';

/** A row an UPDATE … RETURNING gave back: the item and who to tell about it. */
interface AffectedRow {
  id: string;
  holder_id: string;
  holder_name: string;
  addressee_name: string;
  unit_code: string;
  province_code: string;
}

type ItemKind = SuspendedItem['kind'];

const ROLE_OF: Record<ItemKind, NoticeAddressee['role']> = {
  enrolment: 'event_organiser',
  consignment: 'sales_point_operator',
  listing: 'listing_operator',
};

/** A certificate's end, as evaluation's certificate.expired or certificate.revoked tells it. */
export interface CertificateEnding {
  certificateId: string;
  productId: string;
  status: 'expired' | 'revoked';
  /** The day it ended. */
  on: string;
  /** The revocation's reason. */
  endReason: string | null;
}

export interface AffectedItems {
  enrolments: number;
  consignments: number;
  listings: number;
  notices: number;
}

/**
 * What a certificate's end and a re-certification do to the product's enrolments, consignments and listings
 * (OCOP.md §6): set-based, one UPDATE per table, inside the handler's transaction, with one notice per
 * organiser or operator and the change records.
 */
@Injectable()
export class SuspensionService {
  constructor(private readonly outbox: OutboxWriter) {}

  /**
   * Certificates ended (expired or revoked): the read model records it and, unless the product still holds
   * another certificate in force (e.g. the one that superseded this), every active enrolment (in an event not
   * yet over), consignment and listing of the product is suspended, each change logged, and one notice per
   * organiser or operator written to the outbox. One statement (one UPDATE per table, data-modifying CTEs)
   * after the lock, for one certificate or for a batch of a burst (certificates issued on one day end on one
   * day): the same as each in turn. Certificates of the batch never count as "another certificate in force"
   * for each other (each is ending); a product with two of them is suspended once, with the later one's reason.
   *
   * The notices are not announced with pg_notify: PostgreSQL commits NOTIFYing transactions one at a time,
   * which would queue a burst of expiries behind each other; the outbox relay's poll (1 s) publishes them.
   */
  async endAndSuspendMany(manager: EntityManager, endings: CertificateEnding[]): Promise<AffectedItems> {
    if (endings.length === 0) return { enrolments: 0, consignments: 0, listings: 0, notices: 0 };
    const t = this.tables(manager);
    const productIds = [...new Set(endings.map((ending) => ending.productId))].sort();
    // First, on its own: the products' certificate rows, which enrolment, consignment and listing share-lock
    // while they check them (in id order, as every locker here does). One in flight commits first, and the
    // statement below (a fresh snapshot) sees it.
    await manager.query(`SELECT 1 FROM ${t.certificate} WHERE product_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      productIds,
    ]);
    const set = `status = 'suspended', suspended_reason = g.reason, suspended_at = now(), restored_at = NULL,
                 updated_at = now()`;
    const [row] = await manager.query<
      { enrolments: string; consignments: string; listings: string; notices: string }[]
    >(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::text[])
                AS i(product_id, certificate_id, status, ended_on, end_reason, reason)),
       ended AS (
         UPDATE ${t.certificate} c SET status = i.status, ended_on = i.ended_on, end_reason = i.end_reason,
                updated_at = now()
           FROM input i
          WHERE c.id = i.certificate_id AND (c.status = 'valid' OR (i.status = 'revoked' AND c.status <> 'revoked'))
         RETURNING c.id),
       go AS (
         SELECT DISTINCT ON (c.product_id) c.id, c.number, c.product_id, c.product_name, c.producer_id,
                c.producer_name, i.ended_on, i.reason
           FROM ${t.certificate} c JOIN input i ON i.certificate_id = c.id
          WHERE NOT EXISTS (SELECT 1 FROM ${t.certificate} o
                             WHERE o.product_id = c.product_id AND o.status = 'valid' AND o.id <> ALL($2::uuid[]))
          ORDER BY c.product_id, i.ended_on DESC, c.id),
       enrolments AS (
         UPDATE ${t.enrolment} e SET ${set}
           FROM ${t.event} ev, go g
          WHERE ev.id = e.event_id AND e.product_id = g.product_id AND e.status = 'active'
            AND ev.status = 'planned' AND ev.ends_on >= g.ended_on
         RETURNING 'enrolment'::text AS kind, e.id, e.product_id, ev.id AS holder_id, ev.name AS holder_name,
                   'event_organiser'::text AS role, ev.organiser_name AS addressee_name, ev.unit_code, ev.province_code),
       consignments AS (
         UPDATE ${t.consignment} k SET ${set}
           FROM ${t.salesPoint} sp, go g
          WHERE sp.id = k.sales_point_id AND k.product_id = g.product_id AND k.status = 'active'
         RETURNING 'consignment'::text AS kind, k.id, k.product_id, sp.id AS holder_id, sp.name AS holder_name,
                   'sales_point_operator'::text AS role, sp.operator_name AS addressee_name, sp.unit_code,
                   sp.province_code),
       listings AS (
         UPDATE ${t.listing} l SET ${set}
           FROM go g
          WHERE l.product_id = g.product_id AND l.status = 'active'
         RETURNING 'listing'::text AS kind, l.id, l.product_id, l.id AS holder_id,
                   l.platform || ': ' || l.url AS holder_name, 'listing_operator'::text AS role,
                   l.operator_name AS addressee_name, l.product_province_code AS unit_code,
                   l.product_province_code AS province_code),
       affected AS (
         SELECT * FROM enrolments UNION ALL SELECT * FROM consignments UNION ALL SELECT * FROM listings),
       logged AS (
         INSERT INTO ${t.changeRecord} (entity_type, entity_id, action, changes, changed_by, unit_code, province_code)
         SELECT a.kind, a.id::text, 'suspended',
                jsonb_build_object('status', jsonb_build_array('active', 'suspended'),
                                   'reason', jsonb_build_array(NULL, g.reason),
                                   'certificateNumber', jsonb_build_array(NULL, g.number)),
                $8::text, a.unit_code, a.province_code
           FROM affected a JOIN go g ON g.product_id = a.product_id),
       notices AS (
         SELECT gen_random_uuid() AS id, a.product_id, a.role, a.addressee_name, a.unit_code, a.province_code,
                jsonb_agg(jsonb_build_object('kind', a.kind, 'id', a.id, 'holderId', a.holder_id,
                                             'holderName', a.holder_name) ORDER BY a.kind, a.holder_name) AS items
           FROM affected a
          GROUP BY a.product_id, a.role, a.addressee_name, a.unit_code, a.province_code),
       written AS (
         INSERT INTO ${t.outbox} (id, subject, envelope)
         SELECT n.id, $7::text,
                jsonb_build_object(
                  'id', n.id, 'subject', $7::text, 'version', 1, 'source', $9::text,
                  'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'data', jsonb_build_object(
                    'addressee', jsonb_build_object('role', n.role, 'name', n.addressee_name,
                                                    'unitCode', n.unit_code, 'provinceCode', n.province_code),
                    'reason', g.reason, 'productId', g.product_id, 'productName', g.product_name,
                    'producerId', g.producer_id, 'producerName', g.producer_name,
                    'certificateId', g.id, 'certificateNumber', g.number,
                    'effectiveOn', to_char(g.ended_on, 'YYYY-MM-DD'), 'items', n.items))
           FROM notices n JOIN go g ON g.product_id = n.product_id
         RETURNING id)
       SELECT (SELECT count(*) FROM enrolments) AS enrolments, (SELECT count(*) FROM consignments) AS consignments,
              (SELECT count(*) FROM listings) AS listings, (SELECT count(*) FROM written) AS notices,
              (SELECT count(*) FROM ended) AS ended`,
      [
        endings.map((ending) => ending.productId),
        endings.map((ending) => ending.certificateId),
        endings.map((ending) => ending.status),
        endings.map((ending) => ending.on),
        endings.map((ending) => ending.endReason),
        endings.map((ending) => (ending.status === 'revoked' ? 'certificate_revoked' : 'certificate_expired')),
        PromotionEvents.suspensionNotice.subject,
        SYSTEM_ACTOR,
        PROMOTION.name,
      ],
    );
    return {
      enrolments: Number(row?.enrolments ?? 0),
      consignments: Number(row?.consignments ?? 0),
      listings: Number(row?.listings ?? 0),
      notices: Number(row?.notices ?? 0),
    };
  }

  /**
   * A new certificate brings the product back: suspended consignments (at open sales points) and listings,
   * and enrolments in events that are not over, whose dates the new certificate covers and whose minimum
   * stars it meets. They now rest on the new certificate.
   */
  async restore(manager: EntityManager, certificate: CertificateRecordEntity): Promise<AffectedItems> {
    const none = { enrolments: 0, consignments: 0, listings: 0, notices: 0 };
    if (certificate.status !== 'valid' || certificate.stars < CERTIFIED_MIN_STARS) return none;
    const tables = this.tables(manager);
    const set = `status = 'active', certificate_id = $2, certificate_number = $3, stars = $4,
                 suspended_reason = NULL, suspended_at = NULL, restored_at = now(), updated_at = now()`;
    const base = [certificate.productId, certificate.id, certificate.number, certificate.stars];
    const enrolments = await this.rows(
      manager,
      `UPDATE ${tables.enrolment} e SET ${set}
         FROM ${tables.event} ev
        WHERE ev.id = e.event_id AND e.product_id = $1 AND e.status = 'suspended' AND ev.status = 'planned'
          AND ev.ends_on >= $5 AND ev.starts_on <= $6 AND ev.ends_on <= $6 AND ev.min_stars <= $4
       RETURNING e.id, ev.id AS holder_id, ev.name AS holder_name, ev.organiser_name AS addressee_name,
                 ev.unit_code, ev.province_code`,
      [...base, certificate.issuedOn, certificate.validUntil],
    );
    const consignments = await this.rows(
      manager,
      `UPDATE ${tables.consignment} k SET ${set}
         FROM ${tables.salesPoint} sp
        WHERE sp.id = k.sales_point_id AND k.product_id = $1 AND k.status = 'suspended' AND sp.status = 'open'
       RETURNING k.id, sp.id AS holder_id, sp.name AS holder_name, sp.operator_name AS addressee_name,
                 sp.unit_code, sp.province_code`,
      base,
    );
    const listings = await this.rows(
      manager,
      `UPDATE ${tables.listing} l SET ${set}
        WHERE l.product_id = $1 AND l.status = 'suspended'
       RETURNING l.id, l.id AS holder_id, l.platform || ': ' || l.url AS holder_name,
                 l.operator_name AS addressee_name, l.product_province_code AS unit_code,
                 l.product_province_code AS province_code`,
      base,
    );
    const affected = { enrolment: enrolments, consignment: consignments, listing: listings };
    await this.record(
      manager,
      affected,
      'restored',
      { status: ['suspended', 'active'], certificateId: [null, certificate.id] },
      certificate,
    );
    const groups = groupByAddressee(affected);
    for (const { addressee, items } of groups)
      await this.outbox.append(manager, PromotionEvents.suspensionLifted, {
        addressee,
        productId: certificate.productId,
        productName: certificate.productName,
        producerId: certificate.producerId,
        producerName: certificate.producerName,
        certificateId: certificate.id,
        certificateNumber: certificate.number,
        stars: certificate.stars,
        validUntil: certificate.validUntil,
        items,
      });
    return {
      enrolments: enrolments.length,
      consignments: consignments.length,
      listings: listings.length,
      notices: groups.length,
    };
  }

  private tables(manager: EntityManager) {
    const path = (entity: Parameters<EntityManager['getRepository']>[0]) =>
      manager.getRepository(entity).metadata.tablePath;
    return {
      certificate: path(CertificateRecordEntity),
      enrolment: path(EnrolmentEntity),
      event: path(PromotionEventEntity),
      consignment: path(ConsignmentEntity),
      salesPoint: path(SalesPointEntity),
      listing: path(ListingEntity),
      changeRecord: path(ChangeRecordEntity),
      outbox: path(OutboxEventEntity),
    };
  }

  /** pg answers an UPDATE … RETURNING as [rows, count]. */
  private async rows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<AffectedRow[]> {
    const result = await manager.query<[AffectedRow[], number] | AffectedRow[]>(sql, parameters);
    const first = result[0];
    return Array.isArray(first) ? first : (result as AffectedRow[]);
  }

  private async record(
    manager: EntityManager,
    affected: Record<ItemKind, AffectedRow[]>,
    action: string,
    changes: ChangeInput['changes'],
    certificate: CertificateRecordEntity,
  ): Promise<void> {
    const inputs: ChangeInput[] = [];
    for (const kind of Object.keys(affected) as ItemKind[])
      for (const row of affected[kind])
        inputs.push({
          entityType: kind,
          entityId: row.id,
          action,
          changes: { ...changes, certificateNumber: [null, certificate.number] },
          changedBy: SYSTEM_ACTOR,
          unitCode: row.unit_code,
          provinceCode: row.province_code,
        });
    await recordChanges(manager, inputs);
  }
}

/** One group per organiser or operator (role, unit, name), each with the items that concern it. */
export function groupByAddressee(
  affected: Record<ItemKind, readonly AffectedRow[]>,
): { addressee: NoticeAddressee; items: SuspendedItem[] }[] {
  const groups = new Map<string, { addressee: NoticeAddressee; items: SuspendedItem[] }>();
  for (const kind of Object.keys(affected) as ItemKind[])
    for (const row of affected[kind]) {
      const addressee: NoticeAddressee = {
        role: ROLE_OF[kind],
        name: row.addressee_name,
        unitCode: row.unit_code,
        provinceCode: row.province_code,
      };
      const key = `${addressee.role}|${addressee.unitCode}|${addressee.name}`;
      const group = groups.get(key) ?? { addressee, items: [] };
      group.items.push({ kind, id: row.id, holderId: row.holder_id, holderName: row.holder_name });
      groups.set(key, group);
    }
  return [...groups.values()];
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegistrationEvents, type ProductStage } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { UnitDirectory } from '../unit/unit-directory.service';
import { countActivity, countProduct, vietnamDay } from './projection';
import { projection } from './projection-handler';
import { RmProducerEntity, RmProductEntity } from './read-model.entities';

/** Metrics counted when a product reaches a stage (registration's cycle actions, OCOP.md §4). */
const STAGE_METRICS: Partial<Record<ProductStage, string>> = {
  selected: 'ideas_selected',
  business_plan: 'plans_received',
  withdrawn: 'products_withdrawn',
};

/** What registration's events mean for producers, products and the cycle's counters. */
@Injectable()
export class RegistrationProjections {
  constructor(private readonly units: UnitDirectory) {}

  handlers(): EventHandler[] {
    return [
      projection({
        contract: RegistrationEvents.producerRegistered,
        key: (data) => data.producerId,
        apply: async (data, manager) => {
          const registeredOn = vietnamDay(data.registeredAt);
          await manager
            .createQueryBuilder()
            .insert()
            .into(RmProducerEntity)
            .values({
              producerId: data.producerId,
              name: data.name,
              legalForm: data.legalForm,
              provinceCode: data.provinceCode,
              communeCode: data.communeCode,
              registeredOn,
              version: 1,
            })
            .orIgnore()
            .execute();
          await countActivity(manager, {
            day: registeredOn,
            provinceCode: data.provinceCode,
            communeCode: data.communeCode,
            metric: 'producers_registered',
          });
        },
      }),
      projection({
        contract: RegistrationEvents.producerUpdated,
        key: (data) => data.producerId,
        apply: async (data, manager) => {
          await manager
            .createQueryBuilder()
            .update(RmProducerEntity)
            .set({
              name: data.name,
              legalForm: data.legalForm,
              provinceCode: data.provinceCode,
              communeCode: data.communeCode,
              version: data.version,
            })
            .where('producer_id = :id AND version < :version', { id: data.producerId, version: data.version })
            .execute();
        },
      }),
      projection({
        contract: RegistrationEvents.productRegistered,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          const registeredOn = vietnamDay(data.registeredAt);
          // One statement, so a row evaluation's events created meanwhile is completed rather than collided
          // with. The product is counted once, at the stage it has by now (idea, or what a stage change that
          // overtook this event set).
          const counted: { stage: string; province_code: string; commune_code: string }[] = await manager.query(
            `INSERT INTO reporting.rm_product AS p (product_id, name, "group", subgroup, producer_id, province_code,
                    commune_code, cycle_year, registered_on, stage, stage_changed_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'idea', $9)
             ON CONFLICT (product_id) DO UPDATE SET
               name = EXCLUDED.name, "group" = EXCLUDED."group", subgroup = EXCLUDED.subgroup,
               producer_id = EXCLUDED.producer_id, cycle_year = EXCLUDED.cycle_year, registered_on = EXCLUDED.registered_on,
               stage = COALESCE(p.stage, EXCLUDED.stage), stage_changed_on = COALESCE(p.stage_changed_on, EXCLUDED.stage_changed_on),
               province_code = CASE WHEN p.stage IS NULL THEN EXCLUDED.province_code ELSE p.province_code END,
               commune_code = CASE WHEN p.stage IS NULL THEN EXCLUDED.commune_code ELSE p.commune_code END
             WHERE p.registered_on IS NULL
             RETURNING p.stage, p.province_code, p.commune_code`,
            [
              data.productId,
              data.name,
              data.group,
              data.subgroup ?? null,
              data.producerId,
              data.provinceCode,
              data.communeCode,
              data.cycleYear,
              registeredOn,
            ],
          );
          const row = counted[0];
          if (!row) return;
          await countProduct(
            manager,
            { provinceCode: row.province_code, communeCode: row.commune_code },
            row.stage,
            data.group,
            1,
          );
          await countActivity(manager, { day: registeredOn, ...place(data), metric: 'ideas_registered' });
        },
      }),
      projection({
        contract: RegistrationEvents.productUpdated,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          await manager.update(
            RmProductEntity,
            { productId: data.productId },
            { name: data.name, subgroup: data.subgroup },
          );
        },
      }),
      projection({
        contract: RegistrationEvents.productStageChanged,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          const day = vietnamDay(data.changedAt);
          // One statement (one round trip, the most frequent event): the row as it was, locked, and its upsert.
          // The CTE's SELECT sees the row before the INSERT's change (one snapshot per statement), and locks it
          // first: the INSERT, which the main query does not read, runs after it.
          const [before]: {
            stage: string | null;
            group: string | null;
            registered_on: string | null;
            province_code: string;
            commune_code: string;
          }[] = await manager.query(
            `WITH before AS (
               SELECT stage, "group", registered_on, province_code, commune_code FROM reporting.rm_product
                WHERE product_id = $1 FOR UPDATE
             ), changed AS (
               INSERT INTO reporting.rm_product AS p (product_id, province_code, commune_code, stage, stage_changed_on)
               VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (product_id) DO UPDATE SET stage = EXCLUDED.stage, stage_changed_on = EXCLUDED.stage_changed_on,
                 province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code
             )
             SELECT * FROM before`,
            [data.productId, data.provinceCode, data.communeCode, data.to, day],
          );
          // Counted products move between counters; one not registered yet is counted when it is.
          if (before?.registered_on && before.stage && before.group) {
            const was = { provinceCode: before.province_code, communeCode: before.commune_code };
            await countProduct(manager, was, before.stage, before.group, -1);
            await countProduct(manager, data, data.to, before.group, 1);
          }
          const metric =
            data.to === 'dossier' && data.from === 'business_plan' ? 'dossiers_received' : STAGE_METRICS[data.to];
          if (metric) await countActivity(manager, { day, ...place(data), metric });
        },
      }),
      projection({
        contract: RegistrationEvents.productSelectionReturned,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          await countActivity(manager, { day: vietnamDay(data.returnedAt), ...place(data), metric: 'ideas_returned' });
        },
      }),
      projection({
        contract: RegistrationEvents.productPreAssessed,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          const provinceCode = await this.provinceOf(manager, data.productId, data.communeCode);
          if (!provinceCode) return;
          const unit = { provinceCode, communeCode: data.communeCode };
          await countActivity(manager, [
            { day: data.assessedOn, ...unit, metric: 'pre_assessed' },
            { day: data.assessedOn, ...unit, metric: data.passed ? 'pre_assessed_passed' : 'pre_assessed_failed' },
          ]);
        },
      }),
      projection({
        contract: RegistrationEvents.dossierDocumentAdded,
        key: (data) => data.productId,
        apply: async (data, manager) => {
          const product = await manager.findOne(RmProductEntity, { where: { productId: data.productId } });
          if (!product) return;
          await countActivity(manager, {
            day: vietnamDay(data.uploadedAt),
            ...place(product),
            metric: data.amendment ? 'dossier_amendments' : 'dossier_documents',
          });
        },
      }),
      projection({
        contract: RegistrationEvents.cycleStarted,
        key: (data) => `cycle:${data.unitCode}:${data.year}`,
        apply: async (data, manager, event) => {
          const communeCode = data.unitCode === data.provinceCode ? '' : data.unitCode;
          await countActivity(manager, {
            day: vietnamDay(event.occurredAt),
            provinceCode: data.provinceCode,
            communeCode,
            metric: 'cycles_started',
          });
        },
      }),
    ];
  }

  /** A commune's province: the product's, else the unit list's. */
  private async provinceOf(manager: EntityManager, productId: string, communeCode: string): Promise<string | null> {
    const product = await manager.findOne(RmProductEntity, { where: { productId } });
    return product?.provinceCode ?? (await this.units.provinceOf(communeCode));
  }
}

const place = (data: { provinceCode: string; communeCode: string }) => ({
  provinceCode: data.provinceCode,
  communeCode: data.communeCode,
});

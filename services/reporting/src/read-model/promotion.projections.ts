import { Injectable } from '@nestjs/common';
import { PromotionEvents } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { UnitDirectory } from '../unit/unit-directory.service';
import { countActivity, vietnamDay } from './projection';
import { projection } from './projection-handler';
import { RmSalesPointEntity } from './read-model.entities';

/**
 * Trade promotion's figures (OCOP.md §6-7): sales points by commune (or the province's own); fairs,
 * enrolments, listings, rewards and support at the province, whose events carry the province only.
 */
@Injectable()
export class PromotionProjections {
  constructor(private readonly units: UnitDirectory) {}

  handlers(): EventHandler[] {
    const province = (provinceCode: string) => ({ provinceCode, communeCode: '' });
    return [
      projection({
        contract: PromotionEvents.salesPointOpened,
        key: (data) => data.salesPointId,
        apply: async (data, manager) => {
          const unit = await this.units.find(data.unitCode);
          const communeCode = unit?.level === 'commune' ? unit.code : '';
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(RmSalesPointEntity)
            .values({
              salesPointId: data.salesPointId,
              name: data.name,
              kind: data.kind,
              provinceCode: data.provinceCode,
              communeCode,
              openedOn: data.openedOn,
            })
            .orIgnore()
            .returning(['sales_point_id'])
            .execute();
          if ((inserted.raw as unknown[]).length === 0) return;
          await countActivity(manager, {
            day: data.openedOn,
            provinceCode: data.provinceCode,
            communeCode,
            metric: 'sales_points_opened',
          });
        },
      }),
      projection({
        contract: PromotionEvents.salesPointClosed,
        key: (data) => data.salesPointId,
        apply: async (data, manager) => {
          const point = await manager.findOne(RmSalesPointEntity, { where: { salesPointId: data.salesPointId } });
          if (!point || point.closedOn) return;
          await manager.update(RmSalesPointEntity, { salesPointId: data.salesPointId }, { closedOn: data.closedOn });
          await countActivity(manager, {
            day: data.closedOn,
            provinceCode: point.provinceCode,
            communeCode: point.communeCode,
            metric: 'sales_points_closed',
          });
        },
      }),
      projection({
        contract: PromotionEvents.productConsigned,
        key: (data) => data.salesPointId,
        apply: async (data, manager) => {
          const point = await manager.findOne(RmSalesPointEntity, { where: { salesPointId: data.salesPointId } });
          await countActivity(manager, {
            day: data.consignedOn,
            provinceCode: point?.provinceCode ?? data.provinceCode,
            communeCode: point?.communeCode ?? '',
            metric: 'consignments',
          });
        },
      }),
      projection({
        contract: PromotionEvents.eventPlanned,
        key: (data) => data.eventId,
        apply: async (data, manager) => {
          await countActivity(manager, {
            day: data.startsOn,
            ...province(data.provinceCode),
            metric: `promotion_events_planned`,
          });
        },
      }),
      projection({
        contract: PromotionEvents.eventResultsRecorded,
        key: (data) => data.eventId,
        apply: async (data, manager) => {
          const unit = province(data.provinceCode);
          await countActivity(manager, [
            { day: data.endsOn, ...unit, metric: 'promotion_events_held' },
            { day: data.endsOn, ...unit, metric: `promotion_events_held_${data.kind}` },
            { day: data.endsOn, ...unit, metric: 'promotion_visitors', count: 0, amount: data.visitors },
            { day: data.endsOn, ...unit, metric: 'promotion_sales_vnd', count: 0, amount: data.salesVnd },
            {
              day: data.endsOn,
              ...unit,
              metric: 'promotion_contracts',
              count: data.contractsSigned,
              amount: data.contractsValueVnd,
            },
          ]);
        },
      }),
      projection({
        contract: PromotionEvents.productEnrolled,
        key: (data) => data.eventId,
        apply: async (data, manager) => {
          await countActivity(manager, {
            day: vietnamDay(data.enrolledAt),
            ...province(data.provinceCode),
            metric: 'promotion_enrolments',
          });
        },
      }),
      projection({
        contract: PromotionEvents.listingPublished,
        key: (data) => data.listingId,
        apply: async (data, manager) => {
          await countActivity(manager, {
            day: vietnamDay(data.publishedAt),
            ...province(data.provinceCode),
            metric: 'listings_published',
          });
        },
      }),
      projection({
        contract: PromotionEvents.rewardCreated,
        key: (data) => data.rewardId,
        apply: async (data, manager, event) => {
          await countActivity(manager, {
            day: vietnamDay(event.occurredAt),
            ...province(data.provinceCode),
            metric: 'rewards_granted',
            amount: data.amountVnd,
          });
        },
      }),
      projection({
        contract: PromotionEvents.rewardStatusChanged,
        key: (data) => data.rewardId,
        apply: async (data, manager) => {
          if (data.to !== 'paid') return;
          await countActivity(manager, {
            day: vietnamDay(data.changedAt),
            ...province(data.provinceCode),
            metric: 'rewards_paid',
            amount: data.amountVnd,
          });
        },
      }),
      projection({
        contract: PromotionEvents.supportRequestStatusChanged,
        key: (data) => data.requestId,
        apply: async (data, manager) => {
          if (data.to !== 'approved' && data.to !== 'delivered') return;
          await countActivity(manager, {
            day: vietnamDay(data.changedAt),
            ...province(data.provinceCode),
            metric: data.to === 'approved' ? 'support_approved' : 'support_delivered',
            amount: data.approvedAmountVnd ?? 0,
          });
        },
      }),
    ];
  }
}

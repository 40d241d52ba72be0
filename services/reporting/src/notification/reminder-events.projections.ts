import { Injectable } from '@nestjs/common';
import { EvaluationEvents, PromotionEvents, RegistrationEvents } from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { vietnameseShortDate } from '@ocop/documents';
import { projection } from '../read-model/projection-handler';
import { UnitDirectory } from '../unit/unit-directory.service';
import { NotificationService } from './notification.service';

/** dd/mm/yyyy for a YYYY-MM-DD date; anything else (an instant) as it came, rather than failing the event. */
const shortDate = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? vietnameseShortDate(value) : value);

const STEP_NAMES: Record<string, string> = {
  communication: 'tuyên truyền, hướng dẫn',
  ideas: 'nhận đăng ký ý tưởng sản phẩm',
  plans: 'nhận phương án sản xuất kinh doanh',
  implementation: 'triển khai phương án',
  evaluation: 'đánh giá, phân hạng',
  promotion: 'xúc tiến thương mại',
};

/**
 * The other services' reminders, delivered through reporting's notification channel: a certificate's
 * expiry (to its commune and its producer), a council member's pending scorecards, the cycle's reminders to
 * the communes, and promotion's suspension notices. Keyed by event id and addressee, so a replay adds none.
 */
@Injectable()
export class ReminderEventProjections {
  constructor(
    private readonly notifications: NotificationService,
    private readonly units: UnitDirectory,
  ) {}

  handlers(): EventHandler[] {
    return [
      projection({
        contract: EvaluationEvents.certificateExpiryNotice,
        key: (data) => data.productId,
        apply: async (data, manager, event) => {
          const formal = data.kind === 'notice';
          const title = formal
            ? `Thông báo: giấy chứng nhận OCOP ${data.number} hết hiệu lực ngày ${shortDate(data.validUntil)}`
            : `Nhắc: giấy chứng nhận OCOP ${data.number} sắp hết hiệu lực`;
          const body =
            `Sản phẩm "${data.productName}" của ${data.producerName}: giấy chứng nhận số ${data.number} hết hiệu lực ` +
            `ngày ${shortDate(data.validUntil)} (còn ${data.daysBefore} ngày). Để giữ sản phẩm OCOP, chủ thể ` +
            `đăng ký đánh giá lại trước khi hết hạn.`;
          const common = {
            kind: `certificate_expiry_${data.kind}`,
            title,
            body,
            data: { certificateId: data.certificateId, productId: data.productId, validUntil: data.validUntil },
          };
          await this.notifications.post(manager, [
            { ...common, sourceKey: `event:${event.id}:unit:${data.communeCode}`, unitCode: data.communeCode },
            { ...common, sourceKey: `event:${event.id}:producer:${data.producerId}`, producerId: data.producerId },
          ]);
        },
      }),
      projection({
        contract: EvaluationEvents.scoringReminder,
        key: (data) => `${data.roundId}:${data.memberId}`,
        apply: async (data, manager, event) => {
          if (!data.userId) return;
          await this.notifications.post(manager, [
            {
              sourceKey: `event:${event.id}:user:${data.userId}`,
              kind: 'scoring_reminder',
              userId: data.userId,
              title: `Nhắc chấm điểm: ${data.roundName}`,
              body:
                `Kính gửi ${data.memberName}: còn ${data.pendingProductIds.length} sản phẩm chưa có phiếu chấm của ` +
                `Ông/Bà trong ${data.roundName}. Hạn chấm điểm: ${shortDate(data.scoringDeadline)}.`,
              data: { roundId: data.roundId, pendingProductIds: data.pendingProductIds, occasion: data.occasion },
            },
          ]);
        },
      }),
      projection({
        contract: RegistrationEvents.cycleReminder,
        key: (data) => `cycle:${data.unitCode}:${data.year}`,
        apply: async (data, manager, event) => {
          const unit = await this.units.find(data.unitCode);
          const communes =
            unit?.level === 'province'
              ? (await this.units.communesOf(data.unitCode)).map((c) => c.code)
              : [data.unitCode];
          const title = `Chu trình OCOP ${data.year}: ${STEP_NAMES[data.step] ?? data.step}`;
          await this.notifications.post(
            manager,
            communes.map((communeCode) => ({
              sourceKey: `event:${event.id}:unit:${communeCode}`,
              kind: 'cycle_reminder',
              unitCode: communeCode,
              title,
              body: data.messageVi,
              data: {
                unitCode: data.unitCode,
                year: data.year,
                step: data.step,
                date: data.date,
                daysLeft: data.daysLeft,
              },
            })),
          );
        },
      }),
      projection({
        contract: PromotionEvents.suspensionNotice,
        key: (data) => data.productId,
        apply: async (data, manager, event) => {
          const why = data.reason === 'certificate_revoked' ? 'bị thu hồi' : 'hết hiệu lực';
          await this.notifications.post(manager, [
            {
              sourceKey: `event:${event.id}:unit:${data.addressee.unitCode}`,
              kind: 'promotion_suspension',
              unitCode: data.addressee.unitCode,
              title: `Tạm dừng sản phẩm "${data.productName}" do giấy chứng nhận ${why}`,
              body:
                `Giấy chứng nhận ${data.certificateNumber} của sản phẩm "${data.productName}" (${data.producerName}) ${why} ` +
                `từ ngày ${shortDate(data.effectiveOn)}; sản phẩm rời ${data.items.length} hội chợ, điểm bán hoặc gian hàng.`,
              data: { productId: data.productId, certificateId: data.certificateId, items: data.items.length },
            },
          ]);
        },
      }),
    ];
  }
}

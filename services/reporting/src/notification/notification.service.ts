import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException, defineErrors, pageOf, type AuthUser, type Page } from '@ocop/nest-common';
import { recordChanges, type JsonValue } from '@ocop/persistence';
import { ReportingConfig } from '../config/reporting.config';
import { UnitDirectory } from '../unit/unit-directory.service';
import { NotificationEntity, UnitContactEntity } from './notification.entity';

export const NotificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    vi: 'Không có thông báo {notificationId} gửi cho bạn',
    en: 'No notification {notificationId} addressed to you',
  },
});

export interface NotificationInput {
  sourceKey: string;
  kind: string;
  unitCode?: string | null;
  userId?: string | null;
  producerId?: string | null;
  title: string;
  body: string;
  data?: { [key: string]: JsonValue };
}

/** Notifications: written inside the caller's transaction, once per source key; delivered after commit. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ReportingConfig) private readonly config: ReportingConfig,
    private readonly units: UnitDirectory,
  ) {}

  /** Stores the notifications not stored yet; returns how many are new. */
  async post(manager: EntityManager, inputs: NotificationInput[]): Promise<number> {
    if (inputs.length === 0) return 0;
    const webhook = this.config.NOTIFY_WEBHOOK_URL ? 'pending' : 'none';
    const table = manager.getRepository(NotificationEntity).metadata.tablePath;
    let created = 0;
    for (let i = 0; i < inputs.length; i += 500) {
      const values: (string | null)[] = [];
      const rows = inputs.slice(i, i + 500).map((input) => {
        const email = this.config.SMTP_URL && input.unitCode ? 'pending' : 'none';
        values.push(
          input.sourceKey,
          input.kind,
          input.unitCode ?? null,
          input.userId ?? null,
          input.producerId ?? null,
        );
        values.push(input.title, input.body, JSON.stringify(input.data ?? {}), webhook, email);
        const base = values.length - 10;
        const at = (n: number) => `$${base + n}`;
        return `(${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}::uuid, ${at(6)}, ${at(7)}, ${at(8)}::jsonb, ${at(9)}, ${at(10)})`;
      });
      const inserted: unknown[] = await manager.query(
        `INSERT INTO ${table} (source_key, kind, unit_code, user_id, producer_id, title, body, data, webhook_state, email_state)
         VALUES ${rows.join(', ')} ON CONFLICT (source_key) DO NOTHING RETURNING id`,
        values,
      );
      created += inserted.length;
    }
    return created;
  }

  /** The user's inbox: their unit's notifications, those addressed to them, and their producer's. */
  async list(
    user: AuthUser,
    filter: { unread?: boolean; kind?: string; limit: number; offset: number },
  ): Promise<Page<NotificationEntity>> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(
        user.producerId
          ? '(n.user_id = :userId OR n.producer_id = :producerId)'
          : '(n.unit_code = :unitCode OR n.user_id = :userId)',
        { unitCode: user.unitCode, userId: user.id, producerId: user.producerId },
      );
    if (filter.unread) query.andWhere('n.read_at IS NULL');
    if (filter.kind) query.andWhere('n.kind = :kind', { kind: filter.kind });
    return pageOf(query.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'ASC'), filter);
  }

  async markRead(user: AuthUser, notificationId: string): Promise<NotificationEntity> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    const notification = await repository.findOne({ where: { id: notificationId } });
    const addressed =
      notification &&
      (notification.userId === user.id ||
        (user.producerId ? notification.producerId === user.producerId : notification.unitCode === user.unitCode));
    if (!notification || !addressed)
      throw new AppException(NotificationErrors.NOTIFICATION_NOT_FOUND, { notificationId });
    if (!notification.readAt) {
      notification.readAt = new Date();
      await repository.update({ id: notificationId }, { readAt: notification.readAt });
    }
    return notification;
  }

  async contacts(unitCode: string): Promise<string[]> {
    return (await this.dataSource.getRepository(UnitContactEntity).findOne({ where: { unitCode } }))?.emails ?? [];
  }

  /** Replaces where a unit's notifications are e-mailed; the change (old → new addresses) is in the audit log. */
  async setContacts(user: AuthUser, unitCode: string, emails: string[]): Promise<string[]> {
    const unique = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
    const provinceCode = (await this.units.find(unitCode))?.provinceCode ?? unitCode;
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(UnitContactEntity, {
        where: { unitCode },
        lock: { mode: 'pessimistic_write' },
      });
      await manager
        .getRepository(UnitContactEntity)
        .upsert({ unitCode, emails: unique, updatedBy: user.id, updatedAt: new Date() }, ['unitCode']);
      if (JSON.stringify(before?.emails ?? []) === JSON.stringify(unique)) return;
      await recordChanges(manager, [
        {
          entityType: 'unit_contacts',
          entityId: unitCode,
          action: before ? 'updated' : 'set',
          changes: { emails: [before?.emails ?? null, unique] },
          changedBy: user.id,
          unitCode,
          provinceCode,
        },
      ]);
    });
    return unique;
  }
}

const BACKOFF_BASE_MS = 5_000;

/**
 * Sends stored notifications on: a POST to NOTIFY_WEBHOOK_URL and an e-mail (SMTP_URL) to the unit's
 * contacts. Rows are claimed with SKIP LOCKED, so API replicas share the work; a failure is retried with
 * back-off until NOTIFY_DELIVERY_MAX_ATTEMPTS, then marked failed. Each channel is sent once when it works.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger(NotificationDelivery.name);
  private transporter?: Transporter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ReportingConfig) private readonly config: ReportingConfig,
  ) {}

  /** Delivers what is due now; returns how many notifications were worked on. */
  async deliverPending(limit = 50): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where(`(n.webhook_state = 'pending' OR n.email_state = 'pending')`)
        .andWhere('(n.next_delivery_at IS NULL OR n.next_delivery_at <= now())')
        .orderBy('n.created_at', 'ASC')
        .take(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const row of rows) await this.deliver(manager, row);
      return rows.length;
    });
  }

  private async deliver(manager: EntityManager, row: NotificationEntity): Promise<void> {
    const errors: string[] = [];
    let webhookState = row.webhookState;
    let emailState = row.emailState;
    if (webhookState === 'pending') {
      if (!this.config.NOTIFY_WEBHOOK_URL) webhookState = 'none';
      else
        try {
          await this.postWebhook(this.config.NOTIFY_WEBHOOK_URL, row);
          webhookState = 'sent';
        } catch (error) {
          errors.push(`webhook: ${String(error)}`);
        }
    }
    if (emailState === 'pending') {
      const recipients = row.unitCode
        ? ((await manager.findOne(UnitContactEntity, { where: { unitCode: row.unitCode } }))?.emails ?? [])
        : [];
      if (!this.config.SMTP_URL || recipients.length === 0) emailState = 'none';
      else
        try {
          await this.mailer(this.config.SMTP_URL).sendMail({
            from: this.config.SMTP_FROM,
            to: recipients,
            subject: row.title,
            text: `${row.body}\n\n— Hệ thống OCOP (${row.kind})`,
          });
          emailState = 'sent';
        } catch (error) {
          errors.push(`email: ${String(error)}`);
        }
    }
    const attempts = row.deliveryAttempts + 1;
    const exhausted = attempts >= this.config.NOTIFY_DELIVERY_MAX_ATTEMPTS;
    if (exhausted) {
      if (webhookState === 'pending') webhookState = 'failed';
      if (emailState === 'pending') emailState = 'failed';
    }
    if (errors.length > 0)
      this.logger.warn(`Notification ${row.id} delivery attempt ${attempts}: ${errors.join('; ')}`);
    await manager.update(
      NotificationEntity,
      { id: row.id },
      {
        webhookState,
        emailState,
        deliveryAttempts: attempts,
        lastDeliveryError: errors.length > 0 ? errors.join('; ').slice(0, 1_000) : null,
        nextDeliveryAt:
          errors.length > 0 && !exhausted ? new Date(Date.now() + BACKOFF_BASE_MS * 2 ** (attempts - 1)) : null,
      },
    );
  }

  private async postWebhook(url: string, row: NotificationEntity): Promise<void> {
    const body = JSON.stringify({
      id: row.id,
      kind: row.kind,
      unitCode: row.unitCode,
      userId: row.userId,
      producerId: row.producerId,
      title: row.title,
      body: row.body,
      data: row.data,
      createdAt: row.createdAt.toISOString(),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (this.config.NOTIFY_WEBHOOK_SECRET)
      headers['x-ocop-signature'] =
        `sha256=${createHmac('sha256', this.config.NOTIFY_WEBHOOK_SECRET).update(body).digest('hex')}`;
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  }

  private mailer(url: string): Transporter {
    this.transporter ??= createTransport(url);
    return this.transporter;
  }
}

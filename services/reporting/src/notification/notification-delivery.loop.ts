import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ReportingConfig } from '../config/reporting.config';
import { NotificationDelivery } from './notification.service';

/** Runs the delivery of pending webhooks and e-mails every NOTIFY_DELIVERY_INTERVAL_MS in the API process. */
@Injectable()
export class NotificationDeliveryLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDeliveryLoop.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly delivery: NotificationDelivery,
    @Inject(ReportingConfig) private readonly config: ReportingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.NOTIFY_WEBHOOK_URL && !this.config.SMTP_URL) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.drain()
        .catch((error: unknown) => this.logger.warn(`Notification delivery failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.NOTIFY_DELIVERY_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    while ((await this.delivery.deliverPending()) > 0) {
      // Keep going while there is a backlog.
    }
  }
}

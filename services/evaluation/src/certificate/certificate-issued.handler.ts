import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import {
  certificateIssuedSignal,
  EvaluationEvents,
  productWorkflowId,
  type CertificateIssuedV1,
  type EventEnvelope,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { EvaluationConfig } from '../config/evaluation.config';
import { CertificateEntity } from './certificate.entity';
import { RegulationService } from '../regulation/regulation.service';

/**
 * A certificate was issued: its product's workflow takes over the validity's timers (signal
 * `certificateIssued`). The workflow ignores the certificate it already holds, so redelivery is harmless.
 */
@Injectable()
export class CertificateIssuedHandler implements EventHandler<CertificateIssuedV1> {
  readonly contract = EvaluationEvents.certificateIssued;

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
    private readonly regulations: RegulationService,
    @Inject(EvaluationConfig) private readonly config: EvaluationConfig,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<CertificateIssuedV1>): string {
    return event.data.productId;
  }

  async handle(event: EventEnvelope<CertificateIssuedV1>, manager: EntityManager): Promise<void> {
    const issued = event.data;
    const certificate = await manager.findOne(CertificateEntity, { where: { id: issued.certificateId } });
    // Only a certificate still in force starts timers (it may have been superseded or revoked since).
    if (certificate?.status !== 'valid') return;
    const version = this.regulations.version(certificate.versionCode);
    try {
      await this.temporal.workflow.getHandle(productWorkflowId(issued.productId)).signal(certificateIssuedSignal, {
        certificateId: certificate.id,
        number: certificate.number,
        stars: certificate.stars,
        validUntil: certificate.validUntil,
        noticeDays: version.expiryNoticeDays,
        reminderDays: this.config.EXPIRY_REMINDER_DAYS,
        regulationVersion: certificate.versionCode,
      });
    } catch (error) {
      // No workflow for the product (it ended): nothing to time.
      if (error instanceof WorkflowNotFoundError) return;
      throw error;
    }
  }
}

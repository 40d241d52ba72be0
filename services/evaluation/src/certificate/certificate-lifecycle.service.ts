import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { addDays, EvaluationEvents, type EvaluationCertificateActivities } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { deterministicUuid } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { CertificateEntity } from './certificate.entity';

export const CERTIFICATE_FIELDS: Extract<keyof CertificateEntity, string>[] = [
  'number',
  'productId',
  'stars',
  'level',
  'issuedOn',
  'validUntil',
  'status',
  'supersedes',
  'supersededBy',
  'revocationReason',
  'endedOn',
];

/** Actor recorded for changes the product workflows' timers make. */
export const TIMER_ACTOR = 'system:evaluation-timers';

/**
 * What a certificate's timers do (the product workflow calls these as activities on evaluation's queue):
 * the expiry reminders and the expiry itself. Both are idempotent, so a retried activity changes nothing.
 */
@Injectable()
export class CertificateLifecycleService implements EvaluationCertificateActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  activities(): EvaluationCertificateActivities {
    return { sendExpiryNotice: this.sendExpiryNotice.bind(this), expireCertificate: this.expireCertificate.bind(this) };
  }

  async sendExpiryNotice(input: { certificateId: string; kind: 'reminder' | 'notice'; daysBefore: number }) {
    await this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(CertificateEntity, { where: { id: input.certificateId } });
      // Revoked or superseded meanwhile: nobody needs to hear it is ending.
      if (certificate?.status !== 'valid') return;
      await this.outbox.append(
        manager,
        EvaluationEvents.certificateExpiryNotice,
        {
          certificateId: certificate.id,
          number: certificate.number,
          productId: certificate.productId,
          productName: certificate.productName,
          producerId: certificate.producerId,
          producerName: certificate.producerName,
          provinceCode: certificate.provinceCode,
          communeCode: certificate.communeCode,
          validUntil: certificate.validUntil,
          kind: input.kind,
          daysBefore: input.daysBefore,
        },
        { id: deterministicUuid(`certificate-expiry-notice/${certificate.id}/${input.kind}`) },
      );
    });
  }

  /** Ends a certificate whose last valid day is before `asOf`; one already ended is left alone. */
  async expireCertificate(input: { certificateId: string; asOf: string }): Promise<{ expired: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(CertificateEntity, {
        where: { id: input.certificateId, status: 'valid', validUntil: LessThan(input.asOf) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!certificate) return { expired: false };
      const before = { ...certificate };
      Object.assign(certificate, { status: 'expired', endedOn: addDays(certificate.validUntil, 1) });
      await manager.update(
        CertificateEntity,
        { id: certificate.id },
        { status: 'expired', endedOn: certificate.endedOn },
      );
      await recordChanges(manager, [
        {
          entityType: 'certificate',
          entityId: certificate.id,
          action: 'expired',
          changes: diffFields(before, certificate, CERTIFICATE_FIELDS),
          changedBy: TIMER_ACTOR,
          unitCode: certificate.communeCode,
          provinceCode: certificate.provinceCode,
        },
      ]);
      await this.outbox.append(manager, EvaluationEvents.certificateExpired, {
        certificateId: certificate.id,
        number: certificate.number,
        productId: certificate.productId,
        provinceCode: certificate.provinceCode,
        expiredOn: certificate.endedOn!,
      });
      return { expired: true };
    });
  }
}

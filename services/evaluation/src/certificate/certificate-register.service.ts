import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { dateInVietnam, EvaluationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import type { DecisionEntity } from '../decision/decision.entity';
import { DecisionErrors } from '../decision/decision.errors';
import { DecisionService } from '../decision/decision.service';
import { ProductIntakeEntity } from '../product-intake/product-intake.entity';
import { certificateExpiry } from '../regulation/regulation.rules';
import { RegulationService } from '../regulation/regulation.service';
import { CERTIFICATE_FIELDS } from './certificate-lifecycle.service';
import { CertificateEntity } from './certificate.entity';
import { certificateIssuedData } from './certificate.rules';
import type { RecordRegisterDto } from './dto/certificate-register.dto';

export interface RecordedRegister {
  decision: DecisionEntity;
  certificates: CertificateEntity[];
}

/**
 * Certificates issued before the platform (OCOP.md §5.5), recorded from the province's register so that
 * their products can be re-evaluated or upgraded here: one recognition decision and its certificates, all
 * or nothing. Each product must be registered and not yet in the platform's cycle (stage `idea`); its
 * certificate is announced like any other (`certificate.issued`, source `register`), so registration
 * shows it certified and its workflow takes the validity's timers (one already past expires at once).
 */
@Injectable()
export class CertificateRegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly decisions: DecisionService,
    private readonly regulations: RegulationService,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(user: AuthUser, dto: RecordRegisterDto): Promise<RecordedRegister> {
    const { decision: decisionDto } = dto;
    const today = dateInVietnam(new Date());
    if (decisionDto.decisionDate > today)
      throw new AppException(DecisionErrors.DECISION_DATE_IN_FUTURE, { decisionDate: decisionDto.decisionDate, today });
    const productIds = new Set<string>();
    const numbers = new Set<string>();
    for (const entry of dto.certificates) {
      if (productIds.has(entry.productId))
        throw new AppException(DecisionErrors.REGISTER_PRODUCT_REPEATED, { productId: entry.productId });
      if (numbers.has(entry.number))
        throw new AppException(DecisionErrors.CERTIFICATE_NUMBER_TAKEN, { number: entry.number });
      productIds.add(entry.productId);
      numbers.add(entry.number);
      if (entry.validUntil !== undefined && entry.validUntil < decisionDto.decisionDate)
        throw new AppException(DecisionErrors.VALID_UNTIL_BEFORE_DECISION, {
          number: entry.number,
          validUntil: entry.validUntil,
          decisionDate: decisionDto.decisionDate,
        });
    }

    return this.dataSource.transaction(async (manager) => {
      // Locked: a product entering a round or getting another certificate meanwhile waits for this one.
      const intakes = await manager.find(ProductIntakeEntity, {
        where: { productId: In([...productIds]) },
        lock: { mode: 'pessimistic_write' },
      });
      const intakeOf = new Map(intakes.map((intake) => [intake.productId, intake]));
      const unknown = dto.certificates.find((entry) => !intakeOf.has(entry.productId));
      if (unknown) throw new AppException(DecisionErrors.REGISTER_PRODUCT_UNKNOWN, { productId: unknown.productId });
      // Once per commune: a register's products share a few.
      for (const communeCode of new Set(intakes.map((intake) => intake.communeCode)))
        await this.jurisdiction.assertWithin(user, communeCode);
      const { provinceCode } = intakeOf.get(dto.certificates[0]!.productId)!;
      for (const intake of intakes) {
        if (intake.provinceCode !== provinceCode)
          throw new AppException(DecisionErrors.REGISTER_PROVINCES_DIFFER, {
            productId: intake.productId,
            provinceCode: intake.provinceCode,
            expected: provinceCode,
          });
        if (intake.stage !== 'idea')
          throw new AppException(DecisionErrors.REGISTER_PRODUCT_IN_CYCLE, {
            productId: intake.productId,
            stage: intake.stage,
          });
      }
      const held = await manager.findOne(CertificateEntity, { where: { productId: In([...productIds]) } });
      if (held)
        throw new AppException(DecisionErrors.REGISTER_PRODUCT_CERTIFIED, {
          productId: held.productId,
          number: held.number,
        });
      const taken = await manager.findOne(CertificateEntity, { where: { number: In([...numbers]) } });
      if (taken) throw new AppException(DecisionErrors.CERTIFICATE_NUMBER_TAKEN, { number: taken.number });

      const { version } = await this.regulations.inForce(decisionDto.decisionDate, provinceCode);
      const decision = await this.decisions.insertDecision(manager, user, null, {
        ...decisionDto,
        kind: 'recognition',
        provinceCode,
      });
      const seriesYear = Number(decisionDto.decisionDate.slice(0, 4));
      const certificates = dto.certificates.map((entry) => {
        const intake = intakeOf.get(entry.productId)!;
        return manager.create(CertificateEntity, {
          number: entry.number,
          issuingUnitCode: decision.issuingUnitCode,
          seriesYear,
          sequence: null,
          source: 'register',
          productId: intake.productId,
          productName: intake.name,
          producerId: intake.producerId,
          producerName: intake.producerName,
          group: intake.group,
          provinceCode: intake.provinceCode,
          communeCode: intake.communeCode,
          stars: entry.stars,
          level: decision.level,
          kind: entry.kind ?? 'new',
          issuerName: decision.issuerName,
          versionCode: version.code,
          decisionId: decision.id,
          roundId: null,
          issuedOn: decision.decisionDate,
          validUntil: entry.validUntil ?? certificateExpiry(version, decision.decisionDate),
          // Stored valid even when its last day is past: the product's workflow expires it at once, by the
          // same path as any other expiry (readers already see it as expired).
          status: 'valid',
          supersedes: null,
          supersededBy: null,
          revocationDecisionId: null,
          revocationReason: null,
          endedOn: null,
        });
      });
      await manager.insert(CertificateEntity, certificates);
      await recordChanges(
        manager,
        certificates.map((certificate) => ({
          entityType: 'certificate',
          entityId: certificate.id,
          action: 'recorded_from_register',
          changes: diffFields(null, certificate, CERTIFICATE_FIELDS),
          changedBy: user.id,
          unitCode: certificate.communeCode,
          provinceCode: certificate.provinceCode,
        })),
      );
      await this.outbox.appendMany(
        manager,
        EvaluationEvents.certificateIssued,
        certificates.map((certificate) => ({ data: certificateIssuedData(certificate) })),
      );
      return { decision, certificates };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EvaluationEvents, type EventData } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges, type ChangeInput } from '@ocop/persistence';
import { CERTIFICATE_FIELDS } from '../certificate/certificate-lifecycle.service';
import { CertificateEntity } from '../certificate/certificate.entity';
import { certificateIssuedData, certificateNumber } from '../certificate/certificate.rules';
import { certificateExpiry, type Outcome } from '../regulation/regulation.rules';
import { RegulationService } from '../regulation/regulation.service';
import { RoundEntity, RoundEntryEntity } from '../round/round.entity';
import { RoundErrors } from '../round/round.errors';
import { RoundPhaseService } from '../round/round-phase.service';
import { RoundService } from '../round/round.service';
import type { DecideRoundDto } from './dto/decision.dto';
import { DecisionEntity } from './decision.entity';
import { DecisionErrors } from './decision.errors';

const NOT_PASSED_FEEDBACK: Record<Extract<Outcome, { kind: 'not_passed' }>['reason'], string> = {
  below_certified_stars:
    'Sản phẩm chưa đạt 50 điểm (3 sao); đề nghị hoàn thiện theo góp ý của hội đồng và đăng ký lại.',
  mandatory_criterion_missed:
    'Sản phẩm chưa đáp ứng tiêu chí bắt buộc của hạng sao; đề nghị bổ sung hồ sơ, minh chứng.',
  not_recognised_here: 'Số sao đạt được không thuộc thẩm quyền công nhận của cấp này.',
};

export interface RoundDecisionResult {
  decision: DecisionEntity;
  certificates: CertificateEntity[];
  forwarded: string[];
  notPassed: string[];
}

/**
 * The round's decision (quyết định công nhận, OCOP.md §5.4-5.5): with quorum, every product scored and
 * no unresolved spread, it issues the certificates of recognised products (superseding older ones),
 * forwards the products the next level must see, and returns feedback for the others. All or nothing.
 */
@Injectable()
export class DecisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly rounds: RoundService,
    private readonly phases: RoundPhaseService,
    private readonly regulations: RegulationService,
  ) {}

  async decideRound(user: AuthUser, roundId: string, dto: DecideRoundDto): Promise<RoundDecisionResult> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, user, roundId);
      this.rounds.assertPhase(round, 'decide');
      await this.phases.assertQuorum(manager, round);
      if (dto.decisionDate < round.meetingDate)
        throw new AppException(DecisionErrors.DECISION_DATE_INVALID, {
          decisionDate: dto.decisionDate,
          meetingDate: round.meetingDate,
        });
      const entries = await manager.find(RoundEntryEntity, { where: { roundId }, order: { productName: 'ASC' } });
      const unscored = entries.filter((entry) => entry.outcome === null);
      if (unscored.length > 0)
        throw new AppException(
          RoundErrors.ROUND_PRODUCTS_UNSCORED,
          { count: unscored.length, products: unscored.map((entry) => entry.productName).join(', ') },
          { productIds: unscored.map((entry) => entry.productId) },
        );
      const flagged = entries.filter((entry) => entry.flagged);
      if (flagged.length > 0)
        throw new AppException(
          RoundErrors.ROUND_SPREAD_UNRESOLVED,
          { count: flagged.length, threshold: round.spreadThreshold },
          { productIds: flagged.map((entry) => entry.productId) },
        );
      const decision = await this.insertDecision(manager, user, round, dto);
      const recognised = entries.filter((entry) => entry.outcome!.kind === 'recognised');
      const certificates = await this.issueCertificates(manager, user, round, decision, recognised);
      const stillCertified = await this.productsWithValidCertificate(
        manager,
        entries.filter((entry) => entry.outcome!.kind === 'not_passed').map((entry) => entry.productId),
      );
      const totals = await this.memberTotals(manager, roundId);
      const forwardedEvents: EventData<typeof EvaluationEvents.productForwarded>[] = [];
      const notPassedEvents: EventData<typeof EvaluationEvents.productNotPassed>[] = [];
      const feedbackOf = new Map<string, string>();
      for (const entry of entries) {
        const outcome = entry.outcome!;
        if (outcome.kind === 'forwarded') {
          forwardedEvents.push({
            roundId,
            productId: entry.productId,
            from: outcome.from,
            to: outcome.to,
            score: entry.score!,
            stars: outcome.stars,
            decisionId: decision.id,
            minutesRef: dto.minutesRef,
            memberTotals: totals.get(entry.productId) ?? [],
            dossierRef: `registration:dossier/${entry.productId}`,
          });
        } else if (outcome.kind === 'not_passed') {
          const feedback = dto.feedback?.[entry.productId] ?? NOT_PASSED_FEEDBACK[outcome.reason];
          feedbackOf.set(entry.id, feedback);
          notPassedEvents.push({
            roundId,
            productId: entry.productId,
            level: outcome.level,
            score: entry.score!,
            stars: outcome.stars,
            reason: outcome.reason,
            feedback,
            hasValidCertificate: stillCertified.has(entry.productId),
          });
        }
      }
      // A round of hundreds of products: one statement per kind of write, not one per product.
      if (feedbackOf.size > 0)
        await manager.query(
          `UPDATE ${manager.getRepository(RoundEntryEntity).metadata.tablePath} AS entry SET feedback = batch.feedback
             FROM unnest($1::uuid[], $2::text[]) AS batch(id, feedback) WHERE entry.id = batch.id`,
          [[...feedbackOf.keys()], [...feedbackOf.values()]],
        );
      await recordChanges(manager, [
        ...forwardedEvents.map((event) =>
          this.entryChange(user, round, event.productId, 'forwarded', decision, {
            score: [null, event.score],
            stars: [null, event.stars],
            to: [null, event.to],
          }),
        ),
        ...notPassedEvents.map((event) =>
          this.entryChange(user, round, event.productId, 'not_passed', decision, {
            score: [null, event.score],
            stars: [null, event.stars],
            reason: [null, event.reason],
            feedback: [null, event.feedback],
          }),
        ),
      ]);
      await this.outbox.appendMany(
        manager,
        EvaluationEvents.productForwarded,
        forwardedEvents.map((data) => ({ data })),
      );
      await this.outbox.appendMany(
        manager,
        EvaluationEvents.productNotPassed,
        notPassedEvents.map((data) => ({ data })),
      );
      const forwarded = forwardedEvents.map((event) => event.productId);
      const notPassed = notPassedEvents.map((event) => event.productId);
      await this.phases.changePhase(manager, user.id, round, 'decided');
      await this.outbox.append(manager, EvaluationEvents.roundDecided, {
        roundId,
        decisionId: decision.id,
        decisionNumber: decision.number,
        decisionDate: decision.decisionDate,
        recognised: certificates.length,
        forwarded: forwarded.length,
        notPassed: notPassed.length,
      });
      return { decision, certificates, forwarded, notPassed };
    });
  }

  /** A product's outcome in the decided round (a recognised one is its certificate's `issued` row). */
  private entryChange(
    user: AuthUser,
    round: RoundEntity,
    productId: string,
    action: string,
    decision: DecisionEntity,
    changes: ChangeInput['changes'],
  ): ChangeInput {
    return {
      entityType: 'round_entry',
      entityId: `${round.id}/${productId}`,
      action,
      changes: { ...changes, decisionNumber: [null, decision.number] },
      changedBy: user.id,
      unitCode: round.provinceCode,
    };
  }

  async insertDecision(
    manager: EntityManager,
    user: AuthUser,
    round: Pick<RoundEntity, 'id' | 'level' | 'unitCode' | 'provinceCode'> | null,
    dto: Pick<DecideRoundDto, 'number' | 'decisionDate' | 'signerName' | 'signerTitle' | 'issuerName'> & {
      minutesRef?: string | null;
      kind?: DecisionEntity['kind'];
      revocationReason?: DecisionEntity['revocationReason'];
      level?: DecisionEntity['level'];
      issuingUnitCode?: string;
      provinceCode?: string;
    },
  ): Promise<DecisionEntity> {
    const issuingUnitCode = dto.issuingUnitCode ?? round!.unitCode;
    const number = dto.number.trim();
    if (await manager.exists(DecisionEntity, { where: { issuingUnitCode, number } }))
      throw new AppException(DecisionErrors.DECISION_NUMBER_TAKEN, { number, issuingUnitCode });
    const decision = manager.create(DecisionEntity, {
      kind: dto.kind ?? 'recognition',
      number,
      decisionDate: dto.decisionDate,
      signerName: dto.signerName.trim(),
      signerTitle: dto.signerTitle.trim(),
      level: dto.level ?? round!.level,
      issuingUnitCode,
      issuerName: dto.issuerName.trim(),
      provinceCode: dto.provinceCode ?? round!.provinceCode,
      roundId: round?.id ?? null,
      revocationReason: dto.revocationReason ?? null,
      minutesRef: dto.minutesRef ?? null,
      createdBy: user.id,
    });
    await manager.insert(DecisionEntity, decision);
    await recordChanges(manager, [
      {
        entityType: 'decision',
        entityId: decision.id,
        action: 'created',
        changes: diffFields(null, decision, [
          'kind',
          'number',
          'decisionDate',
          'signerName',
          'issuingUnitCode',
          'roundId',
        ]),
        changedBy: user.id,
        unitCode: decision.provinceCode,
      },
    ]);
    return decision;
  }

  private async issueCertificates(
    manager: EntityManager,
    user: AuthUser,
    round: RoundEntity,
    decision: DecisionEntity,
    entries: RoundEntryEntity[],
  ): Promise<CertificateEntity[]> {
    if (entries.length === 0) return [];
    const version = this.regulations.version(round.versionCode);
    const year = Number(decision.decisionDate.slice(0, 4));
    const first = await this.allocate(manager, decision.issuingUnitCode, year, entries.length);
    const previous = await manager.find(CertificateEntity, {
      where: { productId: In(entries.map((entry) => entry.productId)), status: 'valid' },
      lock: { mode: 'pessimistic_write' },
    });
    const validUntil = certificateExpiry(version, decision.decisionDate);
    const certificates = entries.map((entry, index) =>
      manager.create(CertificateEntity, {
        number: certificateNumber(decision.issuingUnitCode, year, first + index),
        issuingUnitCode: decision.issuingUnitCode,
        seriesYear: year,
        sequence: first + index,
        productId: entry.productId,
        productName: entry.productName,
        producerId: entry.producerId,
        producerName: entry.producerName,
        group: entry.group,
        provinceCode: round.provinceCode,
        communeCode: entry.communeCode,
        stars: entry.outcome!.stars,
        level: round.level,
        kind: entry.kind,
        issuerName: decision.issuerName,
        versionCode: round.versionCode,
        decisionId: decision.id,
        roundId: round.id,
        source: 'round',
        issuedOn: decision.decisionDate,
        validUntil,
        status: 'valid',
        supersedes: previous.find((old) => old.productId === entry.productId)?.id ?? null,
        supersededBy: null,
        revocationDecisionId: null,
        revocationReason: null,
        endedOn: null,
      }),
    );
    await manager.insert(CertificateEntity, certificates);
    const changes: ChangeInput[] = certificates.map((certificate) => ({
      entityType: 'certificate',
      entityId: certificate.id,
      action: 'issued',
      changes: diffFields(null, certificate, CERTIFICATE_FIELDS),
      changedBy: user.id,
      unitCode: certificate.communeCode,
      provinceCode: certificate.provinceCode,
    }));
    for (const old of previous) {
      const replacement = certificates.find((certificate) => certificate.productId === old.productId)!;
      const before = { ...old };
      Object.assign(old, { status: 'superseded', supersededBy: replacement.id, endedOn: decision.decisionDate });
      await manager.update(
        CertificateEntity,
        { id: old.id },
        { status: 'superseded', supersededBy: replacement.id, endedOn: decision.decisionDate },
      );
      changes.push({
        entityType: 'certificate',
        entityId: old.id,
        action: 'superseded',
        changes: diffFields(before, old, CERTIFICATE_FIELDS),
        changedBy: user.id,
        unitCode: old.communeCode,
        provinceCode: old.provinceCode,
      });
      await this.outbox.append(manager, EvaluationEvents.certificateSuperseded, {
        certificateId: old.id,
        number: old.number,
        productId: old.productId,
        supersededBy: replacement.id,
        supersededOn: decision.decisionDate,
      });
    }
    await recordChanges(manager, changes);
    await this.outbox.appendMany(
      manager,
      EvaluationEvents.certificateIssued,
      certificates.map((certificate) => ({ data: certificateIssuedData(certificate) })),
    );
    return certificates;
  }

  /** Reserves `count` numbers of an issuing unit's series for a year; the row stays locked until commit. */
  private async allocate(
    manager: EntityManager,
    issuingUnitCode: string,
    year: number,
    count: number,
  ): Promise<number> {
    const [row] = await manager.query<{ last_sequence: number }[]>(
      `INSERT INTO evaluation.certificate_series (issuing_unit_code, series_year, last_sequence) VALUES ($1, $2, $3)
       ON CONFLICT (issuing_unit_code, series_year)
       DO UPDATE SET last_sequence = certificate_series.last_sequence + EXCLUDED.last_sequence
       RETURNING last_sequence`,
      [issuingUnitCode, year, count],
    );
    return row!.last_sequence - count + 1;
  }

  /** Each product's submitted members' totals, ascending: the scores in a forwarded product's package. */
  private async memberTotals(manager: EntityManager, roundId: string): Promise<Map<string, number[]>> {
    const rows = await manager.query<{ product_id: string; total: string }[]>(
      `SELECT product_id, total FROM evaluation.scorecard
        WHERE round_id = $1 AND status = 'submitted' ORDER BY product_id, total`,
      [roundId],
    );
    const totals = new Map<string, number[]>();
    for (const row of rows) totals.set(row.product_id, [...(totals.get(row.product_id) ?? []), Number(row.total)]);
    return totals;
  }

  private async productsWithValidCertificate(manager: EntityManager, productIds: string[]): Promise<Set<string>> {
    if (productIds.length === 0) return new Set();
    const rows = await manager.find(CertificateEntity, {
      where: { productId: In(productIds), status: 'valid' },
      select: { productId: true },
    });
    return new Set(rows.map((row) => row.productId));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { addDays, dateInVietnam, EvaluationEvents, NATIONAL_UNIT_CODE, type RoundPhase } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { CertificateEntity } from '../certificate/certificate.entity';
import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { CouncilErrors } from '../council/council.service';
import { checkQuorum, type QuorumCheck } from '../council/council.rules';
import { CriteriaSetService } from '../criteria-set/criteria-set.service';
import { ProductIntakeEntity } from '../product-intake/product-intake.entity';
import { RegulationService } from '../regulation/regulation.service';
import { ScorecardEntity } from '../scorecard/scorecard.entity';
import type { CreateRoundDto, EnterProductDto, UpdateRoundDto } from './dto/round.dto';
import { RankingService } from './ranking.service';
import { RoundPhaseService } from './round-phase.service';
import { RoundAttendanceEntity, RoundEntity, RoundEntryEntity, RecusalEntity } from './round.entity';
import { RoundErrors } from './round.errors';
import { canMoveRound, phaseAllows, type PhaseAction } from './round.rules';

/** Phases in which a product counts as being in a round (it cannot enter another). */
const ACTIVE_PHASES: RoundPhase[] = ['draft', 'open', 'scoring', 'deliberation'];
/** Minimum days between the dossier deadline and the meeting: dossiers reach members in time (OCOP.md §5.4). */
const DOSSIER_LEAD_DAYS = 2;

const PHASE_ACTION_NAMES: Record<PhaseAction, string> = {
  editRound: 'edit the round',
  enterProducts: 'add or remove products',
  recordAttendance: 'record attendance',
  declareInterest: 'declare an interest',
  score: 'score',
  decide: 'decide',
};

@Injectable()
export class RoundService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly regulations: RegulationService,
    private readonly criteriaSets: CriteriaSetService,
    private readonly ranking: RankingService,
    private readonly phases: RoundPhaseService,
  ) {}

  async create(user: AuthUser, dto: CreateRoundDto): Promise<RoundEntity> {
    const council = await this.dataSource.getRepository(CouncilEntity).findOne({ where: { id: dto.councilId } });
    if (!council) throw new AppException(CouncilErrors.COUNCIL_NOT_FOUND, { councilId: dto.councilId });
    await this.jurisdiction.assertWithin(user, council.provinceCode);
    const scoringDeadline = dto.scoringDeadline ?? addDays(dto.meetingDate, 7);
    this.assertDates(dto.dossierDeadline, dto.meetingDate, scoringDeadline);
    const { version } = await this.regulations.inForce(
      dto.meetingDate,
      council.provinceCode === NATIONAL_UNIT_CODE ? undefined : council.provinceCode,
    );
    if (!version.levels.some((rule) => rule.level === council.level))
      throw new AppException(RoundErrors.ROUND_LEVEL_NOT_IN_VERSION, {
        versionCode: version.code,
        level: council.level,
      });
    return this.dataSource.transaction(async (manager) => {
      const round = manager.create(RoundEntity, {
        name: dto.name.trim(),
        level: council.level,
        unitCode: council.unitCode,
        provinceCode: council.provinceCode,
        councilId: council.id,
        versionCode: version.code,
        dossierDeadline: dto.dossierDeadline,
        meetingDate: dto.meetingDate,
        scoringDeadline,
        phase: 'draft',
        aggregation: dto.aggregation ?? 'mean',
        spreadThreshold: dto.spreadThreshold ?? 10,
        revision: 1,
        createdBy: user.id,
      });
      await manager.insert(RoundEntity, round);
      await this.record(manager, user, round, 'created', diffFields(null, round, ROUND_FIELDS));
      return round;
    });
  }

  async update(user: AuthUser, roundId: string, dto: UpdateRoundDto): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, user, roundId);
      this.assertPhase(round, 'editRound');
      const before = { ...round };
      Object.assign(round, {
        name: dto.name?.trim() ?? round.name,
        dossierDeadline: dto.dossierDeadline ?? round.dossierDeadline,
        meetingDate: dto.meetingDate ?? round.meetingDate,
        scoringDeadline: dto.scoringDeadline ?? round.scoringDeadline,
        aggregation: dto.aggregation ?? round.aggregation,
        spreadThreshold: dto.spreadThreshold ?? round.spreadThreshold,
      });
      this.assertDates(round.dossierDeadline, round.meetingDate, round.scoringDeadline);
      const changes = diffFields(before, round, ROUND_FIELDS);
      if (Object.keys(changes).length === 0) return round;
      round.revision += 1;
      await manager.save(RoundEntity, round);
      await this.record(manager, user, round, 'updated', changes);
      if (changes['dossierDeadline'] || changes['meetingDate'] || changes['scoringDeadline'])
        await this.outbox.append(manager, EvaluationEvents.roundScheduleChanged, {
          roundId: round.id,
          dossierDeadline: round.dossierDeadline,
          meetingDate: round.meetingDate,
          scoringDeadline: round.scoringDeadline,
        });
      return round;
    });
  }

  async get(user: AuthUser, roundId: string): Promise<RoundEntity> {
    const round = await this.dataSource.getRepository(RoundEntity).findOne({ where: { id: roundId } });
    if (!round) throw new AppException(RoundErrors.ROUND_NOT_FOUND, { roundId });
    await this.jurisdiction.assertWithin(user, round.provinceCode);
    return round;
  }

  async list(user: AuthUser, filter: { province?: string; phase?: RoundPhase; year?: number }): Promise<RoundEntity[]> {
    const { provinceCode: province } = await this.jurisdiction.listScope(user, filter.province);
    const query = this.dataSource.getRepository(RoundEntity).createQueryBuilder('round');
    if (province) query.andWhere('round.province_code = :province', { province });
    if (filter.phase) query.andWhere('round.phase = :phase', { phase: filter.phase });
    if (filter.year)
      query.andWhere('round.meeting_date BETWEEN :from AND :to', {
        from: `${filter.year}-01-01`,
        to: `${filter.year}-12-31`,
      });
    return query.orderBy('round.meeting_date', 'DESC').addOrderBy('round.name', 'ASC').limit(500).getMany();
  }

  async entries(user: AuthUser, roundId: string): Promise<RoundEntryEntity[]> {
    await this.get(user, roundId);
    return this.dataSource.getRepository(RoundEntryEntity).find({ where: { roundId }, order: { productName: 'ASC' } });
  }

  /**
   * Moves the round to its next phase. Deliberation needs quorum and ranks every product from the
   * submitted scorecards; the decided phase is reached only through a decision.
   */
  async move(user: AuthUser, roundId: string, to: RoundPhase, expectedRevision?: number): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, user, roundId);
      if (expectedRevision !== undefined && expectedRevision !== round.revision)
        throw new AppException(RoundErrors.ROUND_CHANGED_CONCURRENTLY);
      if (!canMoveRound(round.phase, to) || to === 'decided')
        throw new AppException(RoundErrors.ROUND_PHASE_TRANSITION_INVALID, { from: round.phase, to });
      if (to === 'scoring' && round.phase === 'open') {
        if (!(await manager.exists(RoundEntryEntity, { where: { roundId } })))
          throw new AppException(RoundErrors.ROUND_EMPTY);
      }
      if (to === 'deliberation') {
        await this.phases.assertQuorum(manager, round);
        await this.ranking.rankAll(manager, round);
      }
      await this.phases.changePhase(manager, user.id, round, to);
      return round;
    });
  }

  /**
   * A product enters the round: new (pre-assessed by its commune, or forwarded from the level below),
   * upgrade or re-evaluation (it holds a certificate). The criteria set is pinned now.
   */
  async enterProduct(user: AuthUser, roundId: string, dto: EnterProductDto): Promise<RoundEntryEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, user, roundId);
      this.assertPhase(round, 'enterProducts');
      const today = dateInVietnam(new Date());
      const late = today > round.dossierDeadline;
      if (late && !dto.lateEntryReason)
        throw new AppException(RoundErrors.ROUND_DOSSIER_DEADLINE_PASSED, { deadline: round.dossierDeadline });
      const intake = await manager.findOne(ProductIntakeEntity, {
        where: { productId: dto.productId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!intake) throw new AppException(RoundErrors.PRODUCT_NOT_IN_EVALUATION, { productId: dto.productId });
      if (round.provinceCode !== NATIONAL_UNIT_CODE && intake.provinceCode !== round.provinceCode)
        throw new AppException(RoundErrors.PRODUCT_OUTSIDE_ROUND_UNIT, {
          productId: dto.productId,
          provinceCode: round.provinceCode,
        });
      const busy = await manager
        .createQueryBuilder(RoundEntryEntity, 'entry')
        .innerJoin(RoundEntity, 'round', 'round.id = entry.round_id')
        .where('entry.product_id = :productId', { productId: dto.productId })
        .andWhere('round.phase IN (:...phases)', { phases: ACTIVE_PHASES })
        .select('entry.round_id', 'roundId')
        .getRawOne<{ roundId: string }>();
      if (busy) throw new AppException(RoundErrors.PRODUCT_ALREADY_IN_ROUND, { productId: dto.productId, ...busy });

      const previousCertificateId = await this.assertEligible(manager, round, intake, dto.kind);
      const forwardedFrom = dto.kind === 'new' ? await this.forwardedFrom(manager, round, intake) : null;
      const { criteriaVersion } = this.regulations.version(round.versionCode);
      const set = await this.criteriaSets.latestFor(criteriaVersion, intake.group, intake.subgroup, manager);
      const entry = manager.create(RoundEntryEntity, {
        roundId,
        productId: intake.productId,
        kind: dto.kind,
        criteriaSetId: set.id,
        productName: intake.name,
        producerId: intake.producerId,
        producerName: intake.producerName,
        group: intake.group,
        communeCode: intake.communeCode,
        previousCertificateId,
        forwardedFromRoundId: forwardedFrom,
        enteredBy: user.id,
      });
      await manager.insert(RoundEntryEntity, entry);
      await this.record(manager, user, round, late ? 'product_entered_late' : 'product_entered', {
        productId: [null, entry.productId],
        kind: [null, entry.kind],
        ...(late ? { lateEntryReason: [null, dto.lateEntryReason ?? null] } : {}),
      });
      await this.outbox.append(manager, EvaluationEvents.productEnteredRound, {
        roundId,
        productId: entry.productId,
        kind: entry.kind,
        level: round.level,
        provinceCode: intake.provinceCode,
        communeCode: intake.communeCode,
        enteredAt: new Date().toISOString(),
      });
      return entry;
    });
  }

  async removeProduct(user: AuthUser, roundId: string, productId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, user, roundId);
      this.assertPhase(round, 'enterProducts');
      const entry = await manager.findOne(RoundEntryEntity, { where: { roundId, productId } });
      if (!entry) throw new AppException(RoundErrors.PRODUCT_NOT_IN_ROUND, { roundId, productId });
      await manager.delete(RoundEntryEntity, { id: entry.id });
      await this.record(manager, user, round, 'product_removed', {
        productId: [productId, null],
        reason: [null, reason],
      });
      await this.outbox.append(manager, EvaluationEvents.productLeftRound, {
        roundId,
        productId,
        reason,
        hasValidCertificate:
          entry.previousCertificateId !== null && (await this.hasValidCertificate(manager, productId)),
        leftAt: new Date().toISOString(),
      });
    });
  }

  /** Records who of the council is present; returns the quorum it gives. */
  async recordAttendance(user: AuthUser, roundId: string, presentMemberIds: string[]): Promise<QuorumCheck> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, user, roundId);
      this.assertPhase(round, 'recordAttendance');
      const members = await manager.find(CouncilMemberEntity, { where: { councilId: round.councilId, active: true } });
      const unknown = presentMemberIds.find((id) => !members.some((member) => member.id === id));
      if (unknown) throw new AppException(RoundErrors.MEMBER_NOT_IN_COUNCIL, { memberId: unknown });
      const before = await manager.find(RoundAttendanceEntity, { where: { roundId, present: true } });
      await manager.delete(RoundAttendanceEntity, { roundId });
      await manager.insert(
        RoundAttendanceEntity,
        members.map((member) => ({
          roundId,
          memberId: member.id,
          present: presentMemberIds.includes(member.id),
          recordedBy: user.id,
        })),
      );
      await this.record(manager, user, round, 'attendance_recorded', {
        present: [before.map((row) => row.memberId).sort(), [...presentMemberIds].sort()],
      });
      return checkQuorum(members, presentMemberIds, await this.phases.quorumRule(manager, round));
    });
  }

  async quorum(user: AuthUser, roundId: string): Promise<QuorumCheck & { recorded: boolean }> {
    const round = await this.get(user, roundId);
    return this.phases.quorumOf(this.dataSource.manager, round);
  }

  /**
   * A member declares an interest in a product and will not score it. Members declare their own; the
   * secretary or the organiser may record one for a member.
   */
  async declareInterest(
    user: AuthUser,
    roundId: string,
    productId: string,
    reason: string,
    memberId?: string,
  ): Promise<RecusalEntity> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, user, roundId);
      this.assertPhase(round, 'declareInterest');
      const member = memberId
        ? await manager.findOne(CouncilMemberEntity, {
            where: { id: memberId, councilId: round.councilId, active: true },
          })
        : await manager.findOne(CouncilMemberEntity, {
            where: { userId: user.id, councilId: round.councilId, active: true },
          });
      if (!member) {
        if (memberId) throw new AppException(RoundErrors.MEMBER_NOT_IN_COUNCIL, { memberId });
        throw new AppException(RoundErrors.NOT_A_COUNCIL_MEMBER);
      }
      if (memberId && member.userId !== user.id && !isOrganiserOrSecretary(user))
        throw new AppException(RoundErrors.NOT_A_COUNCIL_MEMBER);
      if (!(await manager.exists(RoundEntryEntity, { where: { roundId, productId } })))
        throw new AppException(RoundErrors.PRODUCT_NOT_IN_ROUND, { roundId, productId });
      if (
        await manager.exists(ScorecardEntity, {
          where: { roundId, productId, memberId: member.id, status: 'submitted' },
        })
      )
        throw new AppException(RoundErrors.RECUSAL_AFTER_SCORING);
      await manager.delete(ScorecardEntity, { roundId, productId, memberId: member.id });
      const recusal = manager.create(RecusalEntity, {
        roundId,
        productId,
        memberId: member.id,
        reason,
        declaredBy: user.id,
      });
      await manager.upsert(RecusalEntity, recusal, ['roundId', 'productId', 'memberId']);
      await this.record(manager, user, round, 'interest_declared', {
        memberId: [null, member.id],
        productId: [null, productId],
        reason: [null, reason],
      });
      return recusal;
    });
  }

  async recusals(user: AuthUser, roundId: string): Promise<RecusalEntity[]> {
    await this.get(user, roundId);
    return this.dataSource.getRepository(RecusalEntity).find({ where: { roundId }, order: { declaredAt: 'ASC' } });
  }

  /** The round locked for this transaction, checked against the user's jurisdiction. */
  async lock(manager: EntityManager, user: AuthUser, roundId: string): Promise<RoundEntity> {
    const round = await manager.findOne(RoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw new AppException(RoundErrors.ROUND_NOT_FOUND, { roundId });
    await this.jurisdiction.assertWithin(user, round.provinceCode);
    return round;
  }

  assertPhase(round: RoundEntity, action: PhaseAction): void {
    if (!phaseAllows(round.phase, action))
      throw new AppException(RoundErrors.ROUND_PHASE_FORBIDS, {
        phase: round.phase,
        action: PHASE_ACTION_NAMES[action],
      });
  }

  private assertDates(dossierDeadline: string, meetingDate: string, scoringDeadline: string): void {
    if (addDays(dossierDeadline, DOSSIER_LEAD_DAYS) > meetingDate)
      throw new AppException(RoundErrors.ROUND_DATES_INVALID, {
        problem: `the dossier deadline must be at least ${DOSSIER_LEAD_DAYS} days before the meeting`,
      });
    if (scoringDeadline < meetingDate)
      throw new AppException(RoundErrors.ROUND_DATES_INVALID, {
        problem: 'the scoring deadline cannot be before the meeting',
      });
  }

  /** Checks the product may enter for this kind; returns the certificate an upgrade or re-evaluation renews. */
  private async assertEligible(
    manager: EntityManager,
    round: RoundEntity,
    intake: ProductIntakeEntity,
    kind: EnterProductDto['kind'],
  ): Promise<string | null> {
    const productId = intake.productId;
    if (kind === 'new') {
      const version = this.regulations.version(round.versionCode);
      const firstLevel = version.levels[0]!.level === round.level;
      const expected = firstLevel ? 'pre_assessed' : 'forwarded from the level below';
      const ready = firstLevel ? intake.stage === 'pre_assessed' : intake.stage === 'in_evaluation';
      if (!ready)
        throw new AppException(RoundErrors.PRODUCT_NOT_READY_FOR_ROUND, { productId, stage: intake.stage, expected });
      return null;
    }
    const certificate = await manager.findOne(CertificateEntity, {
      where: { productId, status: In(['valid', 'expired']) },
      order: { issuedOn: 'DESC' },
    });
    // An upgrade needs the certificate still valid when the council meets (for a round recorded after the
    // fact, its meeting date, not today); a re-evaluation renews a valid or an expired one.
    if (!certificate || (kind === 'upgrade' && certificate.validUntil < round.meetingDate))
      throw new AppException(RoundErrors.NO_CERTIFICATE_TO_RENEW, { productId, kind });
    return certificate.id;
  }

  /** For a new product above the first level: the lower round that forwarded it here. */
  private async forwardedFrom(
    manager: EntityManager,
    round: RoundEntity,
    intake: ProductIntakeEntity,
  ): Promise<string | null> {
    const version = this.regulations.version(round.versionCode);
    if (version.levels[0]!.level === round.level) return null;
    const forwarded = await manager
      .createQueryBuilder(RoundEntryEntity, 'entry')
      .where('entry.product_id = :productId', { productId: intake.productId })
      .andWhere("entry.outcome->>'kind' = 'forwarded' AND entry.outcome->>'to' = :level", { level: round.level })
      .andWhere('entry.round_id <> :roundId', { roundId: round.id })
      .orderBy('entry.entered_at', 'DESC')
      .getOne();
    if (!forwarded)
      throw new AppException(RoundErrors.PRODUCT_NOT_READY_FOR_ROUND, {
        productId: intake.productId,
        stage: intake.stage,
        expected: 'forwarded from the level below',
      });
    return forwarded.roundId;
  }

  private async hasValidCertificate(manager: EntityManager, productId: string): Promise<boolean> {
    return manager.exists(CertificateEntity, { where: { productId, status: 'valid' } });
  }

  private async record(
    manager: EntityManager,
    user: AuthUser,
    round: RoundEntity,
    action: string,
    changes: Parameters<typeof recordChanges>[1][number]['changes'],
  ): Promise<void> {
    await recordChanges(manager, [
      { entityType: 'round', entityId: round.id, action, changes, changedBy: user.id, unitCode: round.provinceCode },
    ]);
  }
}

const ROUND_FIELDS: Extract<keyof RoundEntity, string>[] = [
  'name',
  'level',
  'unitCode',
  'councilId',
  'versionCode',
  'dossierDeadline',
  'meetingDate',
  'scoringDeadline',
  'aggregation',
  'spreadThreshold',
];

function isOrganiserOrSecretary(user: AuthUser): boolean {
  return user.roles.some((role) =>
    ['district_officer', 'province_officer', 'ministry_officer', 'council_secretary', 'admin'].includes(role),
  );
}

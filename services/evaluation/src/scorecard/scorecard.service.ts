import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EvaluationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AccessLog, AppException, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges, type ChangeInput } from '@ocop/persistence';
import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { SCORING_ROLES } from '../council/council.rules';
import { scoreChoices, type CriteriaSetDocument, type ScoredChoices } from '../criteria-set/criteria-set.rules';
import { CriteriaSetService } from '../criteria-set/criteria-set.service';
import type { RoundProgressView } from '../round/dto/round.view';
import { RankingService } from '../round/ranking.service';
import { renderRoundScoresXlsx } from '../round/round-scores.workbook';
import { RecusalEntity, RoundAttendanceEntity, RoundEntity, RoundEntryEntity } from '../round/round.entity';
import { RoundErrors } from '../round/round.errors';
import { RoundPhaseService } from '../round/round-phase.service';
import { RoundService } from '../round/round.service';
import { GROUP_NAMES, LEVEL_NAMES, ROLE_NAMES } from '../vietnamese-labels';
import { ScorecardEntity } from './scorecard.entity';
import { ScorecardErrors } from './scorecard.errors';

function outcomeText(entry: RoundEntryEntity): string {
  const outcome = entry.outcome;
  if (!outcome) return 'Chưa đủ phiếu chấm';
  if (outcome.kind === 'recognised') return `Đạt ${outcome.stars} sao, công nhận ${LEVEL_NAMES[outcome.level]}`;
  if (outcome.kind === 'forwarded') return `Đạt ${outcome.stars} sao, đề nghị ${LEVEL_NAMES[outcome.to]} đánh giá`;
  return 'Không đạt';
}

const SCORECARD_FIELDS: Extract<keyof ScorecardEntity, string>[] = ['status', 'attempt', 'choices', 'total'];

interface MemberContext {
  round: RoundEntity;
  member: CouncilMemberEntity;
  entry: RoundEntryEntity;
  set: CriteriaSetDocument;
}

/**
 * A member scores each product alone, option by option (OCOP.md §5.4): drafts, then a submission
 * validated against the pinned criteria set. The last expected submission scores the product.
 */
@Injectable()
export class ScorecardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly rounds: RoundService,
    private readonly phases: RoundPhaseService,
    private readonly ranking: RankingService,
    private readonly criteriaSets: CriteriaSetService,
    private readonly accessLog: AccessLog,
  ) {}

  async saveDraft(user: AuthUser, roundId: string, productId: string, choices: Record<string, string>) {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.memberContext(manager, user, roundId, productId);
      const scored = this.validated(context.set, choices);
      const existing = await this.lockCard(manager, roundId, productId, context.member.id);
      if (existing?.status === 'submitted') throw new AppException(ScorecardErrors.SCORECARD_ALREADY_SUBMITTED);
      return this.write(manager, user, context, existing, 'draft', choices, scored);
    });
  }

  /** Submits the member's scorecard: with `choices`, or the saved draft's. */
  async submit(user: AuthUser, roundId: string, productId: string, choices?: Record<string, string>) {
    return this.dataSource.transaction(async (manager) => {
      const context = await this.memberContext(manager, user, roundId, productId);
      const existing = await this.lockCard(manager, roundId, productId, context.member.id);
      if (existing?.status === 'submitted') throw new AppException(ScorecardErrors.SCORECARD_ALREADY_SUBMITTED);
      const final = choices ?? existing?.choices;
      if (!final) throw new AppException(ScorecardErrors.SCORECARD_NOT_FOUND, { productId });
      const scored = this.validated(context.set, final);
      if (scored.missingCriteria.length > 0)
        throw new AppException(
          ScorecardErrors.SCORECARD_INCOMPLETE,
          { count: scored.missingCriteria.length, criteria: scored.missingCriteria.join(', ') },
          { missingCriteria: scored.missingCriteria },
        );
      const card = await this.write(manager, user, context, existing, 'submitted', final, scored);
      await this.outbox.append(manager, EvaluationEvents.scorecardSubmitted, {
        roundId,
        productId,
        memberId: context.member.id,
        attempt: card.attempt,
        total: scored.total,
        submittedAt: card.submittedAt!.toISOString(),
      });
      // Rank under the entry's lock, taken after this scorecard is written: a concurrent last submission
      // waits here until this one commits, then sees it, so the product is always scored once all are in.
      await manager.findOne(RoundEntryEntity, { where: { id: context.entry.id }, lock: { mode: 'pessimistic_write' } });
      await this.ranking.rankProduct(manager, context.round, productId);
      return card;
    });
  }

  /** The member's own scorecards in a round, and the products still waiting for them. */
  async mine(user: AuthUser, roundId: string) {
    const round = await this.dataSource.getRepository(RoundEntity).findOne({ where: { id: roundId } });
    if (!round) throw new AppException(RoundErrors.ROUND_NOT_FOUND, { roundId });
    const member = await this.memberOf(this.dataSource.manager, user, round);
    const [cards, standing] = await Promise.all([
      this.dataSource.getRepository(ScorecardEntity).find({ where: { roundId, memberId: member.id } }),
      this.ranking.standing(this.dataSource.manager, round),
    ]);
    const pending = standing
      .filter((entry) => entry.expected.includes(member.id))
      .filter((entry) => !cards.some((card) => card.productId === entry.productId && card.status === 'submitted'))
      .map((entry) => entry.productId);
    return { member, scorecards: cards, pendingProductIds: pending };
  }

  /** Every scorecard of a round (organisers, the secretary, the chair's view). */
  async ofRound(user: AuthUser, roundId: string, productId?: string): Promise<ScorecardEntity[]> {
    const round = await this.rounds.get(user, roundId);
    await this.assertChairOrStaff(user, round);
    return this.dataSource
      .getRepository(ScorecardEntity)
      .find({ where: { roundId, ...(productId ? { productId } : {}) }, order: { productId: 'ASC', memberId: 'ASC' } });
  }

  /**
   * Sends a flagged product back to the members whose totals are too far apart (OCOP.md §5.4): their
   * scorecards reopen as drafts with attempt + 1, the product's score is cleared until they resubmit.
   */
  async requestRescore(user: AuthUser, roundId: string, productId: string, reason: string) {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, user, roundId);
      await this.assertChairOrStaff(user, round);
      this.rounds.assertPhase(round, 'score');
      const [standing] = await this.ranking.standing(manager, round, [productId]);
      if (!standing) throw new AppException(RoundErrors.PRODUCT_NOT_IN_ROUND, { roundId, productId });
      if (standing.toRescore.length === 0) throw new AppException(ScorecardErrors.RESCORE_NOT_NEEDED, { productId });
      const cards = await manager.find(ScorecardEntity, {
        where: { roundId, productId, memberId: In(standing.toRescore) },
        lock: { mode: 'pessimistic_write' },
      });
      const changes: ChangeInput[] = [];
      for (const card of cards) {
        const before = { ...card };
        card.status = 'draft';
        card.attempt += 1;
        card.submittedAt = null;
        await manager.update(
          ScorecardEntity,
          { id: card.id },
          { status: 'draft', attempt: card.attempt, submittedAt: null },
        );
        changes.push(this.change(user, round, card, 'reopened', diffFields(before, card, SCORECARD_FIELDS)));
      }
      await recordChanges(manager, changes);
      await manager.update(
        RoundEntryEntity,
        { roundId, productId },
        { score: null, stars: null, starCap: null, outcome: null, flagged: true },
      );
      await this.outbox.append(manager, EvaluationEvents.scorecardsReopened, {
        roundId,
        productId,
        memberIds: standing.toRescore,
        reason,
      });
      return { productId, memberIds: standing.toRescore };
    });
  }

  /** The chair accepts a spread that remains after re-scoring; the note goes into the minutes. */
  async acceptSpread(user: AuthUser, roundId: string, productId: string, note: string) {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, user, roundId);
      this.rounds.assertPhase(round, 'score');
      const member = await manager.findOne(CouncilMemberEntity, {
        where: { councilId: round.councilId, userId: user.id, active: true },
      });
      if (member?.role !== 'chair') throw new AppException(ScorecardErrors.NOT_THE_CHAIR);
      const entry = await manager.findOne(RoundEntryEntity, { where: { roundId, productId } });
      if (!entry) throw new AppException(RoundErrors.PRODUCT_NOT_IN_ROUND, { roundId, productId });
      const [standing] = await this.ranking.standing(manager, round, [productId]);
      if (!standing || standing.toRescore.length === 0)
        throw new AppException(ScorecardErrors.RESCORE_NOT_NEEDED, { productId });
      const rescored = await manager.exists(ScorecardEntity, {
        where: { roundId, productId, memberId: In(standing.toRescore), status: 'submitted' },
      });
      const reopenedOnce = await manager
        .createQueryBuilder(ScorecardEntity, 'card')
        .where('card.round_id = :roundId AND card.product_id = :productId AND card.attempt > 1', { roundId, productId })
        .getExists();
      if (!rescored || !reopenedOnce) throw new AppException(ScorecardErrors.SPREAD_NOT_RESCORED, { productId });
      await manager.update(RoundEntryEntity, { id: entry.id }, { spreadAcceptedNote: note });
      entry.spreadAcceptedNote = note;
      await recordChanges(manager, [
        {
          entityType: 'round_entry',
          entityId: entry.id,
          action: 'spread_accepted',
          changes: { spreadAcceptedNote: [null, note] },
          changedBy: user.id,
          unitCode: round.provinceCode,
        },
      ]);
      await this.ranking.rankProduct(manager, round, productId);
      return manager.findOneOrFail(RoundEntryEntity, { where: { id: entry.id } });
    });
  }

  /** The chair's view: who has scored what, what is pending, which products wait for a re-score. */
  async progress(user: AuthUser, roundId: string): Promise<RoundProgressView> {
    const round = await this.rounds.get(user, roundId);
    await this.assertChairOrStaff(user, round);
    const manager = this.dataSource.manager;
    const [members, attendance, cards, entries, standing, quorum] = await Promise.all([
      manager.find(CouncilMemberEntity, {
        where: { councilId: round.councilId, active: true },
        order: { fullName: 'ASC' },
      }),
      manager.find(RoundAttendanceEntity, { where: { roundId, present: true } }),
      manager.find(ScorecardEntity, { where: { roundId }, select: { productId: true, memberId: true, status: true } }),
      manager.find(RoundEntryEntity, { where: { roundId }, order: { productName: 'ASC' } }),
      this.ranking.standing(manager, round),
      this.phases.quorumOf(manager, round),
    ]);
    const present = new Set(attendance.map((row) => row.memberId));
    const submitted = new Set(
      cards.filter((card) => card.status === 'submitted').map((card) => `${card.productId}:${card.memberId}`),
    );
    const memberViews = members
      .filter((member) => SCORING_ROLES.includes(member.role))
      .map((member) => {
        const assigned = standing.filter((entry) => entry.expected.includes(member.id));
        const pending = assigned
          .filter((entry) => !submitted.has(`${entry.productId}:${member.id}`))
          .map((entry) => entry.productId);
        return {
          memberId: member.id,
          fullName: member.fullName,
          role: member.role,
          present: present.has(member.id),
          assigned: assigned.length,
          submitted: assigned.length - pending.length,
          drafts: cards.filter((card) => card.memberId === member.id && card.status === 'draft').length,
          pendingProductIds: pending,
        };
      });
    const byProduct = new Map(standing.map((entry) => [entry.productId, entry]));
    return {
      roundId,
      phase: round.phase,
      quorum,
      members: memberViews,
      products: entries.map((entry) => {
        const ranking = byProduct.get(entry.productId)!;
        return {
          productId: entry.productId,
          productName: entry.productName,
          expected: ranking.expected.length,
          submitted: ranking.submitted.length,
          toRescore: ranking.toRescore,
          score: entry.score,
          stars: entry.stars,
        };
      }),
      pendingScorecards: memberViews.reduce((sum, member) => sum + member.pendingProductIds.length, 0),
    };
  }

  /** The round's scores as an XLSX sheet in the administrative layout. */
  async scoresWorkbook(user: AuthUser, roundId: string): Promise<{ round: RoundEntity; xlsx: Buffer }> {
    const round = await this.rounds.get(user, roundId);
    await this.assertChairOrStaff(user, round);
    const manager = this.dataSource.manager;
    const [council, members, cards, entries] = await Promise.all([
      manager.findOneOrFail(CouncilEntity, { where: { id: round.councilId } }),
      manager.find(CouncilMemberEntity, { where: { councilId: round.councilId }, order: { fullName: 'ASC' } }),
      manager.find(ScorecardEntity, { where: { roundId, status: 'submitted' } }),
      manager.find(RoundEntryEntity, { where: { roundId }, order: { productName: 'ASC' } }),
    ]);
    // A decided round shows who scored it (even if replaced since); a running one, today's council.
    const scoredHere = new Set(cards.map((card) => card.memberId));
    const decided = round.phase === 'decided' || round.phase === 'closed';
    const shown = members.filter((member) => (decided ? scoredHere.has(member.id) : member.active));
    const scoring = shown.filter((member) => SCORING_ROLES.includes(member.role));
    const totals = new Map(cards.map((card) => [`${card.productId}:${card.memberId}`, card.total]));
    const xlsx = await renderRoundScoresXlsx({
      issuerName: council.name,
      roundName: round.name,
      level: LEVEL_NAMES[round.level],
      versionCode: round.versionCode,
      meetingDate: round.meetingDate,
      members: shown.map((member) => ({ id: member.id, fullName: member.fullName, role: ROLE_NAMES[member.role] })),
      products: entries.map((entry) => ({
        productName: entry.productName,
        producerName: entry.producerName,
        groupName: GROUP_NAMES[entry.group],
        memberTotals: Object.fromEntries(
          scoring.map((member) => [member.id, totals.get(`${entry.productId}:${member.id}`) ?? null]),
        ),
        score: entry.score,
        stars: entry.stars,
        outcome: outcomeText(entry),
        flagged: entry.flagged,
      })),
      generatedAt: new Date().toISOString(),
    });
    await this.accessLog.exported(user, {
      entityType: 'round',
      entityId: round.id,
      unitCode: round.provinceCode,
      params: { format: 'xlsx', phase: round.phase },
    });
    return { round, xlsx };
  }

  /** Organisers, the secretary and auditors by role; among members, only the round council's chair. */
  private async assertChairOrStaff(user: AuthUser, round: RoundEntity): Promise<void> {
    const staff = user.roles.some((role) =>
      ['district_officer', 'province_officer', 'ministry_officer', 'council_secretary', 'auditor', 'admin'].includes(
        role,
      ),
    );
    if (staff) return;
    const member = await this.dataSource
      .getRepository(CouncilMemberEntity)
      .findOne({ where: { councilId: round.councilId, userId: user.id } });
    if (member?.role !== 'chair') throw new AppException(ScorecardErrors.NOT_THE_CHAIR);
  }

  private validated(set: CriteriaSetDocument, choices: Record<string, string>): ScoredChoices {
    const scored = scoreChoices(set, choices);
    const problems = [
      ...scored.unknownCriteria.map((code) => `unknown criterion ${code}`),
      ...scored.unknownOptions.map(({ criterion, option }) => `no option ${option} in ${criterion}`),
    ];
    if (problems.length > 0)
      throw new AppException(ScorecardErrors.SCORECARD_INVALID_CHOICE, { problems: problems.join('; ') }, { problems });
    return scored;
  }

  private async write(
    manager: EntityManager,
    user: AuthUser,
    context: MemberContext,
    existing: ScorecardEntity | null,
    status: ScorecardEntity['status'],
    choices: Record<string, string>,
    scored: ScoredChoices,
  ): Promise<ScorecardEntity> {
    const before = existing ? { ...existing } : null;
    const card =
      existing ??
      manager.create(ScorecardEntity, {
        roundId: context.round.id,
        productId: context.entry.productId,
        memberId: context.member.id,
        attempt: 1,
      });
    Object.assign(card, {
      status,
      choices,
      total: scored.total,
      partTotals: scored.partTotals,
      missedRequirements: scored.missedRequirements,
      submittedAt: status === 'submitted' ? new Date() : null,
    });
    await manager.save(ScorecardEntity, card);
    const action = status === 'submitted' ? 'submitted' : existing ? 'draft_saved' : 'created';
    await recordChanges(manager, [
      this.change(user, context.round, card, action, diffFields(before, card, SCORECARD_FIELDS)),
    ]);
    return card;
  }

  private change(
    user: AuthUser,
    round: RoundEntity,
    card: ScorecardEntity,
    action: string,
    changes: ChangeInput['changes'],
  ): ChangeInput {
    return {
      entityType: 'scorecard',
      entityId: card.id,
      action,
      changes,
      changedBy: user.id,
      unitCode: round.provinceCode,
    };
  }

  private async lockCard(manager: EntityManager, roundId: string, productId: string, memberId: string) {
    return manager.findOne(ScorecardEntity, {
      where: { roundId, productId, memberId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The scoring member behind the user, present and not recused, in a round that is scoring. Members
   * act by membership, not by the unit in their token. The round row is share-locked so a phase move
   * waits for scorecards in flight.
   */
  private async memberContext(
    manager: EntityManager,
    user: AuthUser,
    roundId: string,
    productId: string,
  ): Promise<MemberContext> {
    const round = await manager.findOne(RoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_read' } });
    if (!round) throw new AppException(RoundErrors.ROUND_NOT_FOUND, { roundId });
    const member = await this.memberOf(manager, user, round);
    this.rounds.assertPhase(round, 'score');
    const entry = await manager.findOne(RoundEntryEntity, { where: { roundId, productId } });
    if (!entry) throw new AppException(RoundErrors.PRODUCT_NOT_IN_ROUND, { roundId, productId });
    // One connection per transaction: its queries run one after the other.
    const present = await manager.exists(RoundAttendanceEntity, { where: { roundId, memberId: member.id, present: true } });
    const recused = await manager.exists(RecusalEntity, { where: { roundId, productId, memberId: member.id } });
    if (!present) throw new AppException(RoundErrors.MEMBER_NOT_PRESENT);
    if (recused) throw new AppException(RoundErrors.MEMBER_RECUSED);
    const set = await this.criteriaSets.document(entry.criteriaSetId, manager);
    return { round, member, entry, set };
  }

  private async memberOf(manager: EntityManager, user: AuthUser, round: RoundEntity): Promise<CouncilMemberEntity> {
    const member = await manager.findOne(CouncilMemberEntity, {
      where: { councilId: round.councilId, userId: user.id, active: true },
    });
    if (!member || !SCORING_ROLES.includes(member.role)) throw new AppException(RoundErrors.NOT_A_COUNCIL_MEMBER);
    return member;
  }
}

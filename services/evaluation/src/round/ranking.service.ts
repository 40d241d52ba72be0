import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { EvaluationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { SCORING_ROLES } from '../council/council.rules';
import { outcomeAt } from '../regulation/regulation.rules';
import { RegulationCatalog } from '../regulation/regulation.catalog';
import { ScorecardEntity } from '../scorecard/scorecard.entity';
import { RecusalEntity, RoundAttendanceEntity, RoundEntryEntity, type RoundEntity } from './round.entity';
import { aggregateTotals, membersToRescore, productStarCap } from './round.rules';

export interface EntryRanking {
  productId: string;
  /** Present, non-recused scoring members expected to score the product. */
  expected: string[];
  submitted: { memberId: string; total: number }[];
  /** Members whose totals are too far apart (they re-score). */
  toRescore: string[];
}

/**
 * Turns submitted scorecards into each product's score, stars and outcome (OCOP.md §5.3-5.4). A product is
 * scored when every expected member has submitted; at deliberation (`final`) also with fewer, as long as
 * the council's quorum share of them did. Reads everything a round needs in a few queries (no N+1).
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly regulations: RegulationCatalog,
    private readonly outbox: OutboxWriter,
  ) {}

  async rankProduct(manager: EntityManager, round: RoundEntity, productId: string): Promise<EntryRanking | undefined> {
    return (await this.rank(manager, round, [productId], false))[0];
  }

  async rankAll(manager: EntityManager, round: RoundEntity): Promise<EntryRanking[]> {
    return this.rank(manager, round, undefined, true);
  }

  /** Who is expected to score which product, and what they submitted, without writing anything. */
  async standing(manager: EntityManager, round: RoundEntity, productIds?: string[]): Promise<EntryRanking[]> {
    const { entries, expectedFor, submittedFor } = await this.load(manager, round, productIds);
    return entries.map((entry) => this.rankingOf(round, entry, expectedFor(entry), submittedFor(entry)));
  }

  private async rank(
    manager: EntityManager,
    round: RoundEntity,
    productIds: string[] | undefined,
    final: boolean,
  ): Promise<EntryRanking[]> {
    const version = this.regulations.version(round.versionCode);
    const { entries, expectedFor, submittedFor, quorumShare } = await this.load(manager, round, productIds);
    const rankings: EntryRanking[] = [];
    for (const entry of entries) {
      const expected = expectedFor(entry);
      const cards = submittedFor(entry);
      const ranking = this.rankingOf(round, entry, expected, cards);
      rankings.push(ranking);
      const complete = expected.length > 0 && expected.every((id) => cards.some((card) => card.memberId === id));
      const enough = final && cards.length > 0 && cards.length >= Math.ceil(expected.length * quorumShare - 1e-9);
      if (!complete && !enough) continue;
      const score = aggregateTotals(
        cards.map((card) => card.total!),
        round.aggregation,
      );
      const cap = productStarCap(cards.map((card) => card.missedRequirements));
      const outcome = outcomeAt(version, round.level, score, cap.starCap);
      const flagged = ranking.toRescore.length > 0;
      await manager.update(
        RoundEntryEntity,
        { id: entry.id },
        { score, stars: outcome.stars, starCap: cap.starCap, missedRequirements: cap.missed, flagged, outcome },
      );
      Object.assign(entry, { score, stars: outcome.stars, starCap: cap.starCap, flagged, outcome });
      await this.outbox.append(manager, EvaluationEvents.productScored, {
        roundId: round.id,
        productId: entry.productId,
        score,
        aggregation: round.aggregation,
        stars: outcome.stars,
        starCap: cap.starCap,
        flagged,
        memberCount: cards.length,
      });
    }
    return rankings;
  }

  private rankingOf(
    round: RoundEntity,
    entry: RoundEntryEntity,
    expected: string[],
    cards: ScorecardEntity[],
  ): EntryRanking {
    const submitted = cards.map((card) => ({ memberId: card.memberId, total: card.total! }));
    // A spread the chair accepted after re-scoring no longer sends members back.
    const toRescore = entry.spreadAcceptedNote ? [] : membersToRescore(submitted, round.spreadThreshold);
    return { productId: entry.productId, expected, submitted, toRescore };
  }

  private async load(manager: EntityManager, round: RoundEntity, productIds?: string[]) {
    const productFilter = productIds ? { productId: In(productIds) } : {};
    const [council, members, attendance, entries, recusals, cards] = await Promise.all([
      manager.findOneOrFail(CouncilEntity, { where: { id: round.councilId } }),
      manager.find(CouncilMemberEntity, { where: { councilId: round.councilId, active: true } }),
      manager.find(RoundAttendanceEntity, { where: { roundId: round.id, present: true } }),
      manager.find(RoundEntryEntity, { where: { roundId: round.id, ...productFilter }, order: { productName: 'ASC' } }),
      manager.find(RecusalEntity, { where: { roundId: round.id, ...productFilter } }),
      manager.find(ScorecardEntity, { where: { roundId: round.id, status: 'submitted', ...productFilter } }),
    ]);
    const present = new Set(attendance.map((row) => row.memberId));
    const scoring = members.filter((member) => SCORING_ROLES.includes(member.role) && present.has(member.id));
    const recused = new Set(recusals.map((row) => `${row.productId}:${row.memberId}`));
    const cardsByProduct = new Map<string, ScorecardEntity[]>();
    for (const card of cards) {
      const list = cardsByProduct.get(card.productId) ?? [];
      list.push(card);
      cardsByProduct.set(card.productId, list);
    }
    const expectedFor = (entry: RoundEntryEntity) =>
      scoring.filter((member) => !recused.has(`${entry.productId}:${member.id}`)).map((member) => member.id);
    const submittedFor = (entry: RoundEntryEntity) => {
      const expected = new Set(expectedFor(entry));
      return (cardsByProduct.get(entry.productId) ?? []).filter((card) => expected.has(card.memberId));
    };
    return { entries, expectedFor, submittedFor, quorumShare: council.quorumMinShare };
  }
}

import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { EvaluationEvents } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { SCORING_ROLES } from '../council/council.rules';
import { outcomeAt, type Outcome } from '../regulation/regulation.rules';
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
    const changed: { entry: RoundEntryEntity; result: ScoredEntry }[] = [];
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
      const result: ScoredEntry = {
        score,
        stars: outcome.stars,
        starCap: cap.starCap,
        missedRequirements: cap.missed,
        flagged: ranking.toRescore.length > 0,
        outcome,
      };
      // Ranking a whole round again (deliberation) rewrites and re-announces only what changed.
      if (!sameResult(entry, result)) changed.push({ entry, result });
    }
    await this.write(manager, round, changed, rankings);
    return rankings;
  }

  /** Writes the changed entries in one statement and their `product.scored` events in one more. */
  private async write(
    manager: EntityManager,
    round: RoundEntity,
    changed: { entry: RoundEntryEntity; result: ScoredEntry }[],
    rankings: EntryRanking[],
  ): Promise<void> {
    if (changed.length === 0) return;
    const table = manager.getRepository(RoundEntryEntity).metadata.tablePath;
    await manager.query(
      `UPDATE ${table} AS entry
          SET score = batch.score, stars = batch.stars, star_cap = batch.star_cap,
              missed_requirements = batch.missed, flagged = batch.flagged, outcome = batch.outcome
         FROM unnest($1::uuid[], $2::numeric[], $3::int[], $4::int[], $5::jsonb[], $6::boolean[], $7::jsonb[])
              AS batch(id, score, stars, star_cap, missed, flagged, outcome)
        WHERE entry.id = batch.id`,
      [
        changed.map(({ entry }) => entry.id),
        changed.map(({ result }) => result.score),
        changed.map(({ result }) => result.stars),
        changed.map(({ result }) => result.starCap),
        changed.map(({ result }) => JSON.stringify(result.missedRequirements)),
        changed.map(({ result }) => result.flagged),
        changed.map(({ result }) => JSON.stringify(result.outcome)),
      ],
    );
    const memberCount = new Map(rankings.map((ranking) => [ranking.productId, ranking.submitted.length]));
    for (const { entry, result } of changed) Object.assign(entry, result);
    await this.outbox.appendMany(
      manager,
      EvaluationEvents.productScored,
      changed.map(({ entry, result }) => ({
        data: {
          roundId: round.id,
          productId: entry.productId,
          score: result.score,
          aggregation: round.aggregation,
          stars: result.stars,
          starCap: result.starCap,
          flagged: result.flagged,
          memberCount: memberCount.get(entry.productId) ?? 0,
        },
      })),
    );
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
    // One after the other: inside a transaction they share one connection anyway.
    const council = await manager.findOneOrFail(CouncilEntity, { where: { id: round.councilId } });
    const members = await manager.find(CouncilMemberEntity, { where: { councilId: round.councilId, active: true } });
    const attendance = await manager.find(RoundAttendanceEntity, { where: { roundId: round.id, present: true } });
    const entries = await manager.find(RoundEntryEntity, {
      where: { roundId: round.id, ...productFilter },
      order: { productName: 'ASC' },
    });
    const recusals = await manager.find(RecusalEntity, { where: { roundId: round.id, ...productFilter } });
    // Only what ranking needs: the members' choices stay in the database.
    const cards = await manager.find(ScorecardEntity, {
      where: { roundId: round.id, status: 'submitted', ...productFilter },
      select: { id: true, productId: true, memberId: true, total: true, missedRequirements: true },
    });
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

interface ScoredEntry {
  score: number;
  stars: number;
  starCap: number;
  missedRequirements: string[];
  flagged: boolean;
  outcome: Outcome;
}

function sameResult(entry: RoundEntryEntity, result: ScoredEntry): boolean {
  return (
    entry.score === result.score &&
    entry.stars === result.stars &&
    entry.starCap === result.starCap &&
    entry.flagged === result.flagged &&
    JSON.stringify(entry.missedRequirements) === JSON.stringify(result.missedRequirements) &&
    JSON.stringify(entry.outcome) === JSON.stringify(result.outcome)
  );
}

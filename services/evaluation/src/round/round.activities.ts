import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EvaluationEvents,
  type CloseScoringReason,
  type EvaluationRoundActivities,
  type RoundPhase,
} from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, deterministicUuid } from '@ocop/nest-common';
import { CouncilMemberEntity } from '../council/council.entity';
import { RankingService, type EntryRanking } from './ranking.service';
import { RoundPhaseService } from './round-phase.service';
import { RoundEntity, RoundEntryEntity } from './round.entity';

/** Who the round workflow's own moves are recorded as. */
export const ROUND_WORKFLOW_ACTOR = 'system:round-workflow';

/**
 * What the round workflow's timers do, on evaluation's task queue. Each re-reads the round under a lock
 * and acts only if the round is still where the timer expected it, so a retry or a late timer is harmless.
 */
@Injectable()
export class RoundActivities implements EvaluationRoundActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly phases: RoundPhaseService,
    private readonly ranking: RankingService,
    private readonly outbox: OutboxWriter,
  ) {}

  activities(): EvaluationRoundActivities {
    return {
      closeDossierIntake: this.closeDossierIntake.bind(this),
      remindPendingMembers: this.remindPendingMembers.bind(this),
      pendingScorecards: this.pendingScorecards.bind(this),
      closeScoring: this.closeScoring.bind(this),
    };
  }

  async closeDossierIntake({ roundId }: { roundId: string }): Promise<{ phase: RoundPhase; moved: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, roundId);
      if (round.phase !== 'open' || !(await manager.exists(RoundEntryEntity, { where: { roundId } })))
        return { phase: round.phase, moved: false };
      await this.phases.changePhase(manager, ROUND_WORKFLOW_ACTOR, round, 'scoring');
      return { phase: round.phase, moved: true };
    });
  }

  async pendingScorecards({ roundId }: { roundId: string }): Promise<number> {
    const round = await this.dataSource.getRepository(RoundEntity).findOneByOrFail({ id: roundId });
    return countPending(await this.ranking.standing(this.dataSource.manager, round));
  }

  async remindPendingMembers({ roundId, occasion }: { roundId: string; occasion: string }) {
    return this.dataSource.transaction(async (manager) => {
      const round = await manager.findOneByOrFail(RoundEntity, { id: roundId });
      if (round.phase !== 'scoring') return { reminded: 0 };
      const standing = await this.ranking.standing(manager, round);
      const members = await manager.find(CouncilMemberEntity, { where: { councilId: round.councilId, active: true } });
      let reminded = 0;
      for (const member of members) {
        const pending = standing
          .filter((entry) => entry.expected.includes(member.id))
          .filter((entry) => !entry.submitted.some((card) => card.memberId === member.id))
          .map((entry) => entry.productId);
        if (pending.length === 0) continue;
        reminded += 1;
        await this.outbox.append(
          manager,
          EvaluationEvents.scoringReminder,
          {
            roundId,
            roundName: round.name,
            memberId: member.id,
            userId: member.userId,
            memberName: member.fullName,
            pendingProductIds: pending,
            occasion,
            scoringDeadline: round.scoringDeadline,
          },
          // One reminder per member and occasion, however often the activity runs.
          { id: deterministicUuid(`round-reminder/${roundId}/${occasion}/${member.id}`) },
        );
      }
      return { reminded };
    });
  }

  async closeScoring({ roundId, reason }: { roundId: string; reason: CloseScoringReason }) {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, roundId);
      if (round.phase !== 'scoring') return { phase: round.phase, moved: false, problem: null };
      if (reason === 'all_submitted' && countPending(await this.ranking.standing(manager, round)) > 0)
        return { phase: round.phase, moved: false, problem: 'scorecards still pending' };
      try {
        await this.phases.assertQuorum(manager, round);
      } catch (error) {
        if (error instanceof AppException) return { phase: round.phase, moved: false, problem: error.code };
        throw error;
      }
      await this.ranking.rankAll(manager, round);
      await this.phases.changePhase(manager, ROUND_WORKFLOW_ACTOR, round, 'deliberation');
      return { phase: round.phase, moved: true, problem: null };
    });
  }

  private async lock(manager: EntityManager, roundId: string): Promise<RoundEntity> {
    return manager.findOneOrFail(RoundEntity, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
  }
}

function countPending(standing: EntryRanking[]): number {
  return standing.reduce((sum, entry) => sum + entry.expected.length - entry.submitted.length, 0);
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EvaluationEvents, type RoundPhase } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException } from '@ocop/nest-common';
import { recordChanges } from '@ocop/persistence';
import { CouncilEntity, CouncilMemberEntity } from '../council/council.entity';
import { checkQuorum, type QuorumCheck } from '../council/council.rules';
import { RoundAttendanceEntity, RoundEntity } from './round.entity';
import { RoundErrors } from './round.errors';

/**
 * Phase changes and the quorum, shared by the API (staff acting) and the worker (the round workflow's
 * timers acting as `system:round-workflow`). No jurisdiction here: callers check who may act.
 */
@Injectable()
export class RoundPhaseService {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Writes a phase change with its events; used by `move` and by the decision. */
  async changePhase(manager: EntityManager, actor: string, round: RoundEntity, to: RoundPhase): Promise<void> {
    const from = round.phase;
    round.phase = to;
    round.revision += 1;
    await manager.update(RoundEntity, { id: round.id }, { phase: to, revision: round.revision });
    await recordChanges(manager, [
      {
        entityType: 'round',
        entityId: round.id,
        action: 'phase_changed',
        changes: { phase: [from, to] },
        changedBy: actor,
        unitCode: round.provinceCode,
      },
    ]);
    const changedAt = new Date().toISOString();
    await this.outbox.append(manager, EvaluationEvents.roundPhaseChanged, {
      roundId: round.id,
      from,
      to,
      level: round.level,
      provinceCode: round.provinceCode,
      changedBy: actor,
      changedAt,
    });
    if (to === 'open')
      await this.outbox.append(manager, EvaluationEvents.roundOpened, {
        roundId: round.id,
        name: round.name,
        level: round.level,
        unitCode: round.unitCode,
        provinceCode: round.provinceCode,
        versionCode: round.versionCode,
        dossierDeadline: round.dossierDeadline,
        meetingDate: round.meetingDate,
      });
    if (to === 'closed')
      await this.outbox.append(manager, EvaluationEvents.roundClosed, {
        roundId: round.id,
        provinceCode: round.provinceCode,
        closedAt: changedAt,
      });
  }

  async assertQuorum(manager: EntityManager, round: RoundEntity): Promise<QuorumCheck> {
    const quorum = await this.quorumOf(manager, round);
    if (!quorum.recorded) throw new AppException(RoundErrors.ROUND_ATTENDANCE_NOT_RECORDED);
    if (!quorum.met)
      throw new AppException(
        RoundErrors.ROUND_QUORUM_NOT_MET,
        {
          present: quorum.present,
          scoringMembers: quorum.scoringMembers,
          required: quorum.required,
          chair: quorum.chairPresent ? '' : ' (chair absent)',
        },
        { ...quorum },
      );
    return quorum;
  }

  async quorumOf(manager: EntityManager, round: RoundEntity): Promise<QuorumCheck & { recorded: boolean }> {
    const members = await manager.find(CouncilMemberEntity, { where: { councilId: round.councilId, active: true } });
    const attendance = await manager.find(RoundAttendanceEntity, { where: { roundId: round.id } });
    const present = attendance.filter((row) => row.present).map((row) => row.memberId);
    const rule = await this.quorumRule(manager, round);
    return { ...checkQuorum(members, present, rule), recorded: attendance.length > 0 };
  }

  async quorumRule(manager: EntityManager, round: RoundEntity) {
    const council = await manager.findOneOrFail(CouncilEntity, { where: { id: round.councilId } });
    return { minShare: council.quorumMinShare, chairRequired: council.quorumChairRequired };
  }
}

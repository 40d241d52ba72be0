import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import {
  EvaluationEvents,
  ROUND_WORKFLOW,
  roundPhaseChangedSignal,
  roundScheduleChangedSignal,
  roundScorecardSubmittedSignal,
  roundWorkflowId,
  SearchAttributes,
  TaskQueues,
  type EventEnvelope,
  type RoundOpenedV1,
  type RoundPhaseChangedV1,
  type RoundScheduleChangedV1,
  type RoundWorkflowInput,
  type ProductScoredV1,
} from '@ocop/contracts';
import type { EventHandler } from '@ocop/messaging';
import { EventHandlerRegistry } from '@ocop/nest-common';
import { RoundEntity } from './round.entity';

/** Signals a round's workflow; one that ended (closed) or never started has nothing to learn. */
async function signalRound(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return;
    throw error;
  }
}

/** A round opened: its workflow `round-<id>` takes over the deadlines (started once: the id is the key). */
@Injectable()
export class RoundOpenedHandler implements EventHandler<RoundOpenedV1> {
  readonly contract = EvaluationEvents.roundOpened;
  private readonly logger = new Logger(RoundOpenedHandler.name);

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<RoundOpenedV1>): string {
    return event.data.roundId;
  }

  async handle(event: EventEnvelope<RoundOpenedV1>, manager: EntityManager): Promise<void> {
    const round = await manager.findOneBy(RoundEntity, { id: event.data.roundId });
    if (!round) return;
    const input: RoundWorkflowInput = {
      roundId: round.id,
      name: round.name,
      level: round.level,
      provinceCode: round.provinceCode,
      versionCode: round.versionCode,
      dossierDeadline: round.dossierDeadline,
      meetingDate: round.meetingDate,
      scoringDeadline: round.scoringDeadline,
      phase: round.phase,
    };
    try {
      await this.temporal.workflow.start(ROUND_WORKFLOW, {
        workflowId: roundWorkflowId(round.id),
        taskQueue: TaskQueues.evaluation,
        args: [input],
        staticSummary: `${round.name} (${round.level} ${round.unitCode})`,
        staticDetails: `Round ${round.id}: dossiers until ${round.dossierDeadline}, meeting ${round.meetingDate}, scoring until ${round.scoringDeadline}, regulation ${round.versionCode}`,
        typedSearchAttributes: [
          { key: SearchAttributes.province, value: round.provinceCode },
          { key: SearchAttributes.stage, value: round.phase },
          { key: SearchAttributes.regulationVersion, value: round.versionCode },
          { key: SearchAttributes.cycleYear, value: Number(round.meetingDate.slice(0, 4)) },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        this.logger.debug(`round ${round.id}: workflow already running`);
        return;
      }
      throw error;
    }
  }
}

@Injectable()
export class RoundPhaseChangedHandler implements EventHandler<RoundPhaseChangedV1> {
  readonly contract = EvaluationEvents.roundPhaseChanged;

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<RoundPhaseChangedV1>): string {
    return event.data.roundId;
  }

  async handle(event: EventEnvelope<RoundPhaseChangedV1>): Promise<void> {
    // Opening is the workflow's start (RoundOpenedHandler); later moves are signals.
    if (event.data.to === 'open') return;
    await signalRound(() =>
      this.temporal.workflow
        .getHandle(roundWorkflowId(event.data.roundId))
        .signal(roundPhaseChangedSignal, { phase: event.data.to }),
    );
  }
}

@Injectable()
export class RoundScheduleChangedHandler implements EventHandler<RoundScheduleChangedV1> {
  readonly contract = EvaluationEvents.roundScheduleChanged;

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<RoundScheduleChangedV1>): string {
    return event.data.roundId;
  }

  async handle(event: EventEnvelope<RoundScheduleChangedV1>): Promise<void> {
    const { dossierDeadline, meetingDate, scoringDeadline } = event.data;
    await signalRound(() =>
      this.temporal.workflow
        .getHandle(roundWorkflowId(event.data.roundId))
        .signal(roundScheduleChangedSignal, { dossierDeadline, meetingDate, scoringDeadline }),
    );
  }
}

/**
 * A product got its score, so its scorecards are all in: the round's workflow checks whether the whole
 * round is. (Once per product rather than per scorecard: 500 signals for a round of 500, not 4,500. The
 * signal keeps its first name, `scorecardSubmitted`, so running workflows replay unchanged.)
 */
@Injectable()
export class RoundProductScoredHandler implements EventHandler<ProductScoredV1> {
  readonly contract = EvaluationEvents.productScored;

  constructor(
    registry: EventHandlerRegistry,
    private readonly temporal: Client,
  ) {
    registry.register(this);
  }

  orderingKey(event: EventEnvelope<ProductScoredV1>): string {
    return event.data.roundId;
  }

  async handle(event: EventEnvelope<ProductScoredV1>): Promise<void> {
    await signalRound(() =>
      this.temporal.workflow.getHandle(roundWorkflowId(event.data.roundId)).signal(roundScorecardSubmittedSignal),
    );
  }
}

export const ROUND_EVENT_HANDLERS = [
  RoundOpenedHandler,
  RoundPhaseChangedHandler,
  RoundScheduleChangedHandler,
  RoundProductScoredHandler,
];

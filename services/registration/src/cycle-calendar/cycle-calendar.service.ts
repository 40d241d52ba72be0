import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  CYCLE_WORKFLOW,
  cycleCalendarChangedSignal,
  cycleWorkflowId,
  RegistrationEvents,
  SearchAttributes,
  TaskQueues,
  yearInVietnam,
  type CycleCalendarStep,
  type CycleWorkflowInput,
} from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { AdminUnitService } from '../admin-unit/admin-unit.service';
import { RegistrationErrors } from '../registration.errors';
import { shippedCalendar } from './cycle-calendar.data';
import { calendarProblems, ideaWindowOf } from './cycle-calendar.rules';
import { CYCLE_FIELDS, cycleChange, CycleEntity } from './cycle.entity';

/**
 * Each unit's OCOP year (OCOP.md §4): its calendar and intake windows. Starting a cycle starts workflow
 * `cycle-<unit>-<year>`, which opens and closes the windows and reminds the communes on the dates.
 */
@Injectable()
export class CycleCalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly units: AdminUnitService,
    private readonly outbox: OutboxWriter,
    private readonly temporal: Client,
  ) {}

  async start(user: AuthUser, unitCode: string, year: number, steps?: CycleCalendarStep[]): Promise<CycleEntity> {
    const unit = await this.units.find(unitCode);
    if (!unit || (unit.level !== 'province' && unit.level !== 'commune'))
      throw new AppException(RegistrationErrors.CYCLE_UNIT_INVALID, { unitCode });
    await this.jurisdiction.assertWithin(user, unitCode);
    const shipped = shippedCalendar(unitCode, year);
    const calendar = steps ?? shipped.steps;
    this.assertCalendar(calendar, year);
    const provinceCode = unit.ancestors.at(-1)!;
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(CycleEntity, { where: { unitCode, year } }))
        throw new AppException(RegistrationErrors.CYCLE_EXISTS, { unitCode, year });
      const cycle = manager.create(CycleEntity, {
        unitCode,
        year,
        provinceCode,
        steps: calendar,
        reminderDays: shipped.reminderDays,
        windows: { ideas: 'scheduled', plans: 'scheduled' },
        source: steps ? `set by ${user.id}` : shipped.source,
        workflowId: cycleWorkflowId(unitCode, year),
        createdBy: user.id,
      });
      await manager.insert(CycleEntity, cycle);
      await recordChanges(manager, [cycleChange(cycle, 'started', diffFields(null, cycle, CYCLE_FIELDS), user.id)]);
      await this.outbox.append(manager, RegistrationEvents.cycleStarted, {
        unitCode,
        year,
        provinceCode,
        workflowId: cycle.workflowId,
        startedBy: user.id,
      });
      // Started inside the transaction: if Temporal refuses, nothing is recorded and the caller may retry.
      await this.startWorkflow(cycle);
      return cycle;
    });
  }

  /**
   * A unit's cycle, read within the jurisdiction of its unit (a commune's by the commune and above), and by
   * the communes of a province whose calendar governs them (their idea window follows it too).
   */
  async get(user: AuthUser, unitCode: string, year: number): Promise<CycleEntity> {
    const cycle = await this.dataSource.getRepository(CycleEntity).findOne({ where: { unitCode, year } });
    if (!cycle) throw new AppException(RegistrationErrors.CYCLE_NOT_FOUND, { unitCode, year });
    const governsUser = (await this.units.find(user.unitCode))?.ancestors.includes(cycle.unitCode) ?? false;
    if (!governsUser) await this.jurisdiction.assertWithin(user, cycle.unitCode);
    return cycle;
  }

  /** The year's cycles of a province; a commune's users see their commune's and their province's. */
  async list(user: AuthUser, year: number, provinceCode?: string): Promise<CycleEntity[]> {
    const { provinceCode: province, communeCode } = await this.jurisdiction.listScope(user, provinceCode);
    return this.dataSource.getRepository(CycleEntity).find({
      where: communeCode
        ? { year, unitCode: In([communeCode, province!]) }
        : { year, ...(province ? { provinceCode: province } : {}) },
      order: { unitCode: 'ASC' },
    });
  }

  /** A new calendar for the year: the workflow re-times what it has not done yet. */
  async changeCalendar(user: AuthUser, unitCode: string, year: number, steps: CycleCalendarStep[]) {
    this.assertCalendar(steps, year);
    await this.get(user, unitCode, year);
    await this.jurisdiction.assertWithin(user, unitCode);
    const cycle = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneOrFail(CycleEntity, {
        where: { unitCode, year },
        lock: { mode: 'pessimistic_write' },
      });
      const changed = { ...current, steps, source: `set by ${user.id}` };
      const changes = diffFields(current, changed, ['steps', 'source']);
      if (Object.keys(changes).length === 0) return changed;
      await manager.update(CycleEntity, { unitCode, year }, { steps, source: changed.source });
      await recordChanges(manager, [cycleChange(current, 'calendar_changed', changes, user.id)]);
      return changed;
    });
    try {
      await this.temporal.workflow.getHandle(cycle.workflowId).signal(cycleCalendarChangedSignal, { steps });
    } catch (error) {
      // The year's workflow already ended: the calendar is kept for the record only.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    return cycle;
  }

  /**
   * Refuses a product idea when the commune's or the province's cycle for the year has its idea window
   * closed or not yet open. Units without a cycle take ideas all year.
   */
  async assertIdeaWindowOpen(
    manager: EntityManager,
    communeCode: string,
    provinceCode: string,
    now: Date,
  ): Promise<void> {
    const cycles = await manager.find(CycleEntity, {
      where: { year: yearInVietnam(now), unitCode: In([communeCode, provinceCode]) },
    });
    for (const cycle of cycles) {
      if (cycle.windows.ideas === 'open') continue;
      const window = ideaWindowOf(cycle.steps);
      throw new AppException(RegistrationErrors.IDEA_WINDOW_NOT_OPEN, {
        unitCode: cycle.unitCode,
        opensOn: window?.opensOn ?? '-',
        closesOn: window?.closesOn ?? '-',
      });
    }
  }

  private assertCalendar(steps: CycleCalendarStep[], year: number): void {
    const problems = calendarProblems(steps, year);
    if (problems.length > 0)
      throw new AppException(
        RegistrationErrors.CYCLE_CALENDAR_INVALID,
        { problems: problems.join('; ') },
        { problems },
      );
  }

  private async startWorkflow(cycle: CycleEntity): Promise<void> {
    const input: CycleWorkflowInput = {
      unitCode: cycle.unitCode,
      year: cycle.year,
      provinceCode: cycle.provinceCode,
      steps: cycle.steps,
      reminderDays: cycle.reminderDays,
    };
    try {
      await this.temporal.workflow.start(CYCLE_WORKFLOW, {
        workflowId: cycle.workflowId,
        taskQueue: TaskQueues.evaluation,
        args: [input],
        staticSummary: `OCOP cycle ${cycle.year} of unit ${cycle.unitCode}`,
        typedSearchAttributes: [
          { key: SearchAttributes.province, value: cycle.provinceCode },
          { key: SearchAttributes.cycleYear, value: cycle.year },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}

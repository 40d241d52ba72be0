import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegistrationEvents, type RegistrationCycleActivities } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { deterministicUuid } from '@ocop/nest-common';
import { recordChanges } from '@ocop/persistence';
import { SYSTEM_ACTOR } from '../registration.audit';
import { cycleChange, CycleEntity } from './cycle.entity';

const KIND_TEXT = {
  step_starts: (name: string, date: string) => `Bắt đầu bước "${name}" từ ngày ${date}.`,
  window_closes: (name: string, date: string, days: number) =>
    `Còn ${days} ngày: bước "${name}" kết thúc ngày ${date}.`,
  deadline: (name: string, date: string, days: number) => `Còn ${days} ngày đến hạn ${date} của bước "${name}".`,
};

/** What the cycle workflow does on registration's queue: the windows' state and the communes' reminders. */
@Injectable()
export class CycleActivities implements RegistrationCycleActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  activities(): RegistrationCycleActivities {
    return { setIntakeWindow: this.setIntakeWindow.bind(this), remindCommunes: this.remindCommunes.bind(this) };
  }

  async setIntakeWindow(input: Parameters<RegistrationCycleActivities['setIntakeWindow']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const cycle = await manager.findOneOrFail(CycleEntity, {
        where: { unitCode: input.unitCode, year: input.year },
        lock: { mode: 'pessimistic_write' },
      });
      const from = cycle.windows[input.window];
      if (from === input.state) return;
      cycle.windows = { ...cycle.windows, [input.window]: input.state };
      await manager.update(CycleEntity, { unitCode: input.unitCode, year: input.year }, { windows: cycle.windows });
      await recordChanges(manager, [
        cycleChange(cycle, 'window_changed', { [`windows.${input.window}`]: [from, input.state] }, SYSTEM_ACTOR),
      ]);
      await this.outbox.append(manager, RegistrationEvents.cycleWindowChanged, {
        unitCode: cycle.unitCode,
        year: cycle.year,
        provinceCode: cycle.provinceCode,
        window: input.window,
        state: input.state,
        changedAt: new Date().toISOString(),
      });
    });
  }

  async remindCommunes(input: Parameters<RegistrationCycleActivities['remindCommunes']>[0]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const cycle = await manager.findOneByOrFail(CycleEntity, { unitCode: input.unitCode, year: input.year });
      const name = cycle.steps.find((step) => step.step === input.step)?.nameVi ?? input.step;
      await this.outbox.append(
        manager,
        RegistrationEvents.cycleReminder,
        {
          unitCode: cycle.unitCode,
          year: cycle.year,
          provinceCode: cycle.provinceCode,
          step: input.step,
          kind: input.kind,
          date: input.date,
          daysLeft: input.daysLeft,
          messageVi: KIND_TEXT[input.kind](name, input.date, input.daysLeft),
        },
        // One reminder per action of the calendar, however often the activity runs.
        { id: deterministicUuid(`cycle-reminder/${cycle.unitCode}/${cycle.year}/${input.key}`) },
      );
    });
  }
}

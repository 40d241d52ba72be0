import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarProblems, resolveCalendar, type CalendarTemplateStep } from './cycle-calendar.rules';

const data = JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'cycle-calendars.json'), 'utf8')) as {
  default: CalendarTemplateStep[];
  units: { unitCode: string; year: number; steps: CalendarTemplateStep[] }[];
};

describe('cycle calendars', () => {
  it('resolves the default and every unit calendar into valid years', () => {
    expect(calendarProblems(resolveCalendar(data.default, 2026), 2026)).toEqual([]);
    expect(calendarProblems(resolveCalendar(data.default, 2028), 2028)).toEqual([]);
    for (const unit of data.units)
      expect(calendarProblems(resolveCalendar(unit.steps, unit.year), unit.year)).toEqual([]);
  });

  it('keeps the plans’ dates: ideas March-April, rounds before 15 June and 15 October', () => {
    const steps = resolveCalendar(data.default, 2026);
    expect(steps.find((step) => step.step === 'ideas')).toEqual(
      expect.objectContaining({ opensOn: '2026-03-01', closesOn: '2026-04-30' }),
    );
    expect(steps.find((step) => step.step === 'evaluation')!.deadlines).toEqual(['2026-06-15', '2026-10-15']);
  });

  it('names every problem of a bad calendar', () => {
    const steps = resolveCalendar(data.default, 2026);
    const bad = [
      ...steps.filter((step) => step.step !== 'plans'),
      { ...steps.find((step) => step.step === 'ideas')!, opensOn: '2026-05-01', closesOn: '2026-02-30' },
    ];
    expect(calendarProblems(bad, 2026)).toEqual(
      expect.arrayContaining([
        'step ideas appears 2 times (once expected)',
        'step plans appears 0 times (once expected)',
        'ideas: 2026-02-30 is not a date',
      ]),
    );
    expect(calendarProblems(steps, 2027)).toContain('communication: 2026-01-01 is outside 2027');
  });
});

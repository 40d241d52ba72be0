import { CYCLE_STEPS, type CycleCalendarStep, type CycleStep } from '@ocop/contracts';

/** A calendar as data: month-day dates, resolved into a year. */
export interface CalendarTemplateStep {
  step: CycleStep;
  nameVi: string;
  from: string;
  to: string;
  deadlines: string[];
}

export function resolveCalendar(template: readonly CalendarTemplateStep[], year: number): CycleCalendarStep[] {
  return template.map((step) => ({
    step: step.step,
    nameVi: step.nameVi,
    opensOn: `${year}-${step.from}`,
    closesOn: `${year}-${step.to}`,
    deadlines: step.deadlines.map((deadline) => `${year}-${deadline}`),
  }));
}

const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Problems of a calendar for a year: the six steps once each, real dates inside the year, in order. */
export function calendarProblems(steps: readonly CycleCalendarStep[], year: number): string[] {
  const problems: string[] = [];
  for (const step of CYCLE_STEPS) {
    const count = steps.filter((candidate) => candidate.step === step).length;
    if (count !== 1) problems.push(`step ${step} appears ${count} times (once expected)`);
  }
  for (const step of steps) {
    for (const date of [step.opensOn, step.closesOn, ...step.deadlines]) {
      if (!isDate(date)) problems.push(`${step.step}: ${date} is not a date`);
      else if (!date.startsWith(`${year}-`)) problems.push(`${step.step}: ${date} is outside ${year}`);
    }
    if (step.opensOn > step.closesOn) problems.push(`${step.step}: opens after it closes`);
    for (const deadline of step.deadlines)
      if (deadline < step.opensOn || deadline > step.closesOn)
        problems.push(`${step.step}: deadline ${deadline} is outside the step`);
  }
  return problems;
}

/** The window a product registration needs, and whether the unit's calendar has it open. */
export function ideaWindowOf(steps: readonly CycleCalendarStep[]): { opensOn: string; closesOn: string } | undefined {
  const ideas = steps.find((step) => step.step === 'ideas');
  return ideas ? { opensOn: ideas.opensOn, closesOn: ideas.closesOn } : undefined;
}

import fc from 'fast-check';
import { calendarOf, periodsOf, PERIOD_TYPES } from './reporting-calendar';
import { readObligations } from './reporting-obligations.data';

/** Properties of the due-date rules (fast-check) over the pre-loaded obligations and any year. */
describe('reporting calendar (properties)', () => {
  const year = fc.integer({ min: 2018, max: 2060 });

  it('periods of a type tile the year: in order, no gap, no overlap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERIOD_TYPES), year, (type, y) => {
        const periods = periodsOf(type, y);
        expect(periods[0]!.start).toBe(`${y}-01-01`);
        expect(periods.at(-1)!.end).toBe(`${y}-12-31`);
        for (let i = 1; i < periods.length; i++) {
          const dayAfter = new Date(Date.parse(`${periods[i - 1]!.end}T00:00:00Z`) + 86_400_000)
            .toISOString()
            .slice(0, 10);
          expect(periods[i]!.start).toBe(dayAfter);
        }
      }),
    );
  });

  it('every deadline is a real day of the year, reminders come before it and escalation after', () => {
    const obligations = readObligations();
    fc.assert(
      fc.property(fc.constantFrom(...obligations), year, (obligation, y) => {
        const deadlines = calendarOf(obligation, y);
        for (const period of deadlines) {
          expect(new Date(`${period.dueBefore}T00:00:00Z`).toISOString().slice(0, 10)).toBe(period.dueBefore);
          expect(period.dueBefore.startsWith(`${y}-`)).toBe(true);
          for (const reminder of period.reminders) expect(reminder < period.dueBefore).toBe(true);
          expect(period.escalation >= period.dueBefore).toBe(true);
          expect(period.deadline).toBe(`${period.dueBefore}T00:00:00+07:00`);
        }
        // Deadlines follow the periods' order.
        const due = deadlines.map((period) => period.dueBefore);
        expect([...due].sort()).toEqual(due);
      }),
    );
  });
});

import { addDays, calendarOf, periodsOf } from './reporting-calendar';
import { readObligations } from './reporting-obligations.data';

const obligations = readObligations();
const obligation = (code: string) => obligations.find((candidate) => candidate.code === code)!;

describe('reporting calendars (deadlines in Asia/Ho_Chi_Minh)', () => {
  it('Ngọc Hồi, monthly: before the 20th of every month', () => {
    const calendar = calendarOf(obligation('ngoc-hoi-month'), 2024);
    expect(calendar.map((p) => `${p.key} ${p.dueBefore}`)).toEqual(
      Array.from(
        { length: 12 },
        (_, i) => `2024-M${String(i + 1).padStart(2, '0')} 2024-${String(i + 1).padStart(2, '0')}-20`,
      ),
    );
    expect(calendar[1]).toEqual(
      expect.objectContaining({
        label: 'Tháng 2/2024',
        start: '2024-02-01',
        end: '2024-02-29',
        deadline: '2024-02-20T00:00:00+07:00',
        reminders: ['2024-02-15', '2024-02-18'],
        escalation: '2024-02-23',
      }),
    );
  });

  it('Ngọc Hồi, quarterly: before the 20th of the quarter’s last month', () => {
    expect(calendarOf(obligation('ngoc-hoi-quarter'), 2024).map((p) => `${p.label}: ${p.dueBefore}`)).toEqual([
      'Quý I/2024: 2024-03-20',
      'Quý II/2024: 2024-06-20',
      'Quý III/2024: 2024-09-20',
      'Quý IV/2024: 2024-12-20',
    ]);
  });

  it('Ngọc Hồi, yearly: before 10 December; the district calendar ends with the district (30 June 2025)', () => {
    expect(calendarOf(obligation('ngoc-hoi-year'), 2024).map((p) => p.dueBefore)).toEqual(['2024-12-10']);
    expect(
      calendarOf(obligation('ngoc-hoi-month'), 2025)
        .map((p) => p.key)
        .at(-1),
    ).toBe('2025-M06');
    expect(calendarOf(obligation('ngoc-hoi-month'), 2026)).toEqual([]);
  });

  it('Thanh Hóa: the half-year report before 15 June (first half only), the yearly one before 1 December', () => {
    expect(calendarOf(obligation('thanh-hoa-half-year'), 2026).map((p) => `${p.key} ${p.dueBefore}`)).toEqual([
      '2026-H1 2026-06-15',
    ]);
    expect(calendarOf(obligation('thanh-hoa-year'), 2026)).toEqual([
      expect.objectContaining({
        key: '2026',
        dueBefore: '2026-12-01',
        reminders: ['2026-11-17', '2026-11-26', '2026-11-29'],
      }),
    ]);
  });

  it('periods cover the year without gaps, and dates shift across months and years', () => {
    for (const type of ['month', 'quarter', 'half_year', 'year'] as const) {
      const periods = periodsOf(type, 2028);
      expect(periods[0]!.start).toBe('2028-01-01');
      expect(periods.at(-1)!.end).toBe('2028-12-31');
      for (let i = 1; i < periods.length; i += 1) expect(addDays(periods[i - 1]!.end, 1)).toBe(periods[i]!.start);
    }
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-30', 3)).toBe('2026-01-02');
  });
});

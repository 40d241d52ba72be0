import { readObligations } from '../obligation/reporting-obligations.data';
import { reportingScheduleOptions } from './schedule-spec';

const obligation = (code: string) => readObligations().find((candidate) => candidate.code === code)!;

describe('reporting schedules', () => {
  it('opens a monthly obligation at 07:00 Asia/Ho_Chi_Minh on the first of each month, catching up, never skipping', () => {
    const options = reportingScheduleOptions(obligation('commune-month'), 31);
    expect(options.scheduleId).toBe('reporting-commune-month');
    expect(options.spec).toEqual(
      expect.objectContaining({
        timezone: 'Asia/Ho_Chi_Minh',
        calendars: [expect.objectContaining({ month: '*', dayOfMonth: 1, hour: 7, minute: 0 })],
        startAt: new Date('2025-06-30T17:00:00.000Z'),
      }),
    );
    expect(options.policies).toEqual({ catchupWindow: '31 days', overlap: 'BUFFER_ALL', pauseOnFailure: false });
    expect(options.action).toEqual(
      expect.objectContaining({
        workflowType: 'reportingScheduleWorkflow',
        taskQueue: 'reporting',
        args: [{ obligationCode: 'commune-month', catchUpDays: 31 }],
      }),
    );
  });

  it('follows the period type: half-years in January and July, years in January', () => {
    expect(reportingScheduleOptions(obligation('thanh-hoa-half-year'), 31).spec.calendars?.[0]?.month).toEqual([
      'JANUARY',
      'JULY',
    ]);
    expect(reportingScheduleOptions(obligation('thanh-hoa-year'), 31).spec.calendars?.[0]?.month).toBe('JANUARY');
    // A schedule ends with its obligation; a zero catch-up window still takes a run at least a day late.
    expect(reportingScheduleOptions(obligation('ngoc-hoi-month'), 0)).toEqual(
      expect.objectContaining({
        spec: expect.objectContaining({ endAt: new Date('2025-06-30T16:59:59.000Z') }),
        policies: expect.objectContaining({ catchupWindow: '1 days' }),
      }),
    );
  });
});

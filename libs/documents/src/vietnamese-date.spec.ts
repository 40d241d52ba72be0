import { parseIsoDate, vietnameseLongDate, vietnameseShortDate, vietnameseTimestamp } from './vietnamese-date';

describe('Vietnamese dates', () => {
  it('writes the long form with a leading zero for days below 10 and for January and February', () => {
    expect(vietnameseLongDate('2024-06-20')).toBe('ngày 20 tháng 6 năm 2024');
    expect(vietnameseLongDate('2024-02-05')).toBe('ngày 05 tháng 02 năm 2024');
    expect(vietnameseLongDate('2025-01-31')).toBe('ngày 31 tháng 01 năm 2025');
    expect(vietnameseLongDate('2027-12-09')).toBe('ngày 09 tháng 12 năm 2027');
  });

  it('writes the short form dd/mm/yyyy', () => {
    expect(vietnameseShortDate('2024-06-20')).toBe('20/06/2024');
  });

  it('writes timestamps in Vietnam time (UTC+7)', () => {
    expect(vietnameseTimestamp('2024-06-20T17:30:00Z')).toBe('00:30 ngày 21/06/2024');
    expect(vietnameseTimestamp(new Date('2024-06-20T01:05:00Z'))).toBe('08:05 ngày 20/06/2024');
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => parseIsoDate('2024-6-20')).toThrow(RangeError);
    expect(() => parseIsoDate('2024-02-30')).toThrow(RangeError);
    expect(() => vietnameseLongDate('20/06/2024')).toThrow(RangeError);
    expect(() => vietnameseTimestamp('not a date')).toThrow(RangeError);
  });
});

import { judge, judgeEach } from './plan-progress';

describe('a target’s progress', () => {
  it('is achieved at the target or above, missed once the deadline passed, in progress before', () => {
    expect(judge(8, 8, '2024-12-31', '2025-01-15')).toEqual({ progress: 1, achieved: true, status: 'achieved' });
    expect(judge(2, 8, '2024-12-31', '2025-01-15')).toEqual({ progress: 0.25, achieved: false, status: 'missed' });
    expect(judge(1, 8, '2024-12-31', '2024-07-01')).toEqual({
      progress: 0.125,
      achieved: false,
      status: 'in_progress',
    });
    expect(judge(1, 8, '2024-12-31', '2024-12-31').status).toBe('in_progress');
    expect(judge(null, 10, '2025-12-31', '2026-01-01')).toEqual({
      progress: null,
      achieved: false,
      status: 'not_recorded',
    });
  });

  it('for each commune: every commune judged, the whole by its weakest commune, achieved when all are', () => {
    const units = [
      { unitCode: '07375', unitName: 'Xã Lạng Giang', actual: 2 },
      { unitCode: '07381', unitName: 'Xã Tiên Lục', actual: 0 },
      { unitCode: '07432', unitName: 'Xã Tân Dĩnh', actual: 1 },
    ];
    const missed = judgeEach(units, 1, '2024-12-31', '2025-01-15');
    expect(missed).toEqual(
      expect.objectContaining({
        actual: 0,
        progress: 0,
        achieved: false,
        status: 'missed',
        unitsAchieved: 2,
        unitsTotal: 3,
      }),
    );
    expect(missed.units.map((unit) => `${unit.unitCode} ${unit.actual} ${unit.status}`)).toEqual([
      '07375 2 achieved',
      '07381 0 missed',
      '07432 1 achieved',
    ]);
    const all = judgeEach(
      units.map((unit) => ({ ...unit, actual: unit.actual + 1 })),
      1,
      '2024-12-31',
      '2024-11-01',
    );
    expect(all).toEqual(expect.objectContaining({ actual: 1, achieved: true, status: 'achieved', unitsAchieved: 3 }));
    expect(judgeEach([], 1, '2024-12-31', '2024-11-01')).toEqual(
      expect.objectContaining({ actual: 0, achieved: false, status: 'in_progress', unitsTotal: 0 }),
    );
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readUnits } from './units.data';

const REGISTRATION_UNITS = join(__dirname, '..', '..', '..', 'registration', 'data', 'admin-units.csv');

describe('2025 units (data/units-2025.csv)', () => {
  const units = readUnits();

  it('holds 34 provinces and 3,321 communes, each commune under a province of the list', () => {
    const provinces = new Set(units.filter((unit) => unit.level === 'province').map((unit) => unit.code));
    expect(provinces.size).toBe(34);
    const communes = units.filter((unit) => unit.level === 'commune');
    expect(communes).toHaveLength(3321);
    for (const commune of communes) expect(provinces.has(commune.provinceCode)).toBe(true);
    expect(units.find((unit) => unit.code === '07432')).toEqual({
      code: '07432',
      name: 'Xã Tân Dĩnh',
      level: 'commune',
      provinceCode: '24',
    });
  });

  (existsSync(REGISTRATION_UNITS) ? it : it.skip)('equals the 2025 rows of registration’s official list', () => {
    const official = readFileSync(REGISTRATION_UNITS, 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.startsWith('2025,'))
      .map((line) => {
        const [, code, name, level, , parent] = line.split(',');
        return { code, name, level, provinceCode: level === 'province' ? code : parent };
      });
    expect(units).toEqual(official);
  });
});

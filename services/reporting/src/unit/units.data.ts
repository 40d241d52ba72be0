import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportUnitLevel } from './report-unit.entity';

/** The 2025 units (see data/README.md): the 2025 rows of registration's official list, as reporting needs them. */
export const UNITS_FILE = join(__dirname, '..', '..', 'data', 'units-2025.csv');

export interface UnitRow {
  code: string;
  name: string;
  level: ReportUnitLevel;
  provinceCode: string;
}

export function readUnits(path = UNITS_FILE): UnitRow[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  if (header !== 'code,name,level,province_code') throw new Error(`${path}: unexpected header ${header}`);
  return lines.map((line, index) => {
    const cells = line.split(',');
    const [code, name, level, provinceCode] = cells;
    if (cells.length !== 4 || !code || !name || !provinceCode || (level !== 'province' && level !== 'commune'))
      throw new Error(`${path}:${index + 2}: expected code,name,level,province_code`);
    return { code, name, level, provinceCode };
  });
}

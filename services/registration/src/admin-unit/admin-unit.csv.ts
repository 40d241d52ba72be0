import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminUnitEra, AdminUnitLevel } from './admin-unit.entity';

/** Official unit lists extracted by tools/admin-units/extract.py (see data/README.md). */
export const ADMIN_UNITS_CSV = join(__dirname, '..', '..', 'data', 'admin-units.csv');
export const ADMIN_UNIT_MAPPING_CSV = join(__dirname, '..', '..', 'data', 'admin-unit-mapping.csv');

export interface AdminUnitRow {
  era: AdminUnitEra;
  code: string;
  name: string;
  level: AdminUnitLevel;
  kind: string;
  parentCode: string | null;
  ancestors: string[];
  validFrom: string | null;
  validTo: string | null;
}

export interface AdminUnitMappingRow {
  legacyCode: string;
  legacyLevel: string;
  newCode: string;
  newLevel: string;
  note: string;
}

/** The files hold no quoted fields (checked here), so a split on commas is exact. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  const columns = header!.split(',');
  return lines.map((line, index) => {
    if (line.includes('"')) throw new Error(`${path}:${index + 2}: quoted fields are not supported`);
    const cells = line.split(',');
    if (cells.length !== columns.length) throw new Error(`${path}:${index + 2}: expected ${columns.length} fields`);
    return Object.fromEntries(columns.map((column, i) => [column, cells[i]!]));
  });
}

export function readAdminUnits(path = ADMIN_UNITS_CSV): AdminUnitRow[] {
  const rows = readCsv(path);
  const byKey = new Map(rows.map((row) => [`${row['era']}:${row['code']}`, row]));
  const ancestorsOf = (era: string, code: string): string[] => {
    const chain: string[] = [];
    for (let current: string | undefined = code; current;) {
      const row = byKey.get(`${era}:${current}`);
      if (!row) throw new Error(`Unit ${era}:${code} has a missing ancestor ${current}`);
      chain.push(current);
      current = row['parent_code'] || undefined;
    }
    return chain;
  };
  return rows.map((row) => ({
    era: row['era'] as AdminUnitEra,
    code: row['code']!,
    name: row['name']!,
    level: row['level'] as AdminUnitLevel,
    kind: row['kind']!,
    parentCode: row['parent_code'] || null,
    ancestors: ancestorsOf(row['era']!, row['code']!),
    validFrom: row['valid_from'] || null,
    validTo: row['valid_to'] || null,
  }));
}

export function readAdminUnitMapping(path = ADMIN_UNIT_MAPPING_CSV): AdminUnitMappingRow[] {
  return readCsv(path).map((row) => ({
    legacyCode: row['legacy_code']!,
    legacyLevel: row['legacy_level']!,
    newCode: row['new_code']!,
    newLevel: row['new_level']!,
    note: row['note'] ?? '',
  }));
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegulationVersion } from '../regulation/regulation.rules';
import { validateCriteriaSet, type CriteriaSetDocument } from './criteria-set.rules';

/** data/criteria-sets/<version code with '/' as '-'>/<group>[-<subgroup>].json */
export const CRITERIA_SETS_DIR = join(__dirname, '..', '..', 'data', 'criteria-sets');

export interface ShippedCriteriaSet {
  path: string;
  document: CriteriaSetDocument;
}

/** The folder a version's sets live in: "148/2023" → "148-2023". */
export function versionFolder(versionCode: string): string {
  return versionCode.replace(/\//g, '-');
}

/**
 * Reads every shipped set and refuses an incoherent one (unknown version, parts not adding up, a file in
 * the wrong folder), so a bad data file stops the service rather than reaching a council.
 */
export function readShippedCriteriaSets(versions: RegulationVersion[], dir = CRITERIA_SETS_DIR): ShippedCriteriaSet[] {
  const sets: ShippedCriteriaSet[] = [];
  for (const folder of readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const files = readdirSync(join(dir, folder.name)).filter((name) => name.endsWith('.json'));
    for (const file of files.sort()) {
      const path = join(dir, folder.name, file);
      const document = JSON.parse(readFileSync(path, 'utf8')) as CriteriaSetDocument;
      const version = versions.find((candidate) => candidate.code === document.versionCode);
      if (!version) throw new Error(`${path}: unknown regulation version ${document.versionCode}`);
      if (versionFolder(document.versionCode) !== folder.name)
        throw new Error(`${path}: version ${document.versionCode} does not belong in folder ${folder.name}`);
      const problems = validateCriteriaSet(document, version);
      if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
      sets.push({ path, document });
    }
  }
  return sets;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateVersion, type RegulationVersion } from './regulation.rules';

export const REGULATIONS_FILE = join(__dirname, '..', '..', 'data', 'regulations.json');

/** Reads the regulation versions and refuses an incoherent one (parts not adding up to 100, …). */
export function readRegulations(path = REGULATIONS_FILE): RegulationVersion[] {
  const { versions } = JSON.parse(readFileSync(path, 'utf8')) as { versions: RegulationVersion[] };
  for (const version of versions) {
    const problems = validateVersion(version);
    if (problems.length > 0) throw new Error(`${path}: version ${version.code}: ${problems.join('; ')}`);
  }
  return versions;
}

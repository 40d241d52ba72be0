import { Injectable } from '@nestjs/common';
import { AppException, defineErrors } from '@ocop/nest-common';
import { readRegulations } from './regulation.data';
import type { RegulationVersion } from './regulation.rules';

export const RegulationCatalogErrors = defineErrors({
  REGULATION_VERSION_UNKNOWN: {
    status: 400,
    vi: 'Không có phiên bản quy định {versionCode}',
    en: 'No regulation version {versionCode}',
  },
});

/** The regulation versions as data (data/regulations.json), read once; no dependencies, so workers use it too. */
@Injectable()
export class RegulationCatalog {
  readonly versions: RegulationVersion[] = readRegulations();

  version(code: string): RegulationVersion {
    const version = this.versions.find((candidate) => candidate.code === code);
    if (!version)
      throw new AppException(RegulationCatalogErrors.REGULATION_VERSION_UNKNOWN, { versionCode: code });
    return version;
  }
}

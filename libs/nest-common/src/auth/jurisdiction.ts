import { Injectable } from '@nestjs/common';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AppException } from '../errors/app.exception';
import { CommonErrors, defineErrors } from '../errors/error-catalogue';
import type { AuthUser } from './auth-user';

export const JurisdictionErrors = defineErrors({
  UNKNOWN_UNIT: {
    status: 400,
    vi: 'Không có đơn vị hành chính mã {unitCode}',
    en: 'No administrative unit has code {unitCode}',
  },
});

/**
 * The administrative tree as a service sees it. Registration owns the units and implements this from its
 * tables; other services ask registration over NATS request/reply.
 */
export abstract class UnitHierarchy {
  /** Codes from the unit itself up to its province (nearest first), or null for an unknown code. */
  abstract ancestorsOf(unitCode: string): Promise<string[] | null>;
}

@Injectable()
export class JurisdictionService {
  constructor(private readonly hierarchy: UnitHierarchy) {}

  /** Throws UNKNOWN_UNIT for a code that names no unit, OUT_OF_JURISDICTION outside the user's subtree. */
  async assertWithin(user: AuthUser, unitCode: string): Promise<void> {
    // The country is the root: nothing to look up, only the ministry's unit holds it.
    if (unitCode === NATIONAL_UNIT_CODE) {
      if (user.unitCode !== NATIONAL_UNIT_CODE) throw new AppException(CommonErrors.OUT_OF_JURISDICTION, { unitCode });
      return;
    }
    const ancestors = await this.hierarchy.ancestorsOf(unitCode);
    if (!ancestors) throw new AppException(JurisdictionErrors.UNKNOWN_UNIT, { unitCode });
    if (user.unitCode === NATIONAL_UNIT_CODE) return;
    if (!ancestors.includes(user.unitCode)) throw new AppException(CommonErrors.OUT_OF_JURISDICTION, { unitCode });
  }

  /**
   * What a list shows by default: the province asked for (checked), else the user's own unit — a province,
   * or a commune within its province — and for the ministry the whole country. A unit's code says nothing
   * of its province (commune 07375 lies in province 24): the tree does.
   */
  async listScope(user: AuthUser, requestedProvince?: string): Promise<{ provinceCode?: string; communeCode?: string }> {
    if (requestedProvince) {
      await this.assertWithin(user, requestedProvince);
      return { provinceCode: requestedProvince };
    }
    if (user.unitCode === NATIONAL_UNIT_CODE) return {};
    const ancestors = await this.hierarchy.ancestorsOf(user.unitCode);
    if (!ancestors) throw new AppException(JurisdictionErrors.UNKNOWN_UNIT, { unitCode: user.unitCode });
    const provinceCode = ancestors.at(-1)!;
    return provinceCode === user.unitCode ? { provinceCode } : { provinceCode, communeCode: user.unitCode };
  }

  /**
   * The records a user reads under `unitCode` (default: their own unit), for data that keeps each record's
   * unit and province: nothing to filter for the country, the province for a province (it and everything in
   * it), the unit itself below (2025 units are provinces and communes). Refused like `assertWithin`.
   */
  async subtreeScope(user: AuthUser, unitCode = user.unitCode): Promise<{ provinceCode?: string; unitCode?: string }> {
    if (unitCode === NATIONAL_UNIT_CODE) {
      if (user.unitCode !== NATIONAL_UNIT_CODE) throw new AppException(CommonErrors.OUT_OF_JURISDICTION, { unitCode });
      return {};
    }
    await this.assertWithin(user, unitCode);
    const provinceCode = await this.provinceOf(unitCode);
    return provinceCode === unitCode ? { provinceCode } : { provinceCode: provinceCode ?? unitCode, unitCode };
  }

  /** The province a unit lies in (a province is its own, the country is `VN`), or null for an unknown code. */
  async provinceOf(unitCode: string): Promise<string | null> {
    if (unitCode === NATIONAL_UNIT_CODE) return NATIONAL_UNIT_CODE;
    return (await this.hierarchy.ancestorsOf(unitCode))?.at(-1) ?? null;
  }
}

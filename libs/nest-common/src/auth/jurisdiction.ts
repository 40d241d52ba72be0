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
    const ancestors = await this.hierarchy.ancestorsOf(unitCode);
    if (!ancestors) throw new AppException(JurisdictionErrors.UNKNOWN_UNIT, { unitCode });
    if (user.unitCode === NATIONAL_UNIT_CODE) return;
    if (!ancestors.includes(user.unitCode)) throw new AppException(CommonErrors.OUT_OF_JURISDICTION, { unitCode });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { UnitHierarchy } from '@ocop/nest-common';
import { AdminUnitMappingEntity } from './admin-unit-mapping.entity';
import { AdminUnitEntity, CURRENT_ERA } from './admin-unit.entity';

/** The administrative tree of the current era, read from registration's own tables. */
@Injectable()
export class AdminUnitService extends UnitHierarchy {
  /** Units change by law a few times a decade: a process-wide cache of look-ups is safe. */
  private readonly cache = new Map<string, AdminUnitEntity | null>();

  constructor(@InjectRepository(AdminUnitEntity) private readonly units: Repository<AdminUnitEntity>) {
    super();
  }

  async ancestorsOf(unitCode: string): Promise<string[] | null> {
    if (unitCode === NATIONAL_UNIT_CODE) return [NATIONAL_UNIT_CODE];
    const unit = await this.find(unitCode);
    return unit ? unit.ancestors : null;
  }

  /** A legacy unit and the current units that contain it (by the official mapping). */
  async resolveLegacy(legacyCode: string): Promise<{ legacy: AdminUnitEntity; current: AdminUnitEntity[] } | null> {
    const legacy = await this.units.findOne({ where: { era: 'legacy', code: legacyCode } });
    if (!legacy) return null;
    const current = await this.units
      .createQueryBuilder('unit')
      .innerJoin(AdminUnitMappingEntity, 'mapping', 'mapping.new_code = unit.code AND mapping.new_level = unit.level')
      .where('unit.era = :era', { era: CURRENT_ERA })
      .andWhere('mapping.legacy_code = :code AND mapping.legacy_level = :level', {
        code: legacy.code,
        level: legacy.level,
      })
      .orderBy('unit.code')
      .getMany();
    return { legacy, current };
  }

  async find(unitCode: string): Promise<AdminUnitEntity | null> {
    if (this.cache.has(unitCode)) return this.cache.get(unitCode)!;
    const unit = await this.units.findOne({ where: { era: CURRENT_ERA, code: unitCode } });
    this.cache.set(unitCode, unit);
    return unit;
  }
}

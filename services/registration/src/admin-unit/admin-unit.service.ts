import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { UnitHierarchy } from '@ocop/nest-common';
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

  async find(unitCode: string): Promise<AdminUnitEntity | null> {
    if (this.cache.has(unitCode)) return this.cache.get(unitCode)!;
    const unit = await this.units.findOne({ where: { era: CURRENT_ERA, code: unitCode } });
    this.cache.set(unitCode, unit);
    return unit;
  }
}

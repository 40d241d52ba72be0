import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { foldForSearch, NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { UnitHierarchy, type Page } from '@ocop/nest-common';
import { AdminUnitMappingEntity } from './admin-unit-mapping.entity';
import { AdminUnitEntity, CURRENT_ERA, type AdminUnitEra, type AdminUnitLevel } from './admin-unit.entity';

export interface AdminUnitFilter {
  era: AdminUnitEra;
  level?: AdminUnitLevel;
  parent?: string;
  q?: string;
  limit: number;
  offset: number;
}

interface EraIndex {
  byCode: Map<string, AdminUnitEntity>;
  /** Units in code order with their folded names, for search. */
  ordered: { unit: AdminUnitEntity; folded: string }[];
}

/**
 * The administrative units of both eras. They change by law a few times a decade (and then by a
 * migration), so each era is read once into memory: 14,000 rows, answered in microseconds.
 */
@Injectable()
export class AdminUnitService extends UnitHierarchy {
  private readonly eras = new Map<AdminUnitEra, Promise<EraIndex>>();

  constructor(
    @InjectRepository(AdminUnitEntity) private readonly units: Repository<AdminUnitEntity>,
    @InjectRepository(AdminUnitMappingEntity) private readonly mapping: Repository<AdminUnitMappingEntity>,
  ) {
    super();
  }

  async ancestorsOf(unitCode: string): Promise<string[] | null> {
    if (unitCode === NATIONAL_UNIT_CODE) return [NATIONAL_UNIT_CODE];
    return (await this.find(unitCode))?.ancestors ?? null;
  }

  /** A unit of the current era. */
  async find(unitCode: string, era: AdminUnitEra = CURRENT_ERA): Promise<AdminUnitEntity | null> {
    return (await this.index(era)).byCode.get(unitCode) ?? null;
  }

  async list(filter: AdminUnitFilter): Promise<Page<AdminUnitEntity>> {
    const q = filter.q ? foldForSearch(filter.q) : '';
    const matches = (await this.index(filter.era)).ordered
      .filter(({ unit, folded }) => {
        if (filter.level && unit.level !== filter.level) return false;
        if (filter.parent && unit.parentCode !== filter.parent) return false;
        return !q || folded.includes(q);
      })
      .map(({ unit }) => unit);
    return {
      items: matches.slice(filter.offset, filter.offset + filter.limit),
      total: matches.length,
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  /** The unit and every unit under it, the unit first. */
  async subtree(unitCode: string, era: AdminUnitEra = CURRENT_ERA): Promise<AdminUnitEntity[] | null> {
    const index = await this.index(era);
    if (!index.byCode.has(unitCode)) return null;
    return index.ordered
      .map(({ unit }) => unit)
      .filter((unit) => unit.ancestors.includes(unitCode))
      .sort((a, b) => a.ancestors.length - b.ancestors.length);
  }

  /** A legacy unit and the current units that contain it (by the official mapping). */
  async resolveLegacy(legacyCode: string): Promise<{ legacy: AdminUnitEntity; current: AdminUnitEntity[] } | null> {
    const legacy = await this.find(legacyCode, 'legacy');
    if (!legacy) return null;
    const rows = await this.mapping.find({
      where: { legacyCode: legacy.code, legacyLevel: legacy.level },
      order: { newCode: 'ASC' },
    });
    const current = await Promise.all(rows.map((row) => this.find(row.newCode)));
    return { legacy, current: current.filter((unit): unit is AdminUnitEntity => unit !== null) };
  }

  private index(era: AdminUnitEra): Promise<EraIndex> {
    let index = this.eras.get(era);
    if (!index) {
      index = this.units.find({ where: { era }, order: { code: 'ASC' } }).then((rows) => ({
        byCode: new Map(rows.map((unit) => [unit.code, unit])),
        ordered: rows.map((unit) => ({ unit, folded: foldForSearch(unit.name) })),
      }));
      // A failed load (database down) is retried on the next call rather than cached.
      index.catch(() => this.eras.delete(era));
      this.eras.set(era, index);
    }
    return index;
  }
}

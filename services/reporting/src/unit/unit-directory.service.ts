import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { ReportUnitEntity, type ReportUnitLevel } from './report-unit.entity';

export interface UnitInfo {
  code: string;
  name: string;
  level: ReportUnitLevel | 'nation';
  provinceCode: string | null;
}

/** Where a report's figures come from: the whole country, a province, one commune or a set of communes. */
export type UnitScope =
  | { kind: 'nation' }
  | { kind: 'province'; code: string }
  | { kind: 'commune'; code: string; provinceCode: string }
  | { kind: 'communes'; codes: string[] };

export const NATION: UnitInfo = { code: NATIONAL_UNIT_CODE, name: 'Toàn quốc', level: 'nation', provinceCode: null };

interface Directory {
  byCode: Map<string, ReportUnitEntity>;
  provinces: ReportUnitEntity[];
  communesByProvince: Map<string, ReportUnitEntity[]>;
}

/**
 * The 2025 units (34 provinces, 3,321 communes), read once into memory from `report_unit`: names for the
 * documents, a province's communes for completeness and reminders, a commune's province for the events
 * that name the commune only. Jurisdiction is still checked against registration (the owner of the units).
 */
@Injectable()
export class UnitDirectory {
  private directory?: Promise<Directory>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(code: string): Promise<UnitInfo | null> {
    if (code === NATIONAL_UNIT_CODE) return NATION;
    const unit = (await this.load()).byCode.get(code);
    return unit ? { code: unit.code, name: unit.name, level: unit.level, provinceCode: unit.provinceCode } : null;
  }

  async provinces(): Promise<UnitInfo[]> {
    return (await this.load()).provinces.map((unit) => ({ ...unit }));
  }

  async communesOf(provinceCode: string): Promise<UnitInfo[]> {
    return ((await this.load()).communesByProvince.get(provinceCode) ?? []).map((unit) => ({ ...unit }));
  }

  /** The units directly under a unit: the provinces under the nation, the communes under a province. */
  async childrenOf(code: string): Promise<UnitInfo[]> {
    if (code === NATIONAL_UNIT_CODE) return this.provinces();
    const unit = await this.find(code);
    return unit?.level === 'province' ? this.communesOf(code) : [];
  }

  async provinceOf(communeCode: string): Promise<string | null> {
    return (await this.load()).byCode.get(communeCode)?.provinceCode ?? null;
  }

  async scopeOf(code: string): Promise<UnitScope | null> {
    const unit = await this.find(code);
    if (!unit) return null;
    if (unit.level === 'nation') return { kind: 'nation' };
    if (unit.level === 'province') return { kind: 'province', code };
    return { kind: 'commune', code, provinceCode: unit.provinceCode ?? '' };
  }

  private load(): Promise<Directory> {
    this.directory ??= this.dataSource
      .getRepository(ReportUnitEntity)
      .find({ order: { code: 'ASC' } })
      .then((units) => {
        const communesByProvince = new Map<string, ReportUnitEntity[]>();
        for (const unit of units) {
          if (unit.level !== 'commune') continue;
          communesByProvince.set(unit.provinceCode, [...(communesByProvince.get(unit.provinceCode) ?? []), unit]);
        }
        return {
          byCode: new Map(units.map((unit) => [unit.code, unit])),
          provinces: units.filter((unit) => unit.level === 'province'),
          communesByProvince,
        };
      });
    this.directory.catch(() => (this.directory = undefined));
    return this.directory;
  }
}

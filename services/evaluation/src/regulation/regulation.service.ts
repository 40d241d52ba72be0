import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EvaluationEvents, isProvinceCode } from '@ocop/contracts';
import { OutboxWriter } from '@ocop/messaging';
import { AppException, defineErrors, JurisdictionService, type AuthUser } from '@ocop/nest-common';
import { diffFields, recordChanges } from '@ocop/persistence';
import { RegulationCatalog } from './regulation.catalog';
import { RegulationOverrideEntity } from './regulation-override.entity';
import { versionInForce, type RegulationVersion } from './regulation.rules';

export const RegulationErrors = defineErrors({
  NO_REGULATION_IN_FORCE: {
    status: 404,
    vi: 'Chưa có quy định nào có hiệu lực vào ngày {date}',
    en: 'No regulation was in force on {date}',
  },
  NOT_A_PROVINCE: { status: 400, vi: 'Mã {unitCode} không phải mã tỉnh', en: '{unitCode} is not a province code' },
});

export interface RegulationInForce {
  version: RegulationVersion;
  source: 'national' | 'province';
  override?: RegulationOverrideEntity;
}

@Injectable()
export class RegulationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jurisdiction: JurisdictionService,
    private readonly outbox: OutboxWriter,
    private readonly catalog: RegulationCatalog,
  ) {}

  get versions(): RegulationVersion[] {
    return this.catalog.versions;
  }

  version(code: string): RegulationVersion {
    return this.catalog.version(code);
  }

  /**
   * The version a round on `date` uses: the national one in force then, unless the province chose another
   * from a date not after it (the latest such choice wins).
   */
  async inForce(date: string, provinceCode?: string): Promise<RegulationInForce> {
    const national = versionInForce(this.versions, date);
    if (provinceCode) {
      const override = await this.dataSource
        .getRepository(RegulationOverrideEntity)
        .createQueryBuilder('o')
        .where('o.province_code = :provinceCode AND o.effective_from <= :date', { provinceCode, date })
        .orderBy('o.effective_from', 'DESC')
        .getOne();
      if (override && (!national || override.effectiveFrom >= national.effectiveFrom)) {
        return { version: this.version(override.versionCode), source: 'province', override };
      }
    }
    if (!national) throw new AppException(RegulationErrors.NO_REGULATION_IN_FORCE, { date });
    return { version: national, source: 'national' };
  }

  async overrides(provinceCode?: string): Promise<RegulationOverrideEntity[]> {
    return this.dataSource.getRepository(RegulationOverrideEntity).find({
      where: provinceCode ? { provinceCode } : {},
      order: { provinceCode: 'ASC', effectiveFrom: 'ASC' },
    });
  }

  async setOverride(
    user: AuthUser,
    provinceCode: string,
    input: { versionCode: string; effectiveFrom: string; reason: string },
  ): Promise<RegulationOverrideEntity> {
    if (!isProvinceCode(provinceCode))
      throw new AppException(RegulationErrors.NOT_A_PROVINCE, { unitCode: provinceCode });
    await this.jurisdiction.assertWithin(user, provinceCode);
    this.version(input.versionCode);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(RegulationOverrideEntity, {
        where: { provinceCode, effectiveFrom: input.effectiveFrom },
        lock: { mode: 'pessimistic_write' },
      });
      const override = manager.create(RegulationOverrideEntity, { provinceCode, ...input, setBy: user.id });
      await manager.upsert(RegulationOverrideEntity, override, ['provinceCode', 'effectiveFrom']);
      await recordChanges(manager, [
        {
          entityType: 'regulation_override',
          entityId: `${provinceCode}/${input.effectiveFrom}`,
          action: before ? 'updated' : 'set',
          changes: diffFields(before, override, ['effectiveFrom', 'versionCode', 'reason']),
          changedBy: user.id,
          unitCode: provinceCode,
        },
      ]);
      await this.outbox.append(manager, EvaluationEvents.regulationOverrideSet, {
        provinceCode,
        versionCode: input.versionCode,
        effectiveFrom: input.effectiveFrom,
        setBy: user.id,
      });
      return manager.findOneByOrFail(RegulationOverrideEntity, { provinceCode, effectiveFrom: input.effectiveFrom });
    });
  }
}

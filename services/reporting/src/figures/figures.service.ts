import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dateInVietnam, NATIONAL_UNIT_CODE } from '@ocop/contracts';
import { AppException, defineErrors } from '@ocop/nest-common';
import { UnitDirectory, type UnitInfo, type UnitScope } from '../unit/unit-directory.service';
import { emptyRaw, flatten, addFlat, type FlatFigures, type RawFigures } from './figures.model';
import { monthsOf, parsePeriod, type Period } from './period';

export const FigureErrors = defineErrors({
  PERIOD_NOT_FOUND: {
    status: 400,
    vi: 'Kỳ báo cáo {period} không tồn tại (ví dụ đúng: 2026-M03, 2026-Q1, 2026-H1, 2026)',
    en: 'There is no period {period} (e.g. 2026-M03, 2026-Q1, 2026-H1, 2026)',
  },
  REPORT_UNIT_NOT_FOUND: {
    status: 404,
    vi: 'Không có đơn vị hành chính hiện hành mã {unitCode}',
    en: 'No current administrative unit has code {unitCode}',
  },
});

type Grouping = 'none' | 'province' | 'commune';

/** A unit's period, and the day its "as at" figures are taken (the period's end, or today if earlier). */
export interface FigureWindow {
  unit: UnitInfo;
  scope: UnitScope;
  period: Period;
  asOf: string;
}

/**
 * A unit's figures for a period, from the read models in a handful of indexed aggregate queries (no scan of
 * the events): monthly counters for what happened in the period, counters of products by stage and group,
 * the certificates valid on the as-of day, and producers by legal form. The children's figures come from the
 * same queries grouped by child, so a unit's figures are the sum of its children's by construction.
 */
@Injectable()
export class FiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitDirectory,
  ) {}

  async window(unitCode: string, periodKey: string, today = dateInVietnam(new Date())): Promise<FigureWindow> {
    const period = parsePeriod(periodKey);
    if (!period) throw new AppException(FigureErrors.PERIOD_NOT_FOUND, { period: periodKey });
    const unit = await this.units.find(unitCode);
    const scope = await this.units.scopeOf(unitCode);
    if (!unit || !scope) throw new AppException(FigureErrors.REPORT_UNIT_NOT_FOUND, { unitCode });
    return { unit, scope, period, asOf: period.end < today ? period.end : today };
  }

  async figures(window: Omit<FigureWindow, 'unit'>): Promise<RawFigures> {
    return (await this.raw(window.scope, window.period, window.asOf, 'none')).get('') ?? emptyRaw();
  }

  /**
   * The figures of each unit directly under the window's unit (provinces of the nation, communes of a
   * province), plus what belongs to the unit itself and none of them (`own`), and their total.
   */
  async children(window: FigureWindow): Promise<{
    children: { unit: UnitInfo; figures: FlatFigures }[];
    own: FlatFigures;
    total: FlatFigures;
  }> {
    const grouping: Grouping | null =
      window.unit.level === 'nation' ? 'province' : window.unit.level === 'province' ? 'commune' : null;
    const zero = flatten(emptyRaw());
    if (!grouping)
      return { children: [], own: flatten(await this.figures(window)), total: flatten(await this.figures(window)) };
    const byChild = await this.raw(window.scope, window.period, window.asOf, grouping);
    const childUnits = await this.units.childrenOf(window.unit.code);
    const known = new Set(childUnits.map((unit) => unit.code));
    const children = childUnits.map((unit) => ({ unit, figures: flatten(byChild.get(unit.code) ?? emptyRaw()) }));
    // Rows of no child: the unit's own ('' commune, or the national level), and codes not in the unit list.
    let own = zero;
    for (const [key, raw] of byChild) if (!known.has(key)) own = addFlat(own, flatten(raw));
    const total = children.reduce((sum, child) => addFlat(sum, child.figures), own);
    return { children, own, total };
  }

  private async raw(
    scope: UnitScope,
    period: Period,
    asOf: string,
    grouping: Grouping,
  ): Promise<Map<string, RawFigures>> {
    const where = scopeSql(scope);
    const group = grouping === 'none' ? `''` : grouping === 'province' ? 'province_code' : 'commune_code';
    const months = monthsOf(period);
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query<T[]>(sql, [...where.params, ...params]);
    const p = where.params.length;
    const [activity, productCounts, certified, expiring, producers, salesPoints] = await Promise.all([
      q<{ k: string; metric: string; count: number; amount: number }>(
        `SELECT ${group} AS k, metric, sum(count)::int AS count, sum(amount)::float8 AS amount
           FROM reporting.rm_activity WHERE ${where.sql} AND month >= $${p + 1} AND month <= $${p + 2}
          GROUP BY 1, metric`,
        [months[0], months.at(-1)],
      ),
      q<{ k: string; stage: string; group: string; count: number }>(
        `SELECT ${group} AS k, stage, "group", sum(count)::int AS count
           FROM reporting.rm_product_count WHERE ${where.sql} GROUP BY 1, stage, "group" HAVING sum(count) <> 0`,
        [],
      ),
      q<{ k: string; stars: number; group: string; count: number }>(
        `SELECT ${group} AS k, stars, "group", count(*)::int AS count
           FROM reporting.rm_certificate
          WHERE ${where.sql} AND issued_on <= $${p + 1} AND valid_until >= $${p + 1} AND (ended_on IS NULL OR ended_on > $${p + 1})
          GROUP BY 1, stars, "group"`,
        [asOf],
      ),
      q<{ k: string; count: number }>(
        `SELECT ${group} AS k, count(*)::int AS count FROM reporting.rm_certificate
          WHERE ${where.sql} AND valid_until BETWEEN $${p + 1} AND $${p + 2} AND status IN ('valid', 'expired')
          GROUP BY 1`,
        [period.start, period.end],
      ),
      q<{ k: string; legal_form: string; count: number }>(
        `SELECT ${group} AS k, legal_form, count(*)::int AS count FROM reporting.rm_producer
          WHERE ${where.sql} AND registered_on <= $${p + 1} GROUP BY 1, legal_form`,
        [asOf],
      ),
      q<{ k: string; count: number }>(
        `SELECT ${group} AS k, count(*)::int AS count FROM reporting.rm_sales_point
          WHERE ${where.sql} AND opened_on <= $${p + 1} AND (closed_on IS NULL OR closed_on > $${p + 1}) GROUP BY 1`,
        [asOf],
      ),
    ]);
    const result = new Map<string, RawFigures>();
    const of = (key: string): RawFigures => {
      let raw = result.get(key);
      if (!raw) result.set(key, (raw = emptyRaw()));
      return raw;
    };
    for (const row of activity) of(row.k).activity[row.metric] = { count: row.count, amount: row.amount };
    for (const row of productCounts)
      of(row.k).productCounts.push({ stage: row.stage, group: row.group, count: row.count });
    for (const row of certified) of(row.k).certified.push({ stars: row.stars, group: row.group, count: row.count });
    for (const row of expiring) of(row.k).expiring = row.count;
    for (const row of producers) of(row.k).producers[row.legal_form] = row.count;
    for (const row of salesPoints) of(row.k).salesPointsActive = row.count;
    return result;
  }
}

/** The WHERE clause selecting a scope's rows in any read-model table (they all carry province and commune). */
export function scopeSql(scope: UnitScope): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'nation':
      return { sql: 'TRUE', params: [] };
    case 'province':
      return { sql: 'province_code = $1', params: [scope.code] };
    case 'commune':
      return { sql: 'commune_code = $1', params: [scope.code] };
    case 'communes':
      return { sql: 'commune_code = ANY($1)', params: [scope.codes] };
  }
}

export const isNational = (code: string): boolean => code === NATIONAL_UNIT_CODE;

import { Injectable } from '@nestjs/common';
import { dateInVietnam } from '@ocop/contracts';
import { PlanService } from '../plan/plan.service';
import { flatten, share } from './figures.model';
import { FiguresService } from './figures.service';
import type { ReportDocument } from './report-document';

/** Builds a unit's report for a period from the read models and the plans' targets. */
@Injectable()
export class ReportDocumentService {
  constructor(
    private readonly figures: FiguresService,
    private readonly plans: PlanService,
  ) {}

  async build(
    unitCode: string,
    periodKey: string,
    options: { children?: boolean; now?: Date } = {},
  ): Promise<ReportDocument> {
    const now = options.now ?? new Date();
    const window = await this.figures.window(unitCode, periodKey, dateInVietnam(now));
    const withChildren = options.children ?? true;
    const drill = withChildren && window.unit.level !== 'commune' ? await this.figures.children(window) : null;
    const figures = drill ? drill.total : flatten(await this.figures.figures(window));
    const plans = await this.plans.plansWithin(
      window.unit.code,
      window.unit.level,
      window.period.start,
      window.period.end,
    );
    const targets = (await Promise.all(plans.map((plan) => this.plans.progress(plan, window.asOf)))).flat();
    const count = (key: string): number => figures[key] ?? 0;
    const producers = count('producers_total');
    return {
      unit: window.unit,
      period: window.period,
      asOf: window.asOf,
      generatedAt: now.toISOString(),
      figures,
      shares: {
        cooperatives: share(count('producers_cooperative'), producers),
        cooperativeGroups: share(count('producers_cooperative_group'), producers),
        cooperativesAndGroups: share(count('producers_cooperative') + count('producers_cooperative_group'), producers),
      },
      children: drill?.children ?? [],
      own: drill ? drill.own : null,
      targets,
      promotion: true,
    };
  }
}

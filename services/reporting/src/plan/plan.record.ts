import type { EntityManager, QueryRunner } from 'typeorm';
import { canonicalPlan, type Plan } from './plan.data';
import type { PlanEntity, PlanStatus } from './plan.entity';

/** Who loads the pre-loaded plans, in their records and the change log. */
export const PLAN_LOADER = 'system:reporting';

/** A plan as the API gives it: the document, and where it stands. */
export interface PlanRecord extends Plan {
  status: PlanStatus;
  /** Loaded from data/plans: its quotes are verbatim from `source.seed` and stay so. */
  preloaded: boolean;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  withdrawal: { reason: string; withdrawnBy: string; withdrawnAt: string } | null;
}

/** The plan's document from its row. */
export function planOf(row: PlanEntity): Plan {
  return canonicalPlan({
    code: row.code,
    title: row.title,
    issuer: row.issuer,
    unit: row.issuingUnit,
    scope: {
      provinceCode: row.provinceCode,
      communeCodes: row.communeCodes,
      ...(row.scopeNote === null ? {} : { note: row.scopeNote }),
    },
    from: row.startsOn,
    to: row.endsOn,
    source: row.source,
    targets: row.targets,
    ...(row.budget ? { budget: row.budget } : {}),
  });
}

export function recordOf(row: PlanEntity): PlanRecord {
  return {
    ...planOf(row),
    status: row.status,
    preloaded: row.preloaded,
    revision: row.revision,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    withdrawal:
      row.status === 'withdrawn' && row.withdrawnAt && row.withdrawnBy
        ? {
            reason: row.withdrawalReason ?? '',
            withdrawnBy: row.withdrawnBy,
            withdrawnAt: row.withdrawnAt.toISOString(),
          }
        : null,
  };
}

/** The row's columns from a plan's document (the document checked before). */
export function columnsOf(
  plan: Plan,
): Pick<
  PlanEntity,
  | 'code'
  | 'title'
  | 'issuer'
  | 'issuingUnit'
  | 'provinceCode'
  | 'communeCodes'
  | 'scopeNote'
  | 'startsOn'
  | 'endsOn'
  | 'source'
  | 'targets'
  | 'budget'
> {
  const document = canonicalPlan(plan);
  return {
    code: document.code,
    title: document.title,
    issuer: document.issuer,
    issuingUnit: document.unit,
    provinceCode: document.scope.provinceCode,
    communeCodes: document.scope.communeCodes,
    scopeNote: document.scope.note ?? null,
    startsOn: document.from,
    endsOn: document.to,
    source: document.source,
    targets: document.targets,
    budget: document.budget ?? null,
  };
}

/**
 * Inserts the pre-loaded plans that are not there yet (a plan already there, edited or not, is left as it is):
 * run by the migration that created the table, and by any later one that ships a new plan file.
 */
export async function insertPreloadedPlans(runner: QueryRunner | EntityManager, plans: Plan[]): Promise<string[]> {
  const inserted: string[] = [];
  for (const plan of plans) {
    const row = columnsOf(plan);
    const result: unknown = await runner.query(
      `INSERT INTO "reporting"."plan" (code, title, issuer, issuing_unit, province_code, commune_codes, scope_note,
              starts_on, ends_on, source, targets, budget, status, preloaded, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::text[], $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, 'active', true, $13)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        row.code,
        row.title,
        row.issuer,
        JSON.stringify(row.issuingUnit),
        row.provinceCode,
        row.communeCodes,
        row.scopeNote,
        row.startsOn,
        row.endsOn,
        JSON.stringify(row.source),
        JSON.stringify(row.targets),
        row.budget === null ? null : JSON.stringify(row.budget),
        PLAN_LOADER,
      ],
    );
    if (Array.isArray(result) && result.length > 0) inserted.push(plan.code);
  }
  return inserted;
}

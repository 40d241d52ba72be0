import { LEGAL_FORMS, PRODUCT_GROUPS, PRODUCT_STAGES } from '@ocop/contracts';

/** Raw figures of one unit (or one child of it) for a period, straight from the read models. */
export interface RawFigures {
  /** Products by stage and group (the current snapshot). */
  productCounts: { stage: string; group: string; count: number }[];
  /** Valid certificates on the as-of day by stars and group. */
  certified: { stars: number; group: string; count: number }[];
  /** Monthly counters summed over the period, by metric. */
  activity: Record<string, { count: number; amount: number }>;
  /** Certificates whose validity ends in the period (still valid, or expired since). */
  expiring: number;
  producers: Record<string, number>;
  salesPointsActive: number;
}

export const emptyRaw = (): RawFigures => ({
  productCounts: [],
  certified: [],
  activity: {},
  expiring: 0,
  producers: {},
  salesPointsActive: 0,
});

/**
 * The report's figures as named numbers, in the order the documents print them. Every one of them is a count
 * or an amount, so a unit's value is the sum of its children's (shares are computed from them, not summed).
 */
export const FIGURE_KEYS = [
  'products_total',
  ...PRODUCT_STAGES.map((stage) => `products_stage_${stage}`),
  ...PRODUCT_GROUPS.map((group) => `products_group_${group}`),
  'certified_total',
  'certified_3_stars',
  'certified_4_stars',
  'certified_5_stars',
  ...PRODUCT_GROUPS.map((group) => `certified_group_${group}`),
  'ideas_registered',
  'ideas_returned',
  'ideas_selected',
  'plans_received',
  'dossiers_received',
  'pre_assessed',
  'pre_assessed_passed',
  'products_withdrawn',
  'rounds_opened',
  'rounds_decided',
  'evaluations_entered',
  'evaluations_entered_new',
  'evaluations_entered_upgrade',
  'evaluations_entered_re_evaluation',
  'products_scored',
  'products_not_passed',
  'products_forwarded',
  'products_forwarded_national',
  'certificates_issued',
  'certificates_issued_new',
  'certificates_issued_upgrade',
  'certificates_issued_re_evaluation',
  'certificates_issued_3_stars',
  'certificates_issued_4_stars',
  'certificates_issued_5_stars',
  'certificates_expiring',
  'certificates_expired',
  'certificates_revoked',
  'certificates_superseded',
  'producers_total',
  ...LEGAL_FORMS.map((form) => `producers_${form}`),
  'producers_registered',
  'sales_points_active',
  'sales_points_opened',
  'sales_points_closed',
  'consignments',
  'promotion_events_held',
  'promotion_visitors',
  'promotion_sales_vnd',
  'promotion_contracts',
  'promotion_contracts_vnd',
  'promotion_enrolments',
  'listings_published',
  'rewards_granted_vnd',
  'rewards_paid_vnd',
  'support_approved_vnd',
  'support_delivered_vnd',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
/** Every figure by key (FIGURE_KEYS), all present. */
export type FlatFigures = Record<string, number>;

/** Activity metrics read as amounts rather than counts. */
const AMOUNT_FIGURES: Record<string, string> = {
  promotion_visitors: 'promotion_visitors',
  promotion_sales_vnd: 'promotion_sales_vnd',
  promotion_contracts_vnd: 'promotion_contracts',
  rewards_granted_vnd: 'rewards_granted',
  rewards_paid_vnd: 'rewards_paid',
  support_approved_vnd: 'support_approved',
  support_delivered_vnd: 'support_delivered',
};

export function flatten(raw: RawFigures): FlatFigures {
  const flat: FlatFigures = Object.fromEntries(FIGURE_KEYS.map((key) => [key, 0]));
  const add = (key: string, value: number) => {
    if (key in flat) flat[key] = (flat[key] ?? 0) + value;
  };
  for (const row of raw.productCounts) {
    add('products_total', row.count);
    add(`products_stage_${row.stage}`, row.count);
    add(`products_group_${row.group}`, row.count);
  }
  for (const row of raw.certified) {
    add('certified_total', row.count);
    add(`certified_${row.stars}_stars`, row.count);
    add(`certified_group_${row.group}`, row.count);
  }
  for (const [metric, value] of Object.entries(raw.activity)) add(metric, value.count);
  for (const [key, metric] of Object.entries(AMOUNT_FIGURES)) flat[key] = raw.activity[metric]?.amount ?? 0;
  flat.certificates_expiring = raw.expiring;
  for (const [form, count] of Object.entries(raw.producers)) {
    add('producers_total', count);
    add(`producers_${form}`, count);
  }
  flat.sales_points_active = raw.salesPointsActive;
  return flat;
}

export function addFlat(a: FlatFigures, b: FlatFigures): FlatFigures {
  return Object.fromEntries(FIGURE_KEYS.map((key) => [key, (a[key] ?? 0) + (b[key] ?? 0)]));
}

/** Share of a part in a whole, 0 when the whole is 0 (a fraction, e.g. 0.3). */
export const share = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

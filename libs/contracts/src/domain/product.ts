/** Product groups of the current rules (OCOP.md §3). The 2018 groups map onto these in reference data. */
export const PRODUCT_GROUPS = ['food', 'beverages', 'herbal', 'handicrafts', 'ornamental', 'tourism'] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];

/**
 * A product's place in the annual cycle (OCOP.md §4-5). Registration owns the status; the product
 * workflow mirrors it as its `stage`.
 */
export const PRODUCT_STAGES = [
  'idea',
  'selected',
  'business_plan',
  'dossier',
  'pre_assessed',
  'in_evaluation',
  'certified',
  'expired',
  'revoked',
  'withdrawn',
] as const;
export type ProductStage = (typeof PRODUCT_STAGES)[number];

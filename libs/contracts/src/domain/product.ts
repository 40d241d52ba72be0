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

/**
 * The stages a product may move to from each stage, by the cycle's actions (OCOP.md §4-5). A product
 * can be withdrawn until certified; after certification only expiry, revocation or re-evaluation move it.
 * `idea → certified`: a certificate issued before the platform, recorded from the province's register.
 */
export const PRODUCT_STAGE_TRANSITIONS: Readonly<Record<ProductStage, readonly ProductStage[]>> = {
  idea: ['selected', 'withdrawn', 'certified'],
  selected: ['business_plan', 'withdrawn'],
  business_plan: ['dossier', 'withdrawn'],
  dossier: ['pre_assessed', 'withdrawn'],
  pre_assessed: ['in_evaluation', 'dossier', 'withdrawn'],
  in_evaluation: ['certified', 'dossier', 'withdrawn', 'revoked'],
  certified: ['in_evaluation', 'expired', 'revoked'],
  expired: ['in_evaluation'],
  revoked: [],
  withdrawn: [],
};

export function canMoveProduct(from: ProductStage, to: ProductStage): boolean {
  return PRODUCT_STAGE_TRANSITIONS[from].includes(to);
}

/** Legal forms of a producer (chủ thể OCOP), OCOP.md §1. */
export const LEGAL_FORMS = [
  'cooperative',
  'cooperative_group',
  'joint_stock_company',
  'limited_company',
  'private_enterprise',
  'farm',
  'business_household',
  'tourism_association',
  'tourism_operating_centre',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Tax code: 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

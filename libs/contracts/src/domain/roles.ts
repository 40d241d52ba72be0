/** Roles carried in a user's token. Their permissions per route are listed in docs/security.md. */
export const ROLES = [
  'commune_officer',
  'district_officer',
  'province_officer',
  'ministry_officer',
  'council_member',
  'council_secretary',
  'promotion_officer',
  'producer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Code of the root of the administrative tree: the whole country (the ministry's jurisdiction). */
export const NATIONAL_UNIT_CODE = 'VN';

/** Province codes have two digits in both eras (legacy districts three, communes five). */
export const PROVINCE_CODE_PATTERN = /^\d{2}$/;

export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODE_PATTERN.test(code);
}

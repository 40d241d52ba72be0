/** Who registration's audit log names for what its event handlers and workflow activities change. */
export const SYSTEM_ACTOR = 'system:registration';

/** The unit of a record that belongs to a product (or a producer): its commune, and the commune's province. */
export function unitOf(owner: { communeCode: string; provinceCode: string }): {
  unitCode: string;
  provinceCode: string;
} {
  return { unitCode: owner.communeCode, provinceCode: owner.provinceCode };
}

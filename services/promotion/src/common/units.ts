import { NATIONAL_UNIT_CODE } from '@ocop/contracts';

/** A record's unit and its province agree: VN with VN, a province code with itself, anything below with its province. */
export function unitFitsProvince(unitCode: string, provinceCode: string): boolean {
  if (unitCode === NATIONAL_UNIT_CODE || provinceCode === NATIONAL_UNIT_CODE) return unitCode === provinceCode;
  return unitCode.length !== 2 || unitCode === provinceCode;
}

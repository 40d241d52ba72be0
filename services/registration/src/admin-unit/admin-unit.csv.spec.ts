import { readAdminUnitMapping, readAdminUnits } from './admin-unit.csv';

describe('administrative unit data', () => {
  const units = readAdminUnits();
  const mapping = readAdminUnitMapping();
  const count = (era: string, level: string): number => units.filter((u) => u.era === era && u.level === level).length;

  it('holds both eras with the official counts', () => {
    expect(count('legacy', 'province')).toBe(63);
    expect(count('2025', 'province')).toBe(34);
    expect(count('2025', 'commune')).toBe(3321);
    expect(count('2025', 'district')).toBe(0);
    expect(count('legacy', 'district')).toBeGreaterThan(690);
    expect(count('legacy', 'commune')).toBeGreaterThan(10_000);
  });

  it('computes ancestors nearest first', () => {
    const thiTranVoi = units.find((u) => u.era === 'legacy' && u.code === '07375')!;
    expect(thiTranVoi.name).toBe('Thị trấn Vôi');
    expect(thiTranVoi.ancestors).toEqual(['07375', '217', '24']);
    const xaLangGiang = units.find((u) => u.era === '2025' && u.code === '07375')!;
    expect(xaLangGiang.ancestors).toEqual(['07375', '24']);
  });

  it('maps every legacy commune to at least one current commune', () => {
    const mapped = new Set(mapping.filter((m) => m.legacyLevel === 'commune').map((m) => m.legacyCode));
    const unmapped = units.filter((u) => u.era === 'legacy' && u.level === 'commune' && !mapped.has(u.code));
    expect(unmapped).toEqual([]);
    expect(
      mapping.filter((m) => m.legacyCode === '07393' && m.legacyLevel === 'commune').map((m) => m.newCode),
    ).toEqual(['07381']);
  });
});

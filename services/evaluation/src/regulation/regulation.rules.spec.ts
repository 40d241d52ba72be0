import { readRegulations } from './regulation.data';
import {
  certificateExpiry,
  outcomeAt,
  starsFor,
  validateVersion,
  versionInForce,
  type RegulationVersion,
} from './regulation.rules';

const versions = readRegulations();
const version = (code: string): RegulationVersion => versions.find((candidate) => candidate.code === code)!;

describe('regulation versions as data', () => {
  it('ships the three versions, each coherent', () => {
    expect(versions.map((v) => v.code)).toEqual(['1048/2019', '148/2023', '1489/2025']);
    expect(version('1048/2019').partMaxima).toEqual({ A: 35, B: 25, C: 40 });
    expect(version('148/2023').partMaxima).toEqual({ A: 40, B: 25, C: 35 });
    for (const v of versions) expect(validateVersion(v)).toEqual([]);
  });

  it('refuses parts that do not add up to 100 and bands that do not descend to 0', () => {
    const broken = {
      ...version('148/2023'),
      partMaxima: { A: 40, B: 25, C: 30 },
      starBands: [
        { stars: 5, from: 90 },
        { stars: 4, from: 95 },
      ],
    };
    expect(validateVersion(broken)).toEqual([
      'parts add up to 95, not 100',
      'star bands must descend',
      'the lowest star band must start at 0',
    ]);
  });

  it.each([
    [0, 1],
    [29.99, 1],
    [30, 2],
    [49.99, 2],
    [50, 3],
    [69.99, 3],
    [70, 4],
    [89.99, 4],
    [90, 5],
    [100, 5],
  ])('band edges are half-open: %p points → %p★ (all versions)', (score, stars) => {
    for (const v of versions) expect(starsFor(v, score)).toBe(stars);
  });

  it('refuses scores outside 0..100', () => {
    expect(() => starsFor(version('148/2023'), -0.01)).toThrow(RangeError);
    expect(() => starsFor(version('148/2023'), 100.01)).toThrow(RangeError);
    expect(() => starsFor(version('148/2023'), Number.NaN)).toThrow(RangeError);
  });

  it('148: the district recognises 3★ and forwards from 70; the province 4★ and forwards from 90', () => {
    const v = version('148/2023');
    expect(outcomeAt(v, 'district', 65)).toEqual({ kind: 'recognised', level: 'district', stars: 3 });
    expect(outcomeAt(v, 'district', 70)).toEqual({ kind: 'forwarded', from: 'district', to: 'province', stars: 4 });
    expect(outcomeAt(v, 'district', 49.5)).toEqual({
      kind: 'not_passed',
      level: 'district',
      stars: 2,
      reason: 'below_certified_stars',
    });
    expect(outcomeAt(v, 'province', 85)).toEqual({ kind: 'recognised', level: 'province', stars: 4 });
    expect(outcomeAt(v, 'province', 92)).toEqual({ kind: 'forwarded', from: 'province', to: 'national', stars: 5 });
    expect(outcomeAt(v, 'national', 92)).toEqual({ kind: 'recognised', level: 'national', stars: 5 });
  });

  it('1048: the district only scores and forwards from 50; the province recognises 3-4★', () => {
    const v = version('1048/2019');
    expect(outcomeAt(v, 'district', 55)).toEqual({ kind: 'forwarded', from: 'district', to: 'province', stars: 3 });
    expect(outcomeAt(v, 'province', 55)).toEqual({ kind: 'recognised', level: 'province', stars: 3 });
    expect(outcomeAt(v, 'province', 90)).toEqual({ kind: 'forwarded', from: 'province', to: 'national', stars: 5 });
  });

  it('1489: no district council; the province recognises 3-4★ and forwards 90+ to the ministry', () => {
    const v = version('1489/2025');
    expect(() => outcomeAt(v, 'district', 80)).toThrow(/no district council/);
    expect(outcomeAt(v, 'province', 72)).toEqual({ kind: 'recognised', level: 'province', stars: 4 });
    expect(outcomeAt(v, 'province', 90)).toEqual({ kind: 'forwarded', from: 'province', to: 'national', stars: 5 });
  });

  it('caps the stars by missed mandatory criteria', () => {
    const v = version('148/2023');
    // A criterion required for 3★ missed: not passed whatever the points.
    expect(outcomeAt(v, 'district', 88, 2)).toEqual({
      kind: 'not_passed',
      level: 'district',
      stars: 2,
      reason: 'mandatory_criterion_missed',
    });
    // Required for 4★ missed: 75 points is 3★, recognised at district, not forwarded for 4★.
    expect(outcomeAt(v, 'district', 75, 3)).toEqual({ kind: 'recognised', level: 'district', stars: 3 });
    // Required for 5★ missed at province: 4★, recognised there instead of going up.
    expect(outcomeAt(v, 'province', 93, 4)).toEqual({ kind: 'recognised', level: 'province', stars: 4 });
    // A cap above the band changes nothing.
    expect(outcomeAt(v, 'district', 65, 4)).toEqual({ kind: 'recognised', level: 'district', stars: 3 });
  });

  it('picks the version in force on a date', () => {
    expect(versionInForce(versions, '2019-08-20')).toBeUndefined();
    expect(versionInForce(versions, '2019-08-21')?.code).toBe('1048/2019');
    expect(versionInForce(versions, '2023-02-23')?.code).toBe('1048/2019');
    expect(versionInForce(versions, '2023-02-24')?.code).toBe('148/2023');
    expect(versionInForce(versions, '2024-06-15')?.code).toBe('148/2023');
    expect(versionInForce(versions, '2025-07-06')?.code).toBe('1489/2025');
  });

  it('a certificate is valid 36 months from the decision date', () => {
    const v = version('148/2023');
    expect(certificateExpiry(v, '2024-06-14')).toBe('2027-06-14');
    expect(certificateExpiry(v, '2023-02-28')).toBe('2026-02-28');
    expect(certificateExpiry({ ...v, certificateValidityMonths: 12 }, '2024-02-29')).toBe('2025-02-28');
  });
});

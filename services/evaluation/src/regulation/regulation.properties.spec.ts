import fc from 'fast-check';
import { readRegulations } from './regulation.data';
import { certificateExpiry, outcomeAt, starsFor } from './regulation.rules';

/** Properties of the regulation rules over every version and any score (fast-check). */
describe('regulation rules (properties)', () => {
  const versions = readRegulations();
  const version = fc.constantFrom(...versions);
  const score = fc.double({ min: 0, max: 100, noNaN: true });

  it('stars never fall as the score rises, and stay within 1..5', () => {
    fc.assert(
      fc.property(version, score, score, (v, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(starsFor(v, low)).toBeLessThanOrEqual(starsFor(v, high));
        expect(starsFor(v, low)).toBeGreaterThanOrEqual(1);
        expect(starsFor(v, high)).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('bands are half-open: a band bound belongs to the band above it', () => {
    fc.assert(
      fc.property(version, (v) => {
        for (const band of v.starBands) {
          expect(starsFor(v, band.from)).toBe(band.stars);
          if (band.from > 0) expect(starsFor(v, Math.max(0, band.from - 1e-9))).toBeLessThan(band.stars);
        }
      }),
    );
  });

  it('an outcome never gives more stars than the cap allows, and never certifies below 3 stars', () => {
    fc.assert(
      fc.property(version, score, fc.integer({ min: 1, max: 5 }), (v, s, cap) => {
        for (const { level } of v.levels) {
          const outcome = outcomeAt(v, level, s, cap);
          expect(outcome.stars).toBeLessThanOrEqual(Math.min(cap, starsFor(v, s)));
          if (outcome.kind !== 'not_passed') expect(outcome.stars).toBeGreaterThanOrEqual(v.minimumCertifiedStars);
          if (outcome.kind === 'recognised') {
            const rule = v.levels.find((candidate) => candidate.level === level)!;
            expect(rule.recognises).toContain(outcome.stars);
          }
        }
      }),
    );
  });

  it('a certificate lasts the validity in whole months, its day clamped to the month’s end', () => {
    const day = fc.date({
      min: new Date('2019-01-01T00:00:00Z'),
      max: new Date('2040-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(version, day, (v, date) => {
        const from = date.toISOString().slice(0, 10);
        const until = certificateExpiry(v, from);
        const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
        const [uy, um, ud] = until.split('-').map(Number) as [number, number, number];
        expect((uy - fy) * 12 + (um - fm)).toBe(v.certificateValidityMonths);
        const lastDay = new Date(Date.UTC(uy, um, 0)).getUTCDate();
        expect(ud).toBe(Math.min(fd, lastDay));
      }),
    );
  });
});

import { certificateFor, coversDates, effectiveStatus, type CertificateFacts } from './certificate.rules';

const certificate = (overrides: Partial<CertificateFacts> = {}): CertificateFacts => ({
  id: 'c1',
  number: '213/2024/OCOP-0001',
  stars: 3,
  issuedOn: '2024-06-14',
  validUntil: '2027-06-13',
  status: 'valid',
  ...overrides,
});

const fair = { from: '2024-11-20', to: '2024-11-24', today: '2024-11-01' };

describe('a certificate valid on an event’s dates (OCOP.md §6: only certified products are promoted)', () => {
  it('covers the dates when in force from before the first day to after the last', () => {
    expect(coversDates(certificate(), fair.from, fair.to)).toBe(true);
    expect(coversDates(certificate({ issuedOn: '2024-11-20' }), fair.from, fair.to)).toBe(true);
    expect(coversDates(certificate({ validUntil: '2024-11-24' }), fair.from, fair.to)).toBe(true);
    expect(coversDates(certificate({ issuedOn: '2024-11-21' }), fair.from, fair.to)).toBe(false);
    expect(coversDates(certificate({ validUntil: '2024-11-23' }), fair.from, fair.to)).toBe(false);
    expect(coversDates(certificate({ status: 'revoked' }), fair.from, fair.to)).toBe(false);
  });

  it('treats a certificate past its last day as expired before evaluation says so', () => {
    expect(effectiveStatus(certificate({ validUntil: '2024-10-31' }), '2024-11-01')).toBe('expired');
    expect(effectiveStatus(certificate({ validUntil: '2024-11-01' }), '2024-11-01')).toBe('valid');
    expect(effectiveStatus(certificate({ status: 'revoked', validUntil: '2020-01-01' }), '2024-11-01')).toBe('revoked');
  });

  it('refuses a product never certified', () => {
    expect(certificateFor([], fair)).toEqual({ ok: false, refusal: { code: 'PROMOTION_PRODUCT_NOT_CERTIFIED' } });
  });

  it('refuses an expired or revoked product, naming its latest certificate', () => {
    const old = certificate({ id: 'old', number: 'A', issuedOn: '2019-01-01', status: 'superseded' });
    const expired = certificate({
      id: 'x',
      number: 'B',
      issuedOn: '2021-06-01',
      validUntil: '2024-05-31',
      status: 'expired',
    });
    expect(certificateFor([old, expired], fair)).toEqual({
      ok: false,
      refusal: { code: 'PROMOTION_CERTIFICATE_NOT_IN_FORCE', number: 'B', status: 'expired' },
    });
    expect(certificateFor([certificate({ status: 'revoked' })], fair)).toMatchObject({
      refusal: { code: 'PROMOTION_CERTIFICATE_NOT_IN_FORCE', status: 'revoked' },
    });
    // Still "valid" in the read model, but its last day has passed.
    expect(certificateFor([certificate({ validUntil: '2024-10-01' })], fair)).toMatchObject({
      refusal: { code: 'PROMOTION_CERTIFICATE_NOT_IN_FORCE', status: 'expired' },
    });
  });

  it('refuses too few stars: a 2★ record, or 3★ at an event asking 4★', () => {
    expect(certificateFor([certificate({ stars: 2 })], fair)).toEqual({
      ok: false,
      refusal: { code: 'PROMOTION_STARS_BELOW_MINIMUM', stars: 2, minStars: 3 },
    });
    expect(certificateFor([certificate()], fair, 4)).toMatchObject({
      refusal: { code: 'PROMOTION_STARS_BELOW_MINIMUM', stars: 3, minStars: 4 },
    });
  });

  it('refuses a certificate in force today that lapses during the event', () => {
    expect(certificateFor([certificate({ issuedOn: '2021-11-22', validUntil: '2024-11-21' })], fair)).toEqual({
      ok: false,
      refusal: {
        code: 'PROMOTION_CERTIFICATE_NOT_VALID_ON_DATES',
        number: '213/2024/OCOP-0001',
        issuedOn: '2021-11-22',
        validUntil: '2024-11-21',
        from: fair.from,
        to: fair.to,
      },
    });
  });

  it('takes the certificate with most stars among those covering the dates', () => {
    const three = certificate({ id: 'three' });
    const four = certificate({ id: 'four', stars: 4, issuedOn: '2024-10-01', validUntil: '2027-09-30' });
    const lapsing = certificate({ id: 'five', stars: 5, issuedOn: '2021-11-01', validUntil: '2024-11-21' });
    const result = certificateFor([three, lapsing, four], fair);
    expect(result.ok && result.certificate.id).toBe('four');
  });
});

import { certificateNumber, certificateStatus } from './certificate.rules';

describe('certificate rules', () => {
  it('derives "expiring" inside the notice period, counting the last valid day', () => {
    // 30 days before the last valid day: the notice period starts.
    expect(certificateStatus('valid', '2027-06-20', '2027-05-21', 30)).toBe('expiring');
    expect(certificateStatus('valid', '2027-06-20', '2027-05-20', 30)).toBe('valid');
    expect(certificateStatus('valid', '2027-06-20', '2027-06-20', 30)).toBe('expiring');
    expect(certificateStatus('valid', '2027-06-20', '2027-06-21', 30)).toBe('expired');
  });

  it('keeps ended statuses as stored', () => {
    expect(certificateStatus('revoked', '2027-06-20', '2025-01-01', 30)).toBe('revoked');
    expect(certificateStatus('superseded', '2027-06-20', '2027-06-01', 30)).toBe('superseded');
  });

  it('numbers certificates per issuing unit and year', () => {
    expect(certificateNumber('213', 2024, 7)).toBe('OCOP-213-2024-0007');
    expect(certificateNumber('24', 2025, 12345)).toBe('OCOP-24-2025-12345');
  });
});

import { RegistrationErrors } from '../registration.errors';
import { addMonths, reEvaluationOpensOn, refusalFor, type CertificateFacts } from './application.rules';

const certificate = (facts: Partial<CertificateFacts> = {}): CertificateFacts => ({
  number: 'OCOP-217-2024-0001',
  stars: 3,
  validUntil: '2027-06-14',
  status: 'valid',
  noticeKind: null,
  ...facts,
});
const code = (refusal: { code: string } | null) => refusal?.code ?? null;

describe('application rules', () => {
  it('moves dates by months, keeping to the end of shorter months', () => {
    expect(addMonths('2027-06-14', -6)).toBe('2026-12-14');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2028-08-31', -6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(reEvaluationOpensOn('2027-06-14', 6)).toBe('2026-12-14');
  });

  it('allows re-evaluation of an expired certificate, or a valid one in its window or after a notice', () => {
    const reEvaluate = (facts: Partial<CertificateFacts>, today: string) =>
      refusalFor('re_evaluation', null, certificate(facts), today, 6, 'p1');
    expect(reEvaluate({}, '2026-12-13')).toEqual({
      code: RegistrationErrors.RE_EVALUATION_WINDOW_NOT_OPEN,
      params: { number: 'OCOP-217-2024-0001', validUntil: '2027-06-14', opensOn: '2026-12-14' },
    });
    expect(reEvaluate({}, '2026-12-14')).toBeNull();
    expect(reEvaluate({ noticeKind: 'reminder' }, '2026-01-01')).toBeNull();
    expect(reEvaluate({ status: 'expired' }, '2028-01-01')).toBeNull();
    expect(code(refusalFor('re_evaluation', null, certificate(), '2026-12-14', 3, 'p1'))).toBe(
      RegistrationErrors.RE_EVALUATION_WINDOW_NOT_OPEN,
    );
  });

  it('allows an upgrade of a valid certificate below 5 stars to a higher target', () => {
    const upgrade = (target: number | null, facts: Partial<CertificateFacts> = {}) =>
      code(refusalFor('upgrade', target, certificate(facts), '2026-01-01', 6, 'p1'));
    expect(upgrade(4)).toBeNull();
    expect(upgrade(5, { stars: 4 })).toBeNull();
    expect(upgrade(3)).toBe(RegistrationErrors.UPGRADE_TARGET_INVALID);
    expect(upgrade(null)).toBe(RegistrationErrors.UPGRADE_TARGET_INVALID);
    expect(upgrade(6)).toBe(RegistrationErrors.UPGRADE_TARGET_INVALID);
    expect(upgrade(5, { stars: 5 })).toBe(RegistrationErrors.UPGRADE_ALREADY_FIVE_STARS);
    expect(upgrade(4, { status: 'expired' })).toBe(RegistrationErrors.UPGRADE_NEEDS_VALID_CERTIFICATE);
  });

  it('refuses both without a valid or expired certificate', () => {
    for (const kind of ['re_evaluation', 'upgrade'] as const) {
      expect(code(refusalFor(kind, 4, null, '2026-01-01', 6, 'p1'))).toBe(RegistrationErrors.PRODUCT_NOT_CERTIFIED);
      expect(code(refusalFor(kind, 4, certificate({ status: 'revoked' }), '2026-01-01', 6, 'p1'))).toBe(
        RegistrationErrors.PRODUCT_NOT_CERTIFIED,
      );
    }
  });
});

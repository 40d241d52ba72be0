import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_SEARCH_ATTRIBUTES,
  dateInVietnam,
  defineEvent,
  productWorkflowId,
  RegistrationEvents,
  serviceOfSubject,
  streamOf,
  TAX_CODE_PATTERN,
  yearInVietnam,
} from './index';

describe('contracts', () => {
  it('search attributes equal the list the dev server registers (infra/temporal/search-attributes.txt)', () => {
    const file = readFileSync(join(__dirname, '..', '..', '..', 'infra', 'temporal', 'search-attributes.txt'), 'utf8');
    const registered = file
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean)
      .map((line) => line.split(/\s+/).join(' '));
    const typeName: Record<string, string> = {
      KEYWORD: 'Keyword',
      INT: 'Int',
      DATETIME: 'Datetime',
      TEXT: 'Text',
      BOOL: 'Bool',
      DOUBLE: 'Double',
    };
    expect(ALL_SEARCH_ATTRIBUTES.map((key) => `${key.name} ${typeName[key.type]}`).sort()).toEqual(registered.sort());
  });

  it('event subjects follow ocop.<service>.<aggregate>.<event>.v<N>', () => {
    expect(RegistrationEvents.productRegistered).toEqual({
      subject: 'ocop.registration.product.registered.v1',
      version: 1,
    });
    expect(() => defineEvent('registration.product.registered')).toThrow();
    expect(() => defineEvent('ocop.registration.product.registered')).toThrow();
    expect(serviceOfSubject('ocop.evaluation.certificate.issued.v1')).toBe('evaluation');
    expect(() => serviceOfSubject('ocop.nowhere.x.y.v1')).toThrow();
    expect(streamOf('registration')).toEqual({ name: 'OCOP_REGISTRATION', subjects: ['ocop.registration.>'] });
  });

  it('workflow ids are business keys', () => {
    expect(productWorkflowId('42')).toBe('product-42');
  });

  it.each([
    ['0101234567', true],
    ['0101234567-001', true],
    ['010123456', false],
    ['0101234567-01', false],
    ['0101234567001', false],
    ['01012345ab', false],
  ])('tax code %s valid: %s', (code, valid) => {
    expect(TAX_CODE_PATTERN.test(code)).toBe(valid);
  });

  it('the cycle year is the calendar year in Vietnam, not UTC', () => {
    // 31 Dec 2025 18:30 UTC is already 1 Jan 2026 01:30 in Hà Nội.
    expect(yearInVietnam(new Date('2025-12-31T18:30:00Z'))).toBe(2026);
    expect(yearInVietnam(new Date('2025-12-31T16:59:59Z'))).toBe(2025);
  });

  it('the date of an instant is the calendar date in Vietnam, not UTC', () => {
    expect(dateInVietnam(new Date('2026-03-14T17:00:00Z'))).toBe('2026-03-15');
    expect(dateInVietnam(new Date('2026-03-14T16:59:59Z'))).toBe('2026-03-14');
  });
});

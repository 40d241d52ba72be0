import { PRODUCT_GROUPS } from '@ocop/contracts';
import { APPLICATION_CHECKLIST_FILES } from '../application/application.service';
import { checklistFor, contentMatches, readDossierRules } from './dossier-checklist';

describe('dossier checklists and content checks', () => {
  it('recognises each accepted type by its first bytes, whatever the declared type says', () => {
    const pdf = Buffer.from('%PDF-1.7\n');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([8, 0, 0, 0]), Buffer.from('WEBPVP8L')]);
    const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.from([8, 0, 0, 0]), Buffer.from('WAVEfmt ')]);
    expect(contentMatches('application/pdf', pdf)).toBe(true);
    expect(contentMatches('image/png', png)).toBe(true);
    expect(contentMatches('image/jpeg', jpeg)).toBe(true);
    expect(contentMatches('image/webp', webp)).toBe(true);
    expect(contentMatches('image/webp', wav)).toBe(false);
    expect(contentMatches('image/webp', Buffer.from('RIFF'))).toBe(false);
    expect(contentMatches('image/png', jpeg)).toBe(false);
    expect(contentMatches('image/gif', Buffer.from('GIF89a'))).toBe(false);
  });

  it('loads the application checklists: documents only, the form and the self-assessment for every group', () => {
    for (const path of Object.values(APPLICATION_CHECKLIST_FILES)) {
      const rules = readDossierRules(path);
      expect(rules.items.every((item) => item.kind === 'document')).toBe(true);
      for (const group of PRODUCT_GROUPS) {
        expect(checklistFor(rules, group).map((item) => item.code)).toEqual(
          expect.arrayContaining(['registration_form', 'self_assessment_report']),
        );
      }
    }
  });
});

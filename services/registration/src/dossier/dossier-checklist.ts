import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCT_GROUPS, type ProductGroup } from '@ocop/contracts';

export interface ChecklistItem {
  code: string;
  nameVi: string;
  nameEn: string;
  /** `document`: a file upload; `check`: an officer confirms (e.g. samples received). */
  kind: 'document' | 'check';
  groups: 'all' | ProductGroup[];
}

export interface DossierRules {
  items: ChecklistItem[];
  contentTypes: string[];
}

export const DOSSIER_CHECKLIST_FILE = join(__dirname, '..', '..', 'data', 'dossier-checklist.json');

/** The checklist as data: which documents each product group's dossier needs. */
export function readDossierRules(path = DOSSIER_CHECKLIST_FILE): DossierRules {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    items: ChecklistItem[];
    uploads: { contentTypes: string[] };
  };
  for (const item of file.items) {
    if (item.groups !== 'all' && item.groups.some((group) => !(PRODUCT_GROUPS as readonly string[]).includes(group))) {
      throw new Error(`${path}: item ${item.code} names an unknown group`);
    }
  }
  return { items: file.items, contentTypes: file.uploads.contentTypes };
}

export function checklistFor(rules: DossierRules, group: ProductGroup): ChecklistItem[] {
  return rules.items.filter((item) => item.groups === 'all' || item.groups.includes(group));
}

/** The declared type must match the file's first bytes, so a renamed executable is not stored as a PDF. */
export function contentMatches(contentType: string, content: Buffer): boolean {
  const head = content.subarray(0, 12);
  switch (contentType) {
    case 'application/pdf':
      return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'image/png':
      return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/jpeg':
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case 'image/webp':
      // RIFF container, 4 bytes of length, then the WEBP form type.
      return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
    default:
      return false;
  }
}

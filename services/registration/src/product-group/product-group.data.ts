import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGAL_FORMS, PRODUCT_GROUPS } from '@ocop/contracts';

interface GroupsFile {
  groups: {
    code: string;
    nameVi: string;
    nameEn: string;
    subgroups: { code: string; nameVi: string; nameEn: string }[];
  }[];
  legacyGroups2018: { code: string; nameVi: string; nameEn: string; mapsTo: string; mapsToSubgroup?: string }[];
  legalForms: { tourismOnly: string[] };
}

export const PRODUCT_GROUPS_FILE = join(__dirname, '..', '..', 'data', 'product-groups.json');

/** Reads data/product-groups.json and checks it agrees with the group codes events and DTOs use. */
export function readProductGroups(path = PRODUCT_GROUPS_FILE): GroupsFile {
  const file = JSON.parse(readFileSync(path, 'utf8')) as GroupsFile;
  const codes = file.groups.map((group) => group.code).sort();
  if (codes.join() !== [...PRODUCT_GROUPS].sort().join())
    throw new Error(`${path}: groups ${codes.join()} differ from PRODUCT_GROUPS`);
  for (const legacy of file.legacyGroups2018) {
    if (!codes.includes(legacy.mapsTo))
      throw new Error(`${path}: 2018 group ${legacy.code} maps to unknown ${legacy.mapsTo}`);
  }
  return file;
}

/** Every (group, legal form) pair allowed: all forms may hold any group but the tourism-only forms. */
export function allowedLegalForms(file: GroupsFile): { groupCode: string; legalForm: string }[] {
  return file.groups.flatMap((group) =>
    LEGAL_FORMS.filter((form) => group.code === 'tourism' || !file.legalForms.tourismOnly.includes(form)).map(
      (legalForm) => ({
        groupCode: group.code,
        legalForm,
      }),
    ),
  );
}

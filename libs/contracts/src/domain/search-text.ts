/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, single spaces. "Mật ong Nghĩa Hoà"
 * and "mat ong nghia hoa" fold to the same string (whatever the tone-mark placement, Hoà or Hòa).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

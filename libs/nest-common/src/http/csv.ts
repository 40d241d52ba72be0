import type { Response } from 'express';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote when needed; a leading =,+,-,@ is prefixed so spreadsheets never run it as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine<T>(columns: CsvColumn<T>[], row: T): string {
  return `${columns.map((column) => cell(column.value(row))).join(',')}\r\n`;
}

/**
 * Streams a CSV download in batches (UTF-8 with a BOM so Excel reads Vietnamese correctly). `nextBatch`
 * returns rows after the given offset until it returns an empty batch. The first batch is read before
 * any byte is sent, so a refused request (jurisdiction, bad filter) still gets the common error response;
 * `beforeSending` runs then, once the request is known to be allowed (exports log themselves there).
 */
export async function sendCsv<T>(
  response: Response,
  filename: string,
  columns: CsvColumn<T>[],
  nextBatch: (offset: number) => Promise<T[]>,
  beforeSending?: () => Promise<void>,
): Promise<void> {
  let rows = await nextBatch(0);
  await beforeSending?.();
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.write(`\uFEFF${columns.map((column) => cell(column.header)).join(',')}\r\n`);
  for (let offset = 0; rows.length > 0; rows = await nextBatch(offset)) {
    const chunk = rows.map((row) => csvLine(columns, row)).join('');
    if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
    offset += rows.length;
  }
  response.end();
}

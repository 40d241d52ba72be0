import { Workbook, type Alignment, type Borders, type Cell, type Font, type Worksheet } from 'exceljs';
import { parseIsoDate } from './vietnamese-date';

/**
 * Administrative workbooks: spreadsheets laid out the way Vietnamese official reports are (Nghị định
 * 30/2020/NĐ-CP), one worksheet per numbered table ("Biểu 1", "Biểu 2", …), each sheet printable on its own:
 *
 *   ỦY BAN NHÂN DÂN HUYỆN …            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 *                                         Độc lập - Tự do - Hạnh phúc
 *                                      Lạng Giang, ngày 20 tháng 6 năm 2024
 *                          TITLE (bold, centred)
 *                          subtitle lines (unit, period, …)
 *   Biểu 1. <caption>
 *   | TT | header | header | … |       header frozen, repeated on every printed page
 *   |  1 | …                        number formats by column kind
 *   | Tổng cộng |      | SUM(…) |     optional total row (formulas with their computed results)
 *   notes; signature blocks
 *
 * Text is set in Times New Roman (the administrative standard) unless told otherwise. Number formats use
 * Excel's codes (`#,##0`), which Excel and LibreOffice display with the reader's separators ("1.234,50" in
 * a Vietnamese locale).
 */

export type XlsxColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'date';

export interface XlsxColumn {
  /** The row property the column shows. */
  key: string;
  /** Vietnamese column header. */
  header: string;
  /** In characters; by kind when left out (text 28, integer 12, decimal 14, percent 12, date 12). */
  width?: number;
  /**
   * text: as is, wrapped; integer: `#,##0`; decimal: `#,##0.00`; percent: `0.00%` of a fraction (0.125 →
   * 12.50%); date: `dd/mm/yyyy` of a Date or a `YYYY-MM-DD` string.
   */
  kind: XlsxColumnKind;
  /** Adjacent columns with the same group are headed together by a cell spanning them (two header rows). */
  group?: string;
}

export type XlsxCellValue = string | number | Date | null | undefined;
export type XlsxRow = Readonly<Record<string, XlsxCellValue>>;

export interface XlsxTotalRow {
  /** "Tổng cộng" by default; spans the columns before the first total. */
  label?: string;
  /** Integer or decimal columns summed (a SUM formula, written with its computed result). */
  sum?: readonly string[];
  /** Given values for other columns (e.g. an overall rate in a percent column). */
  values?: Readonly<Record<string, XlsxCellValue>>;
}

export interface XlsxTable {
  /** Printed as "Biểu <n>. <caption>". */
  caption: string;
  columns: readonly XlsxColumn[];
  rows: readonly XlsxRow[];
  /** A first "TT" column numbering the rows; true by default. */
  numbered?: boolean;
  total?: XlsxTotalRow;
  /** Lines printed below the table (sources, remarks). */
  notes?: readonly string[];
  /** The worksheet's tab name; "Biểu <n>" by default. */
  sheetName?: string;
  /** Landscape by default when the columns are wider than a portrait A4 page holds. */
  orientation?: 'portrait' | 'landscape';
}

export interface XlsxSigner {
  /** E.g. "NGƯỜI LẬP BIỂU", or "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"; line breaks kept. */
  title: string;
  name?: string;
}

export interface AdministrativeWorkbookOptions {
  /** The issuing unit (left of the national motto); `parent` above it, e.g. the people's committee. */
  issuer: { name: string; parent?: string };
  /** The report's title, printed in capitals. */
  title: string;
  /** Lines under the title: unit, period, … */
  subtitles?: readonly string[];
  /** Under the motto, e.g. "Lạng Giang, ngày 20 tháng 6 năm 2024". */
  placeAndDate?: string;
  /** The document's number, under the issuer, e.g. "Số: 12/BC-UBND". */
  reference?: string;
  /** Signature blocks at the foot of every sheet, side by side. */
  signers?: readonly XlsxSigner[];
  /** Workbook properties; `created` (also used as modified) is fixed by the caller. */
  creator?: string;
  created: Date;
  /** Times New Roman by default. */
  fontName?: string;
  /** Body size in points; 12 by default. */
  fontSize?: number;
}

/** Excel number format of each column kind. */
export const XLSX_NUMBER_FORMATS: Readonly<Record<Exclude<XlsxColumnKind, 'text'>, string>> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.00%',
  date: 'dd/mm/yyyy',
};

const DEFAULT_WIDTHS: Readonly<Record<XlsxColumnKind, number>> = {
  text: 28,
  integer: 12,
  decimal: 14,
  percent: 12,
  date: 12,
};

export const ORDER_COLUMN_HEADER = 'TT';
const ORDER_COLUMN_WIDTH = 6;
const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;
/** Widths (characters) the two halves of the header block need to keep their lines whole. */
const MIN_ISSUER_WIDTH = 34;
const MIN_MOTTO_WIDTH = 44;
/** Portrait A4 at 100 % holds about this many characters across. */
const PORTRAIT_CHARACTERS = 95;

const THIN: Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
  diagonal: {},
};

interface ResolvedColumn {
  key: string | null; // null: the order (TT) column
  header: string;
  width: number;
  kind: XlsxColumnKind;
  group?: string;
}

interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  horizontal?: Alignment['horizontal'];
  vertical?: Alignment['vertical'];
  wrap?: boolean;
  border?: boolean;
  fill?: string;
  numFmt?: string;
}

export class AdministrativeWorkbook {
  private readonly workbook = new Workbook();
  private readonly fontName: string;
  private readonly fontSize: number;
  private tables = 0;
  private readonly sheetNames = new Set<string>();

  constructor(private readonly options: AdministrativeWorkbookOptions) {
    if (Number.isNaN(options.created.getTime())) {
      throw new RangeError('created is not a valid date');
    }
    this.fontName = options.fontName ?? 'Times New Roman';
    this.fontSize = options.fontSize ?? 12;
    this.workbook.creator = options.creator ?? 'OCOP platform';
    this.workbook.lastModifiedBy = this.workbook.creator;
    this.workbook.created = options.created;
    this.workbook.modified = options.created;
    this.workbook.title = options.title;
    // Totals are formulas: have Excel compute them again when the file is opened.
    this.workbook.calcProperties.fullCalcOnLoad = true;
  }

  /** How many tables (worksheets) the workbook has. */
  get tableCount(): number {
    return this.tables;
  }

  /** Adds "Biểu <n>" on a worksheet of its own, under the header block, title and subtitles. */
  addTable(table: XlsxTable): this {
    const number = this.tables + 1;
    const columns = this.resolveColumns(table);
    this.validate(table, columns);
    const signers = this.options.signers ?? [];
    if (signers.length > columns.length) {
      throw new RangeError(`${signers.length} signature blocks do not fit under ${columns.length} columns`);
    }
    const sheetName = this.uniqueSheetName(table.sheetName ?? `Biểu ${number}`);
    const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);
    const sheet = this.workbook.addWorksheet(sheetName, {
      pageSetup: {
        paperSize: 9, // A4
        orientation: table.orientation ?? (totalWidth > PORTRAIT_CHARACTERS ? 'landscape' : 'portrait'),
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
    });
    columns.forEach((column, i) => {
      sheet.getColumn(i + 1).width = column.width;
    });

    let row = this.writeHeaderBlock(sheet, columns);
    row += 1;
    row = this.writeCaption(sheet, row, columns.length, `Biểu ${number}. ${table.caption}`);
    const headerStart = row;
    row = this.writeColumnHeaders(sheet, row, columns);
    const headerEnd = row - 1;
    const firstDataRow = row;
    table.rows.forEach((values, index) => {
      this.writeDataRow(sheet, row, columns, values, index + 1);
      row += 1;
    });
    if (table.total) {
      this.writeTotalRow(sheet, row, columns, table.total, table.rows, firstDataRow);
      row += 1;
    }
    for (const note of table.notes ?? []) {
      sheet.mergeCells(row, 1, row, columns.length);
      this.setCell(sheet.getCell(row, 1), note, { italic: true, wrap: true, horizontal: 'left' });
      this.fitHeight(sheet, row, [note], totalWidth);
      row += 1;
    }
    if (signers.length > 0) {
      this.writeSigners(sheet, row + 1, columns, signers);
    }

    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerEnd, topLeftCell: `A${headerEnd + 1}` }];
    sheet.pageSetup.printTitlesRow = `${headerStart}:${headerEnd}`;
    this.tables = number;
    return this;
  }

  /** The workbook as an .xlsx file. */
  async toBuffer(): Promise<Buffer> {
    if (this.tables === 0) {
      throw new Error('an administrative workbook needs at least one table');
    }
    const data = await this.workbook.xlsx.writeBuffer();
    return Buffer.from(data);
  }

  private resolveColumns(table: XlsxTable): ResolvedColumn[] {
    const columns: ResolvedColumn[] = table.columns.map((column) => ({
      key: column.key,
      header: column.header,
      width: column.width ?? DEFAULT_WIDTHS[column.kind],
      kind: column.kind,
      ...(column.group !== undefined ? { group: column.group } : {}),
    }));
    if (table.numbered ?? true) {
      columns.unshift({ key: null, header: ORDER_COLUMN_HEADER, width: ORDER_COLUMN_WIDTH, kind: 'integer' });
    }
    if (columns.length < 2) {
      throw new RangeError(`table "${table.caption}": the header block needs at least two columns`);
    }
    this.widenForHeaderBlock(columns);
    return columns;
  }

  /** Splits the columns under the issuer (left) and the motto (right), widening them where too narrow. */
  private widenForHeaderBlock(columns: ResolvedColumn[]): void {
    const split = headerSplit(columns);
    const left = columns.slice(0, split);
    const right = columns.slice(split);
    const leftWidth = left.reduce((sum, column) => sum + column.width, 0);
    const rightWidth = right.reduce((sum, column) => sum + column.width, 0);
    const lastLeft = left[left.length - 1];
    const lastRight = right[right.length - 1];
    if (lastLeft && leftWidth < MIN_ISSUER_WIDTH) lastLeft.width += MIN_ISSUER_WIDTH - leftWidth;
    if (lastRight && rightWidth < MIN_MOTTO_WIDTH) lastRight.width += MIN_MOTTO_WIDTH - rightWidth;
  }

  private validate(table: XlsxTable, columns: readonly ResolvedColumn[]): void {
    const keys = new Set<string>();
    for (const column of table.columns) {
      if (keys.has(column.key)) {
        throw new RangeError(`table "${table.caption}": column key "${column.key}" appears twice`);
      }
      keys.add(column.key);
    }
    table.rows.forEach((values, index) => {
      for (const column of columns) {
        if (column.key === null) continue;
        const value = values[column.key];
        if (value === null || value === undefined || column.kind === 'text') continue;
        if (column.kind === 'date' && typeof value === 'string') {
          parseIsoDate(value); // throws on anything but YYYY-MM-DD
          continue;
        }
        const ok =
          column.kind === 'date'
            ? value instanceof Date && !Number.isNaN(value.getTime())
            : typeof value === 'number' && Number.isFinite(value);
        if (!ok) {
          throw new TypeError(
            `table "${table.caption}", row ${index + 1}: "${column.key}" is a ${column.kind} column, got ${String(value)}`,
          );
        }
      }
    });
    for (const key of table.total?.sum ?? []) {
      const column = columns.find((c) => c.key === key);
      if (!column || (column.kind !== 'integer' && column.kind !== 'decimal')) {
        throw new RangeError(`table "${table.caption}": total of "${key}", which is no integer or decimal column`);
      }
    }
    for (const key of Object.keys(table.total?.values ?? {})) {
      if (!keys.has(key)) {
        throw new RangeError(`table "${table.caption}": total value for unknown column "${key}"`);
      }
    }
  }

  private uniqueSheetName(wanted: string): string {
    // Excel: at most 31 characters, none of []:*?/\ and no leading or trailing apostrophe.
    const base =
      wanted
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, 31) || 'Biểu';
    let name = base;
    for (let i = 2; this.sheetNames.has(name.toLowerCase()); i += 1) {
      const suffix = ` (${i})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    this.sheetNames.add(name.toLowerCase());
    return name;
  }

  /** Rows 1–3: issuer and reference on the left, motto and place-and-date on the right; title, subtitles. */
  private writeHeaderBlock(sheet: Worksheet, columns: readonly ResolvedColumn[]): number {
    const { issuer, placeAndDate, reference } = this.options;
    const split = headerSplit(columns);
    const last = columns.length;
    const leftWidth = columns.slice(0, split).reduce((sum, column) => sum + column.width, 0);
    const left: [string, CellStyle][] = [];
    if (issuer.parent) left.push([issuer.parent.toLocaleUpperCase('vi'), {}]);
    left.push([issuer.name.toLocaleUpperCase('vi'), { bold: true }]);
    if (reference) left.push([reference, {}]);
    const right: [string, CellStyle][] = [
      [MOTTO[0], { bold: true }],
      [MOTTO[1], { bold: true, underline: true }],
    ];
    if (placeAndDate) right.push([placeAndDate, { italic: true }]);

    const rows = Math.max(left.length, right.length);
    for (let i = 0; i < rows; i += 1) {
      const row = i + 1;
      sheet.mergeCells(row, 1, row, split);
      sheet.mergeCells(row, split + 1, row, last);
      const [leftText, leftStyle] = left[i] ?? ['', {}];
      const [rightText, rightStyle] = right[i] ?? ['', {}];
      this.setCell(sheet.getCell(row, 1), leftText || null, { ...leftStyle, wrap: true });
      this.setCell(sheet.getCell(row, split + 1), rightText || null, { ...rightStyle, wrap: true });
      this.fitHeight(sheet, row, [leftText], leftWidth, 1.15);
    }

    let row = rows + 2;
    sheet.mergeCells(row, 1, row, last);
    this.setCell(sheet.getCell(row, 1), this.options.title.toLocaleUpperCase('vi'), {
      bold: true,
      size: this.fontSize + 2,
      wrap: true,
    });
    const totalWidth = columns.reduce((sum, column) => sum + column.width, 0);
    this.fitHeight(sheet, row, [this.options.title], totalWidth, 1.3);
    row += 1;
    for (const subtitle of this.options.subtitles ?? []) {
      sheet.mergeCells(row, 1, row, last);
      this.setCell(sheet.getCell(row, 1), subtitle, { italic: true, wrap: true });
      this.fitHeight(sheet, row, [subtitle], totalWidth);
      row += 1;
    }
    return row;
  }

  private writeCaption(sheet: Worksheet, row: number, last: number, caption: string): number {
    sheet.mergeCells(row, 1, row, last);
    this.setCell(sheet.getCell(row, 1), caption, { bold: true, horizontal: 'left' });
    return row + 1;
  }

  private writeColumnHeaders(sheet: Worksheet, row: number, columns: readonly ResolvedColumn[]): number {
    const grouped = columns.some((column) => column.group !== undefined);
    const style: CellStyle = { bold: true, wrap: true, border: true, fill: 'FFE7E6E6', vertical: 'middle' };
    if (!grouped) {
      columns.forEach((column, i) => this.setCell(sheet.getCell(row, i + 1), column.header, style));
      this.fitHeight(
        sheet,
        row,
        columns.map((column) => column.header),
        columns.map((column) => column.width),
        1.15,
      );
      return row + 1;
    }
    let i = 0;
    while (i < columns.length) {
      const column = columns[i];
      if (!column) break;
      if (column.group === undefined) {
        sheet.mergeCells(row, i + 1, row + 1, i + 1);
        this.setCell(sheet.getCell(row, i + 1), column.header, style);
        this.styleCell(sheet.getCell(row + 1, i + 1), style);
        i += 1;
        continue;
      }
      let end = i;
      while (columns[end + 1]?.group === column.group) end += 1;
      if (end > i) sheet.mergeCells(row, i + 1, row, end + 1);
      this.setCell(sheet.getCell(row, i + 1), column.group, style);
      for (let j = i; j <= end; j += 1) {
        if (j > i) this.styleCell(sheet.getCell(row, j + 1), style);
        this.setCell(sheet.getCell(row + 1, j + 1), columns[j]?.header ?? '', style);
      }
      i = end + 1;
    }
    this.fitHeight(
      sheet,
      row + 1,
      columns.map((column) => (column.group ? column.header : '')),
      columns.map((column) => column.width),
      1.15,
    );
    return row + 2;
  }

  private writeDataRow(
    sheet: Worksheet,
    row: number,
    columns: readonly ResolvedColumn[],
    values: XlsxRow,
    order: number,
  ): void {
    columns.forEach((column, i) => {
      const cell = sheet.getCell(row, i + 1);
      if (column.key === null) {
        this.setCell(cell, order, { border: true, numFmt: '0' });
        return;
      }
      this.setCell(cell, toCellValue(column, values[column.key]), cellStyleOf(column));
    });
    this.fitHeight(
      sheet,
      row,
      columns.map((column) => (column.key !== null && column.kind === 'text' ? String(values[column.key] ?? '') : '')),
      columns.map((column) => column.width),
    );
  }

  private writeTotalRow(
    sheet: Worksheet,
    row: number,
    columns: readonly ResolvedColumn[],
    total: XlsxTotalRow,
    rows: readonly XlsxRow[],
    firstDataRow: number,
  ): void {
    const sums = new Set(total.sum ?? []);
    const given = total.values ?? {};
    const hasTotal = (column: ResolvedColumn): boolean =>
      column.key !== null && (sums.has(column.key) || Object.prototype.hasOwnProperty.call(given, column.key));
    const firstTotal = columns.findIndex(hasTotal);
    const labelEnd = Math.max(1, firstTotal < 0 ? columns.length : firstTotal); // 1-based last label column
    if (labelEnd > 1) sheet.mergeCells(row, 1, row, labelEnd);
    const labelStyle: CellStyle = { bold: true, border: true };
    this.setCell(sheet.getCell(row, 1), total.label ?? 'Tổng cộng', labelStyle);
    columns.forEach((column, i) => {
      const cell = sheet.getCell(row, i + 1);
      if (i === 0) return;
      const style: CellStyle = { ...cellStyleOf(column), bold: true };
      if (i < labelEnd) {
        // Merged into the label, whose style exceljs shares with it: the label's style, or it would change.
        this.styleCell(cell, labelStyle);
      } else if (column.key === null) {
        this.setCell(cell, null, style);
      } else if (sums.has(column.key)) {
        const key = column.key;
        const result = rows.reduce((sum, values) => sum + (typeof values[key] === 'number' ? values[key] : 0), 0);
        const letter = sheet.getColumn(i + 1).letter;
        const lastDataRow = firstDataRow + rows.length - 1;
        this.setCell(cell, null, style);
        cell.value =
          rows.length > 0
            ? { formula: `SUM(${letter}${firstDataRow}:${letter}${lastDataRow})`, result, date1904: false }
            : 0;
      } else {
        this.setCell(cell, toCellValue(column, given[column.key]), style);
      }
    });
  }

  private writeSigners(
    sheet: Worksheet,
    row: number,
    columns: readonly ResolvedColumn[],
    signers: readonly XlsxSigner[],
  ): void {
    // Columns shared out evenly between the blocks, left to right.
    const per = columns.length / signers.length;
    signers.forEach((signer, s) => {
      const first = Math.round(s * per) + 1;
      const last = Math.round((s + 1) * per);
      const width = columns.slice(first - 1, last).reduce((sum, column) => sum + column.width, 0);
      if (last > first) {
        sheet.mergeCells(row, first, row, last);
        sheet.mergeCells(row + 5, first, row + 5, last);
      }
      this.setCell(sheet.getCell(row, first), signer.title, { bold: true, wrap: true, vertical: 'top' });
      this.fitHeight(sheet, row, [signer.title], width, 1.15);
      this.setCell(sheet.getCell(row + 5, first), signer.name ?? '', { bold: true });
    });
  }

  private setCell(cell: Cell, value: Cell['value'], style: CellStyle = {}): void {
    cell.value = value;
    this.styleCell(cell, style);
  }

  /**
   * Styles a cell without touching its value: a merged cell's value is its master's. Style merged cells
   * like their master: exceljs shares one style between them, so the last one styled wins for all.
   */
  private styleCell(cell: Cell, style: CellStyle): void {
    const font: Partial<Font> = { name: this.fontName, size: style.size ?? this.fontSize };
    if (style.bold) font.bold = true;
    if (style.italic) font.italic = true;
    if (style.underline) font.underline = true;
    cell.font = font;
    cell.alignment = {
      horizontal: style.horizontal ?? 'center',
      vertical: style.vertical ?? 'middle',
      wrapText: style.wrap ?? false,
    };
    if (style.border) cell.border = THIN;
    if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
    if (style.numFmt) cell.numFmt = style.numFmt;
  }

  /** Sets the row's height to hold the longest wrapped text (Excel does not fit rows when it opens a file). */
  private fitHeight(
    sheet: Worksheet,
    row: number,
    texts: readonly string[],
    widths: number | readonly number[],
    factor = 1,
  ): void {
    let lines = 1;
    texts.forEach((text, i) => {
      const width = typeof widths === 'number' ? widths : (widths[i] ?? 10);
      lines = Math.max(lines, wrappedLines(text, width, factor));
    });
    const lineHeight = this.fontSize * 1.3;
    const height = Math.ceil(lines * lineHeight + 4);
    const current = sheet.getRow(row).height ?? 0;
    if (lines > 1 && height > current) sheet.getRow(row).height = height;
  }
}

/** Where the issuer's half of the header block ends: the split leaving both halves closest in width. */
function headerSplit(columns: readonly ResolvedColumn[]): number {
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  let best = 1;
  let bestGap = Infinity;
  let left = 0;
  for (let split = 1; split < columns.length; split += 1) {
    left += columns[split - 1]?.width ?? 0;
    // The issuer gets the order column and at least one more when there are three columns or more.
    if (split === 1 && columns.length >= 3) continue;
    const gap = Math.abs(left - (total - left));
    if (gap < bestGap) {
      best = split;
      bestGap = gap;
    }
  }
  return best;
}

function wrappedLines(text: string, width: number, factor: number): number {
  const usable = Math.max(1, width - 1);
  return text
    .split('\n')
    .reduce((lines, paragraph) => lines + Math.max(1, Math.ceil((paragraph.length * factor) / usable)), 0);
}

function cellStyleOf(column: ResolvedColumn): CellStyle {
  switch (column.kind) {
    case 'text':
      return { border: true, wrap: true, horizontal: 'left' };
    case 'date':
      return { border: true, numFmt: XLSX_NUMBER_FORMATS.date };
    default:
      return { border: true, horizontal: 'right', numFmt: XLSX_NUMBER_FORMATS[column.kind] };
  }
}

function toCellValue(column: ResolvedColumn, value: XlsxCellValue): Cell['value'] {
  if (value === null || value === undefined) return null;
  if (column.kind === 'date' && typeof value === 'string') {
    const { year, month, day } = parseIsoDate(value);
    return new Date(Date.UTC(year, month - 1, day));
  }
  return value;
}

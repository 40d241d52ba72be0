import {
  AdministrativeWorkbook,
  PdfBuilder,
  vietnameseLongDate,
  vietnameseTimestamp,
  type XlsxTable,
} from '@ocop/documents';
import { LEGAL_FORMS, PRODUCT_GROUPS, PRODUCT_STAGES } from '@ocop/contracts';
import { FIGURE_KEYS, type FlatFigures } from '../figures/figures.model';
import type { ReportDocument } from '../figures/report-document';
import { reportTables } from './report-tables';
import {
  GROUP_NAMES,
  LEGAL_FORM_NAMES,
  PERIOD_INDICATORS,
  PROMOTION_INDICATORS,
  STAGE_NAMES,
} from './vietnamese-labels';

export const REPORT_TITLE = 'BÁO CÁO TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM (OCOP)';

/** Who issues the report: the unit's People's Committee (the ministry for the whole country). */
function issuer(document: ReportDocument): { name: string; parent?: string } {
  if (document.unit.level === 'nation')
    return { name: 'Văn phòng Điều phối nông thôn mới Trung ương', parent: 'Bộ Nông nghiệp và Môi trường' };
  return {
    name: `Ủy ban nhân dân ${document.unit.name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu)\s+/u, (kind) => kind.toLocaleLowerCase('vi'))}`,
  };
}

function subtitles(document: ReportDocument, extra: readonly string[]): string[] {
  return [
    `Đơn vị: ${document.unit.name} (mã ${document.unit.code})`,
    `Kỳ báo cáo: ${document.period.label} (từ ${vietnameseLongDate(document.period.start).replace(/^ngày /, '')} đến ${vietnameseLongDate(document.period.end).replace(/^ngày /, '')})`,
    `Số liệu đến ${vietnameseLongDate(document.asOf)}; lập lúc ${vietnameseTimestamp(document.generatedAt)}`,
    ...extra,
  ];
}

export interface RenderOptions {
  /** E.g. "Đã gửi lúc … — Trạng thái: đã tiếp nhận" for a submitted report. */
  extraSubtitles?: readonly string[];
  /** The report's narrative, printed under the tables (PDF) or as a note (XLSX). */
  summary?: string | null;
}

/** The report as an administrative workbook: one sheet per numbered table, under the header block. */
export async function renderReportXlsx(document: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const workbook = new AdministrativeWorkbook({
    issuer: issuer(document),
    title: REPORT_TITLE,
    subtitles: subtitles(document, options.extraSubtitles ?? []),
    created: new Date(document.generatedAt),
    signers: [{ title: 'NGƯỜI LẬP BIỂU' }, { title: 'THỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên, đóng dấu)' }],
  });
  const tables = reportTables(document);
  tables.forEach((table, index) => {
    const notes = [...(table.notes ?? [])];
    if (index === 0 && options.summary) notes.push(`Tóm tắt: ${options.summary}`);
    workbook.addTable({ ...table, notes });
  });
  return workbook.toBuffer();
}

const cellText = (table: XlsxTable, row: XlsxTable['rows'][number], key: string): string => {
  const column = table.columns.find((candidate) => candidate.key === key);
  const value = row[key];
  if (value === null || value === undefined) return '';
  if (column?.kind === 'percent' && typeof value === 'number') return `${(value * 100).toFixed(2)}%`;
  if (column?.kind === 'date' && typeof value === 'string')
    return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
};

/** The report as a PDF (A4, DejaVu Sans): the same numbered tables. */
export async function renderReportPdf(document: ReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  const builder = new PdfBuilder({
    metadata: {
      title: `${REPORT_TITLE} — ${document.unit.name} — ${document.period.label}`,
      author: issuer(document).name,
      subject: 'Báo cáo OCOP',
      creationDate: new Date(document.generatedAt),
    },
    layout: 'landscape',
    fontSize: 10,
  });
  const { name, parent } = issuer(document);
  if (parent) builder.text(parent.toLocaleUpperCase('vi'), { size: 9 });
  builder.text(name.toLocaleUpperCase('vi'), { bold: true, size: 9 });
  builder.centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 10 });
  builder.centred('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 10, gapAfter: 10 });
  builder.title(REPORT_TITLE, { size: 13 });
  for (const line of subtitles(document, options.extraSubtitles ?? []))
    builder.centred(line, { oblique: true, size: 9 });
  builder.space(8);
  reportTables(document).forEach((table, index) => {
    builder.ensureSpace(60);
    builder.text(`Biểu ${index + 1}. ${table.caption}`, { bold: true, gapAfter: 4 });
    const numbered = table.numbered ?? true;
    const columns = [
      ...(numbered ? [{ header: 'TT', weight: 0.35, align: 'center' as const }] : []),
      ...table.columns.map((column) => ({
        header: column.header,
        weight: (column.width ?? (column.kind === 'text' ? 28 : 12)) / 10,
        align: column.kind === 'text' ? ('left' as const) : ('right' as const),
      })),
    ];
    const rows = table.rows.map((row, i) => [
      ...(numbered ? [String(i + 1)] : []),
      ...table.columns.map((column) => cellText(table, row, column.key)),
    ]);
    if (table.total) {
      const sums = new Set(table.total.sum ?? []);
      const totalRow: Record<string, string | number | null> = {};
      for (const column of table.columns)
        totalRow[column.key] = sums.has(column.key)
          ? table.rows.reduce(
              (sum, row) => sum + (typeof row[column.key] === 'number' ? (row[column.key] as number) : 0),
              0,
            )
          : ((table.total.values?.[column.key] as number | string | undefined) ?? null);
      const firstText = table.columns[0]?.key ?? '';
      totalRow[firstText] = table.total.label ?? 'Tổng cộng';
      rows.push([...(numbered ? [''] : []), ...table.columns.map((column) => cellText(table, totalRow, column.key))]);
    }
    builder.table(columns, rows, { fontSize: 8 });
    for (const note of table.notes ?? []) builder.text(note, { oblique: true, size: 8 });
  });
  if (options.summary) {
    builder.ensureSpace(40);
    builder.text('Tóm tắt, đánh giá của đơn vị', { bold: true, gapAfter: 2 });
    builder.text(options.summary);
  }
  builder.footer(`${document.unit.name} — ${document.period.label}`);
  return builder.toBuffer();
}

/** A label for every figure, for the CSV. */
export function figureLabel(key: string): string {
  const known = new Map<string, string>([
    ['products_total', 'Tổng số sản phẩm'],
    ['certified_total', 'Sản phẩm OCOP còn hiệu lực'],
    ['certified_3_stars', 'Sản phẩm OCOP 3 sao còn hiệu lực'],
    ['certified_4_stars', 'Sản phẩm OCOP 4 sao còn hiệu lực'],
    ['certified_5_stars', 'Sản phẩm OCOP 5 sao còn hiệu lực'],
    ['producers_total', 'Tổng số chủ thể'],
    ...PRODUCT_STAGES.map((stage): [string, string] => [`products_stage_${stage}`, `Sản phẩm: ${STAGE_NAMES[stage]}`]),
    ...PRODUCT_GROUPS.map((group): [string, string] => [
      `products_group_${group}`,
      `Sản phẩm nhóm ${GROUP_NAMES[group]}`,
    ]),
    ...PRODUCT_GROUPS.map((group): [string, string] => [
      `certified_group_${group}`,
      `Sản phẩm OCOP còn hiệu lực nhóm ${GROUP_NAMES[group]}`,
    ]),
    ...LEGAL_FORMS.map((form): [string, string] => [`producers_${form}`, `Chủ thể: ${LEGAL_FORM_NAMES[form]}`]),
    ...PERIOD_INDICATORS.map(([k, label]): [string, string] => [k, label.replace(/^— /, '')]),
    ...PROMOTION_INDICATORS.map(([k, label]): [string, string] => [k, label]),
  ]);
  return known.get(key) ?? key;
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The report as CSV (UTF-8 with a BOM): one line per unit and figure, the unit first, then each child. */
export function renderReportCsv(document: ReportDocument): string {
  const lines = [['ky_bao_cao', 'ma_don_vi', 'ten_don_vi', 'chi_tieu', 'noi_dung', 'gia_tri'].join(',')];
  const write = (code: string, name: string, figures: FlatFigures) => {
    for (const key of FIGURE_KEYS)
      lines.push([document.period.key, code, name, key, figureLabel(key), figures[key] ?? 0].map(csvCell).join(','));
  };
  write(document.unit.code, document.unit.name, document.figures);
  for (const child of document.children) write(child.unit.code, child.unit.name, child.figures);
  if (document.own && FIGURE_KEYS.some((key) => document.own?.[key] !== 0))
    write(
      `${document.unit.code}-own`,
      `${document.unit.name} (cấp ${document.unit.level === 'nation' ? 'trung ương' : 'tỉnh'})`,
      document.own,
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

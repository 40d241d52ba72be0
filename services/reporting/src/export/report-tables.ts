import { LEGAL_FORMS, PRODUCT_GROUPS, PRODUCT_STAGES } from '@ocop/contracts';
import type { XlsxColumn, XlsxRow, XlsxTable } from '@ocop/documents';
import type { ReportDocument } from '../figures/report-document';
import {
  CHILD_COLUMNS,
  GROUP_NAMES,
  LEGAL_FORM_NAMES,
  PERIOD_INDICATORS,
  PROMOTION_INDICATORS,
  STAGE_NAMES,
  TARGET_STATUS_NAMES,
  TARGET_UNIT_NAMES,
} from './vietnamese-labels';

const fig = (document: ReportDocument, key: string): number => document.figures[key] ?? 0;
const frac = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const vnDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * The report's numbered tables (Biểu 1, 2, …), in the administrative layout's terms; the XLSX, the PDF and
 * the CSV all print these, so the three say the same.
 */
export function reportTables(document: ReportDocument): XlsxTable[] {
  const tables: XlsxTable[] = [];
  const products = fig(document, 'products_total');
  tables.push({
    caption: 'Sản phẩm tham gia Chương trình OCOP theo bước của chu trình (hiện tại)',
    columns: [
      { key: 'label', header: 'Bước của chu trình', kind: 'text', width: 46 },
      { key: 'count', header: 'Số sản phẩm', kind: 'integer' },
      { key: 'share', header: 'Tỷ lệ', kind: 'percent' },
    ],
    rows: PRODUCT_STAGES.map((stage) => ({
      label: STAGE_NAMES[stage],
      count: fig(document, `products_stage_${stage}`),
      share: frac(fig(document, `products_stage_${stage}`), products),
    })),
    total: { sum: ['count'], values: { share: products === 0 ? 0 : 1 } },
  });
  const certified = fig(document, 'certified_total');
  tables.push({
    caption: `Sản phẩm theo nhóm và sản phẩm OCOP còn hiệu lực đến ngày ${vnDate(document.asOf)}`,
    columns: [
      { key: 'label', header: 'Nhóm sản phẩm', kind: 'text', width: 46 },
      { key: 'products', header: 'Số sản phẩm', kind: 'integer' },
      { key: 'certified', header: 'Sản phẩm OCOP còn hiệu lực', kind: 'integer', width: 16 },
    ],
    rows: PRODUCT_GROUPS.map((group) => ({
      label: GROUP_NAMES[group],
      products: fig(document, `products_group_${group}`),
      certified: fig(document, `certified_group_${group}`),
    })),
    total: { sum: ['products', 'certified'] },
  });
  tables.push({
    caption: `Sản phẩm OCOP còn hiệu lực theo hạng sao đến ngày ${vnDate(document.asOf)}`,
    columns: [
      { key: 'label', header: 'Hạng sao', kind: 'text', width: 30 },
      { key: 'count', header: 'Số sản phẩm', kind: 'integer' },
      { key: 'share', header: 'Tỷ lệ', kind: 'percent' },
    ],
    rows: [3, 4, 5].map((stars) => ({
      label: `${stars} sao`,
      count: fig(document, `certified_${stars}_stars`),
      share: frac(fig(document, `certified_${stars}_stars`), certified),
    })),
    total: { sum: ['count'], values: { share: certified === 0 ? 0 : 1 } },
  });
  tables.push({
    caption: `Kết quả thực hiện trong kỳ (${document.period.label})`,
    columns: [
      { key: 'label', header: 'Nội dung', kind: 'text', width: 58 },
      { key: 'count', header: 'Số lượng', kind: 'integer' },
    ],
    rows: PERIOD_INDICATORS.map(([key, label]) => ({ label, count: fig(document, key) })),
  });
  const producers = fig(document, 'producers_total');
  tables.push({
    caption: 'Chủ thể OCOP theo loại hình',
    columns: [
      { key: 'label', header: 'Loại hình chủ thể', kind: 'text', width: 46 },
      { key: 'count', header: 'Số chủ thể', kind: 'integer' },
      { key: 'share', header: 'Tỷ lệ', kind: 'percent' },
    ],
    rows: LEGAL_FORMS.map((form) => ({
      label: LEGAL_FORM_NAMES[form],
      count: fig(document, `producers_${form}`),
      share: frac(fig(document, `producers_${form}`), producers),
    })),
    total: { sum: ['count'], values: { share: producers === 0 ? 0 : 1 } },
    notes: [`Tỷ lệ hợp tác xã và tổ hợp tác: ${(document.shares.cooperativesAndGroups * 100).toFixed(2)}%.`],
  });
  if (document.promotion)
    tables.push({
      caption: 'Xúc tiến thương mại, khen thưởng và hỗ trợ chủ thể',
      columns: [
        { key: 'label', header: 'Nội dung', kind: 'text', width: 58 },
        { key: 'value', header: 'Số lượng / giá trị', kind: 'integer', width: 18 },
      ],
      rows: PROMOTION_INDICATORS.map(([key, label]) => ({ label, value: fig(document, key) })),
    });
  if (document.targets.length > 0)
    tables.push({
      caption: `Tiến độ thực hiện chỉ tiêu kế hoạch đến ngày ${vnDate(document.asOf)}`,
      columns: [
        { key: 'plan', header: 'Kế hoạch', kind: 'text', width: 30 },
        { key: 'label', header: 'Chỉ tiêu', kind: 'text', width: 34 },
        { key: 'unit', header: 'Đơn vị tính', kind: 'text', width: 10 },
        { key: 'target', header: 'Kế hoạch', kind: 'decimal', width: 10 },
        { key: 'actual', header: 'Thực hiện', kind: 'decimal', width: 10 },
        { key: 'progress', header: 'Tỷ lệ hoàn thành', kind: 'percent', width: 11 },
        { key: 'deadline', header: 'Thời hạn', kind: 'date' },
        { key: 'status', header: 'Đánh giá', kind: 'text', width: 14 },
      ],
      rows: document.targets.map((target) => ({
        plan: target.planTitle,
        label: target.unitName ? `${target.labelVi} (${target.unitName})` : target.labelVi,
        // A target for each commune reads "sản phẩm/xã": its figures are the weakest commune's.
        unit: `${TARGET_UNIT_NAMES[target.unit] ?? target.unit}${target.per === 'commune' ? '/xã' : ''}`,
        target: target.target,
        actual: target.actual,
        progress: target.progress,
        deadline: target.deadline,
        status: TARGET_STATUS_NAMES[target.status] ?? target.status,
      })),
      orientation: 'landscape',
    });
  if (document.children.length > 0) {
    const childLevel = document.unit.level === 'nation' ? 'Tỉnh, thành phố' : 'Xã, phường, đặc khu';
    const ownLabel = document.unit.level === 'nation' ? 'Cấp trung ương' : 'Cấp tỉnh (không thuộc xã)';
    const columns: XlsxColumn[] = [
      { key: 'unit', header: childLevel, kind: 'text', width: 28 },
      ...CHILD_COLUMNS.map(([key, header]) => ({ key, header, kind: 'integer' as const, width: 11 })),
    ];
    const row = (label: string, figures: Record<string, number>): XlsxRow => {
      const cells: Record<string, string | number> = { unit: label };
      for (const [key] of CHILD_COLUMNS) cells[key] = figures[key] ?? 0;
      return cells;
    };
    const rows = document.children.map((child) => row(child.unit.name, child.figures));
    const own = document.own;
    if (own && CHILD_COLUMNS.some(([key]) => (own[key] ?? 0) !== 0)) rows.push(row(ownLabel, own));
    tables.push({
      caption: `Số liệu theo đơn vị hành chính trực thuộc (${document.period.label})`,
      columns,
      rows,
      total: { sum: CHILD_COLUMNS.map(([key]) => key) },
      orientation: 'landscape',
    });
  }
  return tables;
}

import ExcelJS from 'exceljs';
import { inspectPdf } from '@ocop/documents';
import { emptyRaw, flatten } from '../figures/figures.model';
import { parsePeriod } from '../figures/period';
import type { ReportDocument } from '../figures/report-document';
import { renderReportCsv, renderReportPdf, renderReportXlsx } from './report-renderers';

function document(): ReportDocument {
  const figures = flatten({
    ...emptyRaw(),
    productCounts: [{ stage: 'certified', group: 'food', count: 3 }],
    certified: [{ stars: 3, group: 'food', count: 3 }],
    producers: { cooperative: 2, business_household: 1 },
  });
  const commune = (code: string, name: string, certified: number) => ({
    unit: { code, name, level: 'commune' as const, provinceCode: '24' },
    figures: { ...flatten(emptyRaw()), certified_total: certified, products_total: certified },
  });
  return {
    unit: { code: '24', name: 'Tỉnh Bắc Ninh', level: 'province', provinceCode: '24' },
    period: parsePeriod('2026-Q1')!,
    asOf: '2026-03-31',
    generatedAt: '2026-04-02T03:00:00.000Z',
    figures,
    shares: { cooperatives: 0.6667, cooperativeGroups: 0, cooperativesAndGroups: 0.6667 },
    children: [commune('07432', 'Xã Tân Dĩnh', 2), commune('07375', 'Xã Lạng Giang', 1)],
    own: flatten(emptyRaw()),
    targets: [
      {
        planCode: 'lang-giang-2024',
        planTitle: 'Kế hoạch Lạng Giang 2024',
        code: 'new-products-3-stars',
        labelVi: 'Sản phẩm mới đạt 3 sao trở lên',
        indicator: 'certified_products',
        unit: 'products',
        target: 8,
        from: '2024-01-01',
        deadline: '2024-12-31',
        measuredOn: '2024-12-31',
        actual: 2,
        progress: 0.25,
        achieved: false,
        status: 'missed',
        quote: '…',
      },
      {
        planCode: 'lang-giang-2024',
        planTitle: 'Kế hoạch Lạng Giang 2024',
        code: 'new-product-3-stars-each-commune',
        labelVi: 'Mỗi xã, thị trấn phát triển thêm tối thiểu 01 sản phẩm OCOP đạt 3 sao trở lên',
        indicator: 'certified_products',
        unit: 'products',
        target: 1,
        from: '2024-01-01',
        deadline: '2024-12-31',
        measuredOn: '2024-12-31',
        actual: 0,
        progress: 0,
        achieved: false,
        status: 'missed',
        quote: '…',
        per: 'commune',
        unitsAchieved: 4,
        unitsTotal: 5,
        units: [],
      },
      {
        planCode: 'lang-giang-2024',
        planTitle: 'Kế hoạch Lạng Giang 2024',
        code: 'four-star-product-duong-duc',
        labelVi: 'Xây dựng 01 sản phẩm đạt OCOP 4 sao tại xã Dương Đức',
        indicator: 'certified_products',
        unit: 'products',
        target: 1,
        from: '2024-01-01',
        deadline: '2024-12-31',
        measuredOn: '2024-12-31',
        actual: 1,
        progress: 1,
        achieved: true,
        status: 'achieved',
        quote: '…',
        unitCode: '07420',
        unitName: 'Xã Mỹ Thái',
      },
    ],
    promotion: true,
  };
}

describe('report exports', () => {
  it('XLSX: one numbered table per sheet in the administrative layout, with totals', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      new Uint8Array(await renderReportXlsx(document(), { summary: 'Hoàn thành kế hoạch quý' })).buffer,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Biểu ${i + 1}`),
    );
    const values = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .flat()
        .filter((value) => value !== null && value !== undefined);
    expect(values('Biểu 1')).toEqual(
      expect.arrayContaining([
        'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
        'Độc lập - Tự do - Hạnh phúc',
        'Kỳ báo cáo: Quý I/2026 (từ 01 tháng 01 năm 2026 đến 31 tháng 3 năm 2026)',
        'Đã được chứng nhận OCOP',
        'Tóm tắt: Hoàn thành kế hoạch quý',
      ]),
    );
    expect(values('Biểu 7')).toEqual(
      expect.arrayContaining([
        'Sản phẩm mới đạt 3 sao trở lên',
        'Không đạt',
        'sản phẩm/xã',
        'Xây dựng 01 sản phẩm đạt OCOP 4 sao tại xã Dương Đức (Xã Mỹ Thái)',
      ]),
    );
    expect(values('Biểu 8')).toEqual(expect.arrayContaining(['Xã Tân Dĩnh', 'Xã Lạng Giang', 'Tổng cộng']));
  });

  it('PDF: the same tables in Vietnamese, DejaVu embedded', async () => {
    const inspection = inspectPdf(await renderReportPdf(document()));
    const text = inspection.pages.map((page) => page.text).join('\n');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM (OCOP)');
    expect(text).toContain('Chủ thể OCOP theo loại hình');
    expect(text).toContain('Xã Tân Dĩnh');
    expect(inspection.embeddedFontNames.some((name) => name.includes('DejaVuSans'))).toBe(true);
  });

  it('CSV: a line per unit and figure, the unit first', () => {
    const lines = renderReportCsv(document())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('ky_bao_cao,ma_don_vi,ten_don_vi,chi_tieu,noi_dung,gia_tri');
    expect(lines).toContain('2026-Q1,24,Tỉnh Bắc Ninh,certified_total,Sản phẩm OCOP còn hiệu lực,3');
    expect(lines).toContain('2026-Q1,07432,Xã Tân Dĩnh,certified_total,Sản phẩm OCOP còn hiệu lực,2');
  });
});

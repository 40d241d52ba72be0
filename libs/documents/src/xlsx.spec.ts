import { Workbook, type CellFormulaValue, type Worksheet } from 'exceljs';
import {
  AdministrativeWorkbook,
  XLSX_NUMBER_FORMATS,
  type AdministrativeWorkbookOptions,
  type XlsxTable,
} from './xlsx';

const options: AdministrativeWorkbookOptions = {
  issuer: { parent: 'Ủy ban nhân dân tỉnh Bắc Giang', name: 'Sở Nông nghiệp và Phát triển nông thôn' },
  title: 'Báo cáo kết quả thực hiện Chương trình OCOP',
  subtitles: ['Đơn vị: tỉnh Bắc Giang', 'Kỳ báo cáo: Quý II năm 2024'],
  placeAndDate: 'Bắc Giang, ngày 05 tháng 7 năm 2024',
  reference: 'Số: 125/BC-SNN',
  signers: [
    { title: 'NGƯỜI LẬP BIỂU', name: 'Nguyễn Thị Hoa' },
    { title: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', name: 'Trần Văn Nam' },
  ],
  created: new Date('2024-07-05T02:00:00Z'),
};

const byDistrict: XlsxTable = {
  caption: 'Số sản phẩm OCOP theo huyện',
  columns: [
    { key: 'district', header: 'Huyện, thị xã, thành phố', kind: 'text', width: 30 },
    { key: 'products', header: 'Số sản phẩm', kind: 'integer', group: 'Sản phẩm đạt chuẩn' },
    { key: 'fourStars', header: 'Trong đó 4 sao', kind: 'integer', group: 'Sản phẩm đạt chuẩn' },
    { key: 'revenue', header: 'Doanh thu (triệu đồng)', kind: 'decimal' },
    { key: 'share', header: 'Tỷ lệ', kind: 'percent' },
    { key: 'firstRecognised', header: 'Ngày công nhận đầu tiên', kind: 'date' },
  ],
  rows: [
    { district: 'Lạng Giang', products: 12, fourStars: 3, revenue: 15234.5, share: 0.4, firstRecognised: '2019-02-05' },
    {
      district: 'Lục Ngạn',
      products: 15,
      fourStars: 5,
      revenue: 20500,
      share: 0.5,
      firstRecognised: new Date(Date.UTC(2020, 5, 1)),
    },
    { district: 'Yên Thế', products: 3, fourStars: null, revenue: null, share: 0.1, firstRecognised: null },
  ],
  total: { sum: ['products', 'fourStars', 'revenue'], values: { share: 1 } },
  notes: ['Nguồn: hệ thống quản lý OCOP.'],
};

const members: XlsxTable = {
  caption: 'Danh sách thành viên',
  numbered: false,
  columns: [
    { key: 'name', header: 'Họ và tên', kind: 'text' },
    { key: 'role', header: 'Vai trò', kind: 'text' },
  ],
  rows: [{ name: 'Nguyễn Văn A', role: 'Chủ tịch Hội đồng' }],
};

async function readBack(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

/** Row number of the first cell in column A whose text is `text`. */
function rowOf(sheet: Worksheet, text: string): number {
  for (let row = 1; row <= sheet.rowCount; row += 1) {
    if (sheet.getCell(row, 1).text === text) return row;
  }
  throw new Error(`"${text}" not found in column A`);
}

describe('AdministrativeWorkbook', () => {
  let workbook: Workbook;
  let sheet: Worksheet;

  beforeAll(async () => {
    const buffer = await new AdministrativeWorkbook(options).addTable(byDistrict).addTable(members).toBuffer();
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip
    workbook = await readBack(buffer);
    const first = workbook.getWorksheet('Biểu 1');
    if (!first) throw new Error('no sheet "Biểu 1"');
    sheet = first;
  });

  it('has one sheet per table, named "Biểu n", and the workbook properties', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Biểu 1', 'Biểu 2']);
    expect(workbook.creator).toBe('OCOP platform');
    expect(workbook.created.toISOString()).toBe('2024-07-05T02:00:00.000Z');
    expect(workbook.title).toBe(options.title);
  });

  it('writes the header block: issuer on the left, the national motto on the right, title and subtitles', () => {
    expect(sheet.getCell('A1').text).toBe('ỦY BAN NHÂN DÂN TỈNH BẮC GIANG');
    expect(sheet.getCell('A2').text).toBe('SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN');
    expect(sheet.getCell('A2').font.bold).toBe(true);
    expect(sheet.getCell('A3').text).toBe('Số: 125/BC-SNN');
    // Halves of about equal width (6 + 30 + 12 | 12 + 14 + 12 + 12): the issuer over A:C, the motto over D:G.
    expect(sheet.getCell('C1').isMerged && sheet.getCell('C1').master.address).toBe('A1');
    expect(sheet.getCell('D1').text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(sheet.getCell('G1').master.address).toBe('D1');
    expect(sheet.getCell('D2').text).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(sheet.getCell('D2').font).toMatchObject({ bold: true, underline: true });
    expect(sheet.getCell('D3').text).toBe('Bắc Giang, ngày 05 tháng 7 năm 2024');

    const title = sheet.getCell('A5');
    expect(title.text).toBe('BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP');
    expect(title.font).toMatchObject({ bold: true, name: 'Times New Roman', size: 14 });
    expect(title.alignment.horizontal).toBe('center');
    expect(sheet.getCell('G5').master.address).toBe('A5');
    expect(sheet.getCell('A6').text).toBe('Đơn vị: tỉnh Bắc Giang');
    expect(sheet.getCell('A7').text).toBe('Kỳ báo cáo: Quý II năm 2024');
    expect(sheet.getCell('A9').text).toBe('Biểu 1. Số sản phẩm OCOP theo huyện');
  });

  it('heads the table with TT and Vietnamese headers, grouped columns on two rows, frozen and repeated', () => {
    const header = rowOf(sheet, 'TT');
    expect(header).toBe(10);
    const row = sheet.getRow(header);
    const sub = sheet.getRow(header + 1);
    expect(row.getCell(2).text).toBe('Huyện, thị xã, thành phố');
    expect(row.getCell(3).text).toBe('Sản phẩm đạt chuẩn');
    expect(row.getCell(4).master.address).toBe(row.getCell(3).address);
    expect(sub.getCell(3).text).toBe('Số sản phẩm');
    expect(sub.getCell(4).text).toBe('Trong đó 4 sao');
    expect(row.getCell(5).text).toBe('Doanh thu (triệu đồng)');
    expect(sub.getCell(5).master.address).toBe(row.getCell(5).address); // ungrouped: spans both rows
    expect(row.getCell(2).font.bold).toBe(true);

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, printTitlesRow: `${header}:${header + 1}` });
    expect(sheet.getColumn(1).width).toBe(6);
    expect(sheet.getColumn(2).width).toBe(30);
    expect(sheet.getColumn(3).width).toBe(12);
  });

  it('numbers the rows and formats numbers by column kind', () => {
    const first = rowOf(sheet, 'TT') + 2;
    const lines = [0, 1, 2].map((i) => sheet.getRow(first + i));
    expect(lines.map((line) => line.getCell(1).value)).toEqual([1, 2, 3]);
    const [langGiang, lucNgan, yenThe] = lines;
    expect(langGiang?.getCell(2).value).toBe('Lạng Giang');
    expect(langGiang?.getCell(3)).toMatchObject({ value: 12, numFmt: XLSX_NUMBER_FORMATS.integer });
    expect(langGiang?.getCell(3).numFmt).toBe('#,##0');
    expect(langGiang?.getCell(5)).toMatchObject({ value: 15234.5, numFmt: '#,##0.00' });
    expect(langGiang?.getCell(6)).toMatchObject({ value: 0.4, numFmt: '0.00%' });
    expect(langGiang?.getCell(7).numFmt).toBe('dd/mm/yyyy');
    expect((langGiang?.getCell(7).value as Date).toISOString()).toBe('2019-02-05T00:00:00.000Z');
    expect((lucNgan?.getCell(7).value as Date).toISOString()).toBe('2020-06-01T00:00:00.000Z');
    expect(yenThe?.getCell(4).value).toBeNull();
    expect(yenThe?.getCell(4).border.top?.style).toBe('thin');
  });

  it('adds the total row: label, SUM formulas with their results, given values', () => {
    const row = sheet.getRow(rowOf(sheet, 'Tổng cộng'));
    expect(row.number).toBe(rowOf(sheet, 'TT') + 5);
    expect(row.getCell(2).master.address).toBe(row.getCell(1).address);
    const products = row.getCell(3).value as CellFormulaValue;
    expect(products).toMatchObject({ formula: `SUM(C${row.number - 3}:C${row.number - 1})`, result: 30 });
    expect((row.getCell(4).value as CellFormulaValue).result).toBe(8);
    expect((row.getCell(5).value as CellFormulaValue).result).toBeCloseTo(35734.5, 6);
    expect(row.getCell(6).value).toBe(1);
    expect(row.getCell(3).numFmt).toBe('#,##0');
    expect(row.getCell(1).font.bold).toBe(true);
    expect(row.getCell(1).alignment.horizontal).toBe('center');
  });

  it('prints notes and the signature blocks below the table', () => {
    const note = rowOf(sheet, 'Nguồn: hệ thống quản lý OCOP.');
    expect(note).toBe(rowOf(sheet, 'Tổng cộng') + 1);
    const signers = rowOf(sheet, 'NGƯỜI LẬP BIỂU');
    expect(sheet.getCell(signers, 5).text).toBe('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
    expect(sheet.getCell(signers + 5, 1).text).toBe('Nguyễn Thị Hoa');
    expect(sheet.getCell(signers + 5, 5).text).toBe('Trần Văn Nam');
  });

  it('leaves the TT column out when asked, and widens narrow tables to hold the header block', () => {
    const second = workbook.getWorksheet('Biểu 2');
    expect(second?.getCell('A9').text).toBe('Biểu 2. Danh sách thành viên');
    expect(second?.getCell('A10').text).toBe('Họ và tên');
    expect(second?.getCell('A11').text).toBe('Nguyễn Văn A');
    expect(second?.getColumn(1).width).toBe(34);
    expect(second?.getColumn(2).width).toBe(44);
  });

  it('refuses values that do not fit their column, sums of text, and an empty workbook', async () => {
    const book = new AdministrativeWorkbook(options);
    expect(() => book.addTable({ ...byDistrict, rows: [{ district: 'X', products: '12' }] })).toThrow(
      /"products" is a integer column/,
    );
    expect(() => book.addTable({ ...byDistrict, rows: [{ firstRecognised: '05/02/2019' }] })).toThrow(RangeError);
    expect(() => book.addTable({ ...byDistrict, total: { sum: ['district'] } })).toThrow(/no integer or decimal/);
    await expect(book.toBuffer()).rejects.toThrow(/at least one table/);
  });
});

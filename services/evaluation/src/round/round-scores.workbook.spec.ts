import { Workbook, type Worksheet } from 'exceljs';
import { renderRoundScoresXlsx, type RoundScoresWorkbookData } from './round-scores.workbook';

const data: RoundScoresWorkbookData = {
  issuerName: 'Ủy ban nhân dân huyện Lạng Giang',
  roundName: 'Đợt 1 năm 2024',
  level: 'cấp huyện',
  versionCode: 'QD148-2023',
  meetingDate: '2024-06-05',
  members: [
    { id: 'm-1', fullName: 'Nguyễn Văn An', role: 'Chủ tịch Hội đồng' },
    { id: 'm-2', fullName: 'Trần Thị Bích', role: 'Thành viên' },
    { id: 'm-3', fullName: 'Lê Quốc Cường', role: 'Thư ký' },
  ],
  products: [
    {
      productName: 'Mật ong rừng Lục Ngạn',
      producerName: 'HTX Nông nghiệp Đồng Phúc',
      groupName: 'Thực phẩm',
      memberTotals: { 'm-1': 82, 'm-2': 78.5, 'm-3': 80 },
      score: 80.17,
      stars: 4,
      outcome: 'Đạt 4 sao',
      flagged: false,
    },
    {
      productName: 'Gà đồi Yên Thế',
      producerName: 'Công ty TNHH Gà Yên Thế',
      groupName: 'Thực phẩm',
      memberTotals: { 'm-1': 75, 'm-2': 61, 'm-3': null },
      score: 68,
      stars: 3,
      outcome: 'Đạt 3 sao',
      flagged: true,
    },
    {
      productName: 'Rượu làng Vân',
      producerName: 'Cơ sở Vân Hà',
      groupName: 'Đồ uống',
      memberTotals: {},
      score: null,
      stars: null,
      outcome: 'Chưa chấm',
      flagged: false,
    },
  ],
  generatedAt: '2024-06-20T08:15:00Z',
};

async function load(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

function rowOf(sheet: Worksheet, text: string): number {
  for (let row = 1; row <= sheet.rowCount; row += 1) {
    if (sheet.getCell(row, 1).text === text) return row;
  }
  throw new Error(`"${text}" not found in column A`);
}

describe('renderRoundScoresXlsx', () => {
  let workbook: Workbook;
  let scores: Worksheet;
  let members: Worksheet;

  beforeAll(async () => {
    workbook = await load(await renderRoundScoresXlsx(data));
    const [first, second] = workbook.worksheets;
    if (!first || !second) throw new Error('expected two sheets');
    scores = first;
    members = second;
  });

  it('titles the workbook and says which round, level, criteria version and meeting', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Biểu 1', 'Biểu 2']);
    expect(scores.getCell('A1').text).toBe('ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG');
    const title = rowOf(scores, 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM SẢN PHẨM OCOP');
    expect(scores.getCell(title, 1).font.bold).toBe(true);
    expect(scores.getCell(title + 1, 1).text).toBe('Đợt đánh giá: Đợt 1 năm 2024 — cấp huyện');
    expect(scores.getCell(title + 2, 1).text).toBe('Bộ tiêu chí: QD148-2023');
    expect(scores.getCell(title + 3, 1).text).toBe('Ngày họp Hội đồng: ngày 05 tháng 6 năm 2024');
    expect(scores.getCell(title + 4, 1).text).toBe('Số liệu lúc 15:15 ngày 20/06/2024');
    expect(rowOf(scores, 'Biểu 1. Kết quả chấm điểm sản phẩm')).toBe(title + 6);
    expect(workbook.created.toISOString()).toBe('2024-06-20T08:15:00.000Z');
  });

  it('has one column per council member, under a common heading, then average, stars, result and note', () => {
    const header = rowOf(scores, 'TT');
    const top = scores.getRow(header);
    const sub = scores.getRow(header + 1);
    const headings = Array.from({ length: 11 }, (_, i) => sub.getCell(i + 1).text || top.getCell(i + 1).text);
    expect(headings).toEqual([
      'TT',
      'Tên sản phẩm',
      'Chủ thể',
      'Nhóm',
      'Nguyễn Văn An',
      'Trần Thị Bích',
      'Lê Quốc Cường',
      'Điểm bình quân',
      'Số sao',
      'Kết quả',
      'Ghi chú',
    ]);
    expect(top.getCell(5).text).toBe('Điểm của thành viên Hội đồng');
    expect(top.getCell(7).master.address).toBe(top.getCell(5).address);
    expect(scores.views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    expect(scores.pageSetup.orientation).toBe('landscape');
  });

  it("numbers the products and prints each member's total, the average, and the flagged note", () => {
    const first = rowOf(scores, 'TT') + 2;
    const [honey, chicken, wine] = [0, 1, 2].map((i) => scores.getRow(first + i));
    expect([honey, chicken, wine].map((row) => row?.getCell(1).value)).toEqual([1, 2, 3]);

    expect(honey?.getCell(2).value).toBe('Mật ong rừng Lục Ngạn');
    expect(honey?.getCell(3).value).toBe('HTX Nông nghiệp Đồng Phúc');
    expect(honey?.getCell(4).value).toBe('Thực phẩm');
    expect([5, 6, 7].map((c) => honey?.getCell(c).value)).toEqual([82, 78.5, 80]);
    expect(honey?.getCell(6).numFmt).toBe('#,##0.00');
    expect(honey?.getCell(8)).toMatchObject({ value: 80.17, numFmt: '#,##0.00' });
    expect(honey?.getCell(9)).toMatchObject({ value: 4, numFmt: '#,##0' });
    expect(honey?.getCell(10).value).toBe('Đạt 4 sao');
    expect(honey?.getCell(11).value).toBeNull();

    expect([5, 6, 7].map((c) => chicken?.getCell(c).value)).toEqual([75, 61, null]);
    expect(chicken?.getCell(11).value).toBe('Chênh lệch > 10 điểm');

    expect([5, 6, 7, 8, 9].map((c) => wine?.getCell(c).value)).toEqual([null, null, null, null, null]);
    expect(wine?.getCell(10).value).toBe('Chưa chấm');

    // Explains the note under the table.
    expect(scores.getCell(first + 3, 1).text).toMatch(/^Ghi chú "Chênh lệch > 10 điểm"/);
  });

  it('lists the council members in Biểu 2', () => {
    const header = rowOf(members, 'TT');
    expect(members.getCell(header - 1, 1).text).toBe('Biểu 2. Danh sách thành viên Hội đồng');
    expect([1, 2, 3].map((c) => members.getCell(header, c).text)).toEqual(['TT', 'Họ và tên', 'Vai trò']);
    const rows = [1, 2, 3].map((i) => [1, 2, 3].map((c) => members.getCell(header + i, c).value));
    expect(rows).toEqual([
      [1, 'Nguyễn Văn An', 'Chủ tịch Hội đồng'],
      [2, 'Trần Thị Bích', 'Thành viên'],
      [3, 'Lê Quốc Cường', 'Thư ký'],
    ]);
  });

  it('says when the council has not met, and needs no note without a flagged product', async () => {
    const book = await load(
      await renderRoundScoresXlsx({
        ...data,
        meetingDate: null,
        products: data.products.map((product) => ({ ...product, flagged: false })),
      }),
    );
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(rowOf(sheet, 'Hội đồng chưa họp')).toBeGreaterThan(0);
    const last = rowOf(sheet, 'TT') + 4;
    expect(sheet.getCell(last, 1).value).toBe(3);
    expect(sheet.getCell(last + 1, 1).value).toBeNull();
  });
});

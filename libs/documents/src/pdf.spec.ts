import { existsSync } from 'node:fs';
import { PdfBuilder, dejavuFontFiles, type PdfBuilderOptions } from './pdf';
import { inspectPdf } from './pdf-inspect';
import { qrPng } from './qr';

const metadata = {
  title: 'Danh sách sản phẩm OCOP đạt 4 sao',
  author: 'Ủy ban nhân dân huyện Lạng Giang',
  subject: 'Kết quả đánh giá',
  keywords: ['OCOP', 'Bắc Giang'],
  creationDate: new Date('2024-06-20T03:00:00Z'),
};

async function sampleDocument(options: Partial<PdfBuilderOptions> = {}): Promise<Buffer> {
  const pdf = new PdfBuilder({ metadata, ...options });
  pdf
    .title('DANH SÁCH SẢN PHẨM OCOP ĐẠT 4 SAO')
    .centred('Đợt đánh giá năm 2024 — cấp huyện', { gapAfter: 12 })
    .labelledRows([
      ['Đơn vị', 'Ủy ban nhân dân huyện Lạng Giang'],
      ['Kỳ báo cáo', 'Quý II năm 2024'],
    ])
    .text('Ghi chú: điểm được làm tròn đến hai chữ số thập phân.', { oblique: true, gapAfter: 8 })
    .table(
      [
        { header: 'TT', weight: 0.5, align: 'center' },
        { header: 'Tên sản phẩm', weight: 3 },
        { header: 'Chủ thể', weight: 3 },
        { header: 'Điểm', weight: 1, align: 'right' },
      ],
      Array.from({ length: 45 }, (_, i) => [
        String(i + 1),
        `Mật ong rừng Lục Ngạn số ${i + 1}`,
        'Hợp tác xã Nông nghiệp Đồng Phúc',
        (70 + (i % 30)).toFixed(2),
      ]),
    )
    .footer('Hệ thống quản lý OCOP — Lạng Giang');
  return pdf.toBuffer();
}

describe('PdfBuilder', () => {
  it('locates the DejaVu fonts from the installed package', () => {
    const files = dejavuFontFiles();
    expect(files.regular).toMatch(/DejaVuSans\.ttf$/);
    expect(files.bold).toMatch(/DejaVuSans-Bold\.ttf$/);
    expect(existsSync(files.regular) && existsSync(files.bold)).toBe(true);
  });

  it('writes a PDF with the metadata, the embedded DejaVu fonts and the Vietnamese text', async () => {
    const buffer = await sampleDocument();

    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buffer.toString('latin1')).toContain('DejaVuSans');
    expect(buffer.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);

    const pdf = inspectPdf(buffer);
    expect(pdf.info).toMatchObject({
      Title: 'Danh sách sản phẩm OCOP đạt 4 sao',
      Author: 'Ủy ban nhân dân huyện Lạng Giang',
      Subject: 'Kết quả đánh giá',
      Keywords: 'OCOP, Bắc Giang',
      Creator: 'OCOP platform',
      CreationDate: 'D:20240620030000Z',
    });
    // Both faces embedded (subset), and nothing else: no text fell back to a standard font.
    expect(pdf.embeddedFontNames.map((name) => name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(pdf.fontNames.every((name) => name.includes('DejaVuSans'))).toBe(true);

    const [first, second] = pdf.pages;
    expect(pdf.pages).toHaveLength(2);
    expect(first?.width).toBeCloseTo(595.28, 1); // A4 portrait
    expect(first?.height).toBeCloseTo(841.89, 1);
    expect(first?.text).toContain('DANH SÁCH SẢN PHẨM OCOP ĐẠT 4 SAO');
    expect(first?.text).toContain('Ủy ban nhân dân huyện Lạng Giang');
    expect(first?.text).toContain('Mật ong rừng Lục Ngạn số 1');
    // The table goes on over the page break, its header repeated there; the footer is on every page.
    expect(second?.textRuns.slice(0, 4)).toEqual(['TT', 'Tên sản phẩm', 'Chủ thể', 'Điểm']);
    expect(second?.text).toContain('Mật ong rừng Lục Ngạn số 45');
    expect(first?.textRuns).toContain('Trang 1/2');
    expect(second?.textRuns).toContain('Trang 2/2');
    expect(second?.textRuns).toContain('Hệ thống quản lý OCOP — Lạng Giang');
  });

  it('is deterministic for the same input', async () => {
    const [a, b] = await Promise.all([sampleDocument(), sampleDocument()]);
    expect(a.equals(b)).toBe(true);
  });

  it('lays A4 out in landscape and embeds images', async () => {
    const pdf = new PdfBuilder({ metadata, layout: 'landscape' });
    expect(pdf.pageWidth).toBeGreaterThan(pdf.pageHeight);
    pdf.title('Giấy chứng nhận ★★★').image(await qrPng('https://ocop.example.vn/x', 240), { width: 90 });
    const rendered = inspectPdf(await pdf.toBuffer());
    expect(rendered.pages[0]?.width).toBeCloseTo(841.89, 1);
    expect(rendered.pages[0]?.text).toContain('Giấy chứng nhận ★★★');
    expect(rendered.images).toEqual([{ width: 240, height: 240, hasSoftMask: true }]);
  });

  it('renders once, however often toBuffer is called', async () => {
    const pdf = new PdfBuilder({ metadata });
    pdf.text('Một dòng.');
    const first = await pdf.toBuffer();
    expect(await pdf.toBuffer()).toBe(first);
  });

  it('refuses an invalid creation date', () => {
    expect(() => new PdfBuilder({ metadata: { ...metadata, creationDate: new Date('nope') } })).toThrow(RangeError);
  });
});

import { inspectPdf, type PdfInspection } from '@ocop/documents';
import { renderCertificatePdf, type CertificateDocumentData } from './certificate.document';

const data: CertificateDocumentData = {
  number: '213/2024/OCOP-0007',
  productName: 'Mật ong rừng Lục Ngạn',
  producerName: 'Hợp tác xã Nông nghiệp Đồng Phúc',
  producerAddress: 'Thôn Đồng Phúc, xã Tân Hưng, huyện Lạng Giang, tỉnh Bắc Giang',
  groupName: 'Thực phẩm',
  stars: 4,
  issuerName: 'Ủy ban nhân dân huyện Lạng Giang',
  issuerPlace: 'Lạng Giang',
  decisionNumber: '1234/QĐ-UBND',
  decisionDate: '2024-06-20',
  signerName: 'Nguyễn Văn Bình',
  signerTitle: 'CHỦ TỊCH',
  validFrom: '2024-06-20',
  validUntil: '2027-06-19',
  verifyUrl: 'https://ocop.example.vn/xac-thuc/213%2F2024%2FOCOP-0007',
};

/** The page's text with each run's wrapping undone: runs joined by single spaces. */
function flatText(pdf: PdfInspection): string {
  return (pdf.pages[0]?.textRuns ?? []).join(' ').replace(/\s+/g, ' ');
}

describe('renderCertificatePdf', () => {
  let buffer: Buffer;
  let pdf: PdfInspection;

  beforeAll(async () => {
    buffer = await renderCertificatePdf(data);
    pdf = inspectPdf(buffer);
  });

  it('is one landscape A4 page with the embedded DejaVu fonts and the QR code image', () => {
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Two font subsets and a 300 px PNG (with its alpha as a soft mask): tens of kilobytes, not megabytes.
    expect(buffer.length).toBeGreaterThan(15_000);
    expect(buffer.length).toBeLessThan(150_000);
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]?.width).toBeCloseTo(841.89, 1);
    expect(pdf.pages[0]?.height).toBeCloseTo(595.28, 1);
    expect(pdf.embeddedFontNames.map((name) => name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(pdf.images).toEqual([{ width: 300, height: 300, hasSoftMask: true }]);
    expect(pdf.info).toMatchObject({
      Title: 'Giấy chứng nhận sản phẩm OCOP số 213/2024/OCOP-0007',
      Author: 'Ủy ban nhân dân huyện Lạng Giang',
      CreationDate: 'D:20240619170000Z', // the decision date, 00:00 in Vietnam
    });
  });

  it('prints the certificate in Vietnamese, stars as ★, dates written out', () => {
    const runs = pdf.pages[0]?.textRuns ?? [];
    expect(runs).toEqual(
      expect.arrayContaining([
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG',
        'GIẤY CHỨNG NHẬN SẢN PHẨM OCOP',
        'Chứng nhận sản phẩm: Mật ong rừng Lục Ngạn',
        'Đạt: 4 sao',
        '★★★★',
        'Chủ thể sản xuất:',
        'Hợp tác xã Nông nghiệp Đồng Phúc',
        'Thôn Đồng Phúc, xã Tân Hưng, huyện Lạng Giang, tỉnh Bắc Giang',
        'Nhóm sản phẩm:',
        'Thực phẩm',
        'Số: 213/2024/OCOP-0007',
        'Lạng Giang, ngày 20 tháng 6 năm 2024',
        'CHỦ TỊCH',
        'Nguyễn Văn Bình',
        'Quét mã để kiểm tra giấy chứng nhận',
      ]),
    );
    const text = flatText(pdf);
    expect(text).toContain(
      'Theo Quyết định số 1234/QĐ-UBND ngày 20 tháng 6 năm 2024 của Ủy ban nhân dân huyện Lạng Giang.',
    );
    expect(text).toContain('Có giá trị 36 tháng kể từ ngày 20 tháng 6 năm 2024 đến ngày 19 tháng 6 năm 2027.');
    expect(text.replace(/ /g, '')).toContain(data.verifyUrl);
  });

  it('draws as many stars as the rating, and pads January dates', async () => {
    const five = inspectPdf(
      await renderCertificatePdf({ ...data, stars: 5, decisionDate: '2025-01-08', validFrom: '2025-01-08' }),
    );
    const runs = five.pages[0]?.textRuns ?? [];
    expect(runs).toContain('★★★★★');
    expect(runs).toContain('Đạt: 5 sao');
    expect(runs).toContain('Lạng Giang, ngày 08 tháng 01 năm 2025');
    expect(runs).not.toContain('★★★★');
  });

  it('keeps long names and addresses on the one page', async () => {
    const long = inspectPdf(
      await renderCertificatePdf({
        ...data,
        productName: 'Trà hoa vàng Ba Chẽ sấy lạnh đóng hộp quà tặng cao cấp loại đặc biệt hộp 500 gam',
        producerAddress:
          'Tổ dân phố Đồng Tâm, thị trấn Vôi, huyện Lạng Giang, tỉnh Bắc Giang (cơ sở sản xuất: cụm công nghiệp Tân Dĩnh, xã Tân Dĩnh)',
        issuerName: 'Ủy ban nhân dân tỉnh Bắc Giang',
        signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      }),
    );
    expect(long.pages).toHaveLength(1);
    expect(flatText(long)).toContain('hộp 500 gam');
    expect(long.pages[0]?.textRuns).toEqual(expect.arrayContaining(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']));
  });

  it('gives the same bytes for the same data', async () => {
    expect((await renderCertificatePdf(data)).equals(buffer)).toBe(true);
  });

  it('refuses a rating outside 3–5 stars and malformed dates', async () => {
    await expect(renderCertificatePdf({ ...data, stars: 2 as 3 })).rejects.toThrow(RangeError);
    await expect(renderCertificatePdf({ ...data, validUntil: '19/06/2027' })).rejects.toThrow(RangeError);
  });
});

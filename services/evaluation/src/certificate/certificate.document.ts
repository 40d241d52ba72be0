import { PdfBuilder, parseIsoDate, qrPng, vietnameseLongDate } from '@ocop/documents';

/** What the printed OCOP certificate (giấy chứng nhận) shows; every text in Vietnamese, as printed. */
export interface CertificateDocumentData {
  /** E.g. "213/2024/OCOP-0007". */
  number: string;
  productName: string;
  producerName: string;
  producerAddress: string;
  /** Vietnamese group name, e.g. "Thực phẩm". */
  groupName: string;
  stars: 3 | 4 | 5;
  /** E.g. "Ủy ban nhân dân huyện Lạng Giang". */
  issuerName: string;
  /** E.g. "Lạng Giang", for "Lạng Giang, ngày 20 tháng 6 năm 2024". */
  issuerPlace: string;
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  signerName: string;
  /** E.g. "CHỦ TỊCH"; a line break keeps a two-line title ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"). */
  signerTitle: string;
  /** YYYY-MM-DD, printed as given. */
  validFrom: string;
  validUntil: string;
  /** What the QR code opens. */
  verifyUrl: string;
}

const RED = '#b3171d';
const GOLD = '#c99a06';
const STAR = '\u2605'; // ★, in DejaVu Sans
/** QR code: printed 2.9 cm wide from 300 px (≈ 260 dpi). */
const QR_POINTS = 82;
const QR_PIXELS = 300;

/**
 * The certificate as a one-page landscape A4 PDF: national motto, issuer, title, product and stars, producer,
 * group, decision, validity, number, QR code for verification, place and date, signer.
 *
 * Deterministic: the same data gives the same bytes (the PDF's creation date is the decision date).
 */
export async function renderCertificatePdf(data: CertificateDocumentData): Promise<Buffer> {
  if (![3, 4, 5].includes(data.stars)) {
    throw new RangeError(`an OCOP certificate is for 3 to 5 stars, got ${String(data.stars)}`);
  }
  for (const date of [data.decisionDate, data.validFrom, data.validUntil]) parseIsoDate(date);

  const pdf = new PdfBuilder({
    layout: 'landscape',
    margin: 48,
    fontSize: 12,
    metadata: {
      title: `Giấy chứng nhận sản phẩm OCOP số ${data.number}`,
      author: data.issuerName,
      subject: `${data.productName} — ${data.stars} sao`,
      keywords: ['OCOP', 'giấy chứng nhận', data.number],
      creationDate: new Date(`${data.decisionDate}T00:00:00+07:00`),
    },
  });
  const { doc } = pdf;
  const page = { width: pdf.pageWidth, height: pdf.pageHeight };

  // Frame: a red rule with a thin gold one inside.
  doc
    .lineWidth(3)
    .rect(18, 18, page.width - 36, page.height - 36)
    .stroke(RED);
  doc
    .lineWidth(1)
    .rect(25, 25, page.width - 50, page.height - 50)
    .stroke(GOLD);

  // National motto, with the customary rule under the second line.
  pdf.y = 40;
  pdf.centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 });
  pdf.centred('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 12 });
  const mottoWidth = pdf.widthOf('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 12 });
  doc
    .lineWidth(0.8)
    .moveTo((page.width - mottoWidth) / 2, pdf.y + 1)
    .lineTo((page.width + mottoWidth) / 2, pdf.y + 1)
    .stroke('black');
  pdf.space(16);

  pdf.centred(data.issuerName.toLocaleUpperCase('vi'), { bold: true, size: 13, gapAfter: 14 });
  pdf.centred('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP', { bold: true, size: 28, color: RED, gapAfter: 10 });
  pdf.centred(`Chứng nhận sản phẩm: ${data.productName}`, { bold: true, size: 18, gapAfter: 4 });

  // "Đạt: 4 sao ★★★★", the stars in gold, the whole line centred.
  const rating = `Đạt: ${data.stars} sao`;
  const stars = STAR.repeat(data.stars);
  const ratingWidth = pdf.widthOf(`${rating}  `, { bold: true, size: 16 });
  const starsWidth = pdf.widthOf(stars, { size: 26 });
  const ratingX = (page.width - ratingWidth - starsWidth) / 2;
  const ratingY = pdf.y;
  pdf.textAt(rating, { x: ratingX, y: ratingY + 6, width: ratingWidth + 1 }, { bold: true, size: 16, color: RED });
  pdf.textAt(stars, { x: ratingX + ratingWidth, y: ratingY, width: starsWidth + 1 }, { size: 26, color: GOLD });
  pdf.y = ratingY + 44;

  const detailsWidth = 600;
  const details = { x: (page.width - detailsWidth) / 2, width: detailsWidth, labelWidth: 160, size: 13, gapAfter: 5 };
  pdf.labelledRows(
    [
      ['Chủ thể sản xuất:', data.producerName],
      ['Địa chỉ:', data.producerAddress],
      ['Nhóm sản phẩm:', data.groupName],
    ],
    details,
  );
  pdf.space(10);
  const bodyWidth = 680;
  const body = { x: (page.width - bodyWidth) / 2, y: 0, width: bodyWidth };
  pdf.y += pdf.textAt(
    `Theo Quyết định số ${data.decisionNumber} ${vietnameseLongDate(data.decisionDate)} của ${data.issuerName}.`,
    { ...body, y: pdf.y },
    { align: 'center', size: 12 },
  );
  pdf.y += 3;
  pdf.y += pdf.textAt(
    `Có giá trị 36 tháng kể từ ${vietnameseLongDate(data.validFrom)} đến ${vietnameseLongDate(data.validUntil)}.`,
    { ...body, y: pdf.y },
    { align: 'center', size: 12, oblique: true },
  );

  // Foot of the page: number and QR code on the left, place, date and signer on the right, both blocks
  // anchored to the frame (below the text above when that ran long).
  const qr = await qrPng(data.verifyUrl, QR_PIXELS);
  const footTop = Math.max(pdf.y + 10, page.height - 48 - 132);
  const left = 56;
  pdf.textAt(`Số: ${data.number}`, { x: left, y: footTop + 6, width: 260 }, { bold: true, size: 12 });
  const qrY = footTop + 28;
  pdf.image(qr, { x: left, y: qrY, width: QR_POINTS });
  const captionX = left + QR_POINTS + 8;
  const captionHeight = pdf.textAt(
    'Quét mã để kiểm tra giấy chứng nhận',
    { x: captionX, y: qrY + 18, width: 260 },
    { bold: true, size: 9 },
  );
  pdf.textAt(data.verifyUrl, { x: captionX, y: qrY + 20 + captionHeight, width: 260 }, { size: 7, color: '#333333' });

  const signer = { x: page.width - 56 - 300, width: 300 };
  let y = footTop;
  y += pdf.textAt(
    `${data.issuerPlace}, ${vietnameseLongDate(data.decisionDate)}`,
    { ...signer, y },
    {
      align: 'center',
      size: 12,
      oblique: true,
    },
  );
  y += 4;
  y += pdf.textAt(data.signerTitle, { ...signer, y }, { align: 'center', bold: true, size: 13 });
  pdf.textAt(
    data.signerName,
    { ...signer, y: Math.max(y + 58, footTop + 110) },
    { align: 'center', bold: true, size: 13 },
  );

  return pdf.toBuffer();
}

import { AdministrativeWorkbook, vietnameseShortDate, vietnameseTimestamp, type XlsxRow } from '@ocop/documents';

/** Promotion's exports as administrative workbooks (one table each); Vietnamese texts, as printed. */

export interface EnrolmentsWorkbookData {
  organiserName: string;
  eventName: string;
  /** Vietnamese, e.g. "Hội chợ cấp tỉnh". */
  kindAndLevel: string;
  place: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  enrolments: {
    productName: string;
    producerName: string;
    certificateNumber: string;
    stars: number;
    booth: string | null;
    /** Vietnamese. */
    status: string;
    salesVnd: number | null;
    contractsSigned: number | null;
  }[];
  /** ISO timestamp. */
  generatedAt: string;
}

export const ENROLMENTS_TITLE = 'DANH SÁCH SẢN PHẨM OCOP THAM GIA SỰ KIỆN XÚC TIẾN THƯƠNG MẠI';

export async function renderEnrolmentsXlsx(data: EnrolmentsWorkbookData): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  const workbook = new AdministrativeWorkbook({
    issuer: { name: data.organiserName },
    title: ENROLMENTS_TITLE,
    subtitles: [
      `${data.eventName} (${data.kindAndLevel})`,
      `Địa điểm: ${data.place}; thời gian: ${vietnameseShortDate(data.startsOn)} – ${vietnameseShortDate(data.endsOn)}; ${data.capacity} gian hàng`,
      `Số liệu lúc ${vietnameseTimestamp(generatedAt)}`,
    ],
    created: generatedAt,
  });
  workbook.addTable({
    caption: 'Sản phẩm tham gia',
    columns: [
      { key: 'productName', header: 'Tên sản phẩm', kind: 'text', width: 30 },
      { key: 'producerName', header: 'Chủ thể', kind: 'text', width: 30 },
      { key: 'certificateNumber', header: 'Giấy chứng nhận', kind: 'text', width: 22 },
      { key: 'stars', header: 'Số sao', kind: 'integer', width: 8 },
      { key: 'booth', header: 'Gian hàng', kind: 'text', width: 10 },
      { key: 'status', header: 'Tình trạng', kind: 'text', width: 22 },
      { key: 'salesVnd', header: 'Doanh thu (đồng)', kind: 'integer', width: 16 },
      { key: 'contractsSigned', header: 'Hợp đồng ký kết', kind: 'integer', width: 12 },
    ],
    rows: data.enrolments.map((row): XlsxRow => ({ ...row })),
    total: { sum: ['salesVnd', 'contractsSigned'] },
    orientation: 'landscape',
  });
  return workbook.toBuffer();
}

export interface PayoutsWorkbookData {
  payerName: string;
  policyTitles: string[];
  year: number;
  budgetVnd: number | null;
  rewards: {
    productName: string;
    producerName: string;
    certificateNumber: string;
    issuedOn: string;
    stars: number;
    /** Vietnamese: "Sản phẩm mới", "Nâng hạng". */
    reason: string;
    amountVnd: number;
    /** Vietnamese. */
    status: string;
    paidOn: string | null;
    paymentRef: string | null;
  }[];
  generatedAt: string;
}

export const PAYOUTS_TITLE = 'DANH SÁCH THƯỞNG SẢN PHẨM ĐẠT CHỨNG NHẬN OCOP';

export async function renderPayoutsXlsx(data: PayoutsWorkbookData): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  const workbook = new AdministrativeWorkbook({
    issuer: { name: data.payerName },
    title: `${PAYOUTS_TITLE} NĂM ${data.year}`,
    subtitles: [
      ...data.policyTitles,
      data.budgetVnd === null
        ? 'Chưa giao dự toán kinh phí thưởng'
        : `Dự toán kinh phí thưởng: ${data.budgetVnd.toLocaleString('vi-VN')} đồng`,
      `Số liệu lúc ${vietnameseTimestamp(generatedAt)}`,
    ],
    created: generatedAt,
  });
  workbook.addTable({
    caption: 'Các khoản thưởng',
    columns: [
      { key: 'productName', header: 'Tên sản phẩm', kind: 'text', width: 28 },
      { key: 'producerName', header: 'Chủ thể', kind: 'text', width: 28 },
      { key: 'certificateNumber', header: 'Giấy chứng nhận', kind: 'text', width: 20 },
      { key: 'issuedOn', header: 'Ngày công nhận', kind: 'date' },
      { key: 'stars', header: 'Số sao', kind: 'integer', width: 8 },
      { key: 'reason', header: 'Nội dung', kind: 'text', width: 14 },
      { key: 'amountVnd', header: 'Số tiền (đồng)', kind: 'integer', width: 16 },
      { key: 'status', header: 'Tình trạng', kind: 'text', width: 14 },
      { key: 'paidOn', header: 'Ngày chi', kind: 'date' },
      { key: 'paymentRef', header: 'Chứng từ', kind: 'text', width: 16 },
    ],
    rows: data.rewards.map((row): XlsxRow => ({ ...row })),
    total: { sum: ['amountVnd'] },
    orientation: 'landscape',
  });
  return workbook.toBuffer();
}

export interface SupportWorkbookData {
  organiserName: string;
  programmeName: string;
  year: number;
  budgetVnd: number;
  requests: {
    producerName: string;
    producerAddress: string | null;
    productName: string | null;
    /** Vietnamese. */
    kind: string;
    description: string;
    requestedAmountVnd: number;
    approvedAmountVnd: number | null;
    /** Vietnamese. */
    status: string;
    deliveredOn: string | null;
  }[];
  generatedAt: string;
}

export const SUPPORT_TITLE = 'DANH SÁCH HỖ TRỢ CHỦ THỂ OCOP';

/** Laid out like seed 003's BIỂU 2: producer, address, product, what is supported; then money and delivery. */
export async function renderSupportXlsx(data: SupportWorkbookData): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  const workbook = new AdministrativeWorkbook({
    issuer: { name: data.organiserName },
    title: `${SUPPORT_TITLE} NĂM ${data.year}`,
    subtitles: [
      data.programmeName,
      `Kinh phí của chương trình: ${data.budgetVnd.toLocaleString('vi-VN')} đồng`,
      `Số liệu lúc ${vietnameseTimestamp(generatedAt)}`,
    ],
    created: generatedAt,
  });
  workbook.addTable({
    caption: 'Danh sách hỗ trợ',
    columns: [
      { key: 'producerName', header: 'Tên DN, HTX, chủ thể', kind: 'text', width: 28 },
      { key: 'producerAddress', header: 'Địa chỉ', kind: 'text', width: 24 },
      { key: 'productName', header: 'Sản phẩm hỗ trợ', kind: 'text', width: 24 },
      { key: 'kind', header: 'Nội dung hỗ trợ', kind: 'text', width: 20 },
      { key: 'description', header: 'Chi tiết', kind: 'text', width: 28 },
      { key: 'requestedAmountVnd', header: 'Đề nghị (đồng)', kind: 'integer', width: 15, group: 'Kinh phí' },
      { key: 'approvedAmountVnd', header: 'Được duyệt (đồng)', kind: 'integer', width: 15, group: 'Kinh phí' },
      { key: 'status', header: 'Tình trạng', kind: 'text', width: 13 },
      { key: 'deliveredOn', header: 'Ngày bàn giao', kind: 'date' },
    ],
    rows: data.requests.map((row): XlsxRow => ({ ...row })),
    total: { sum: ['requestedAmountVnd', 'approvedAmountVnd'] },
    orientation: 'landscape',
  });
  return workbook.toBuffer();
}

import {
  AdministrativeWorkbook,
  vietnameseLongDate,
  vietnameseTimestamp,
  type XlsxColumn,
  type XlsxRow,
} from '@ocop/documents';

/** What the round's score summary shows; texts in Vietnamese, as printed. */
export interface RoundScoresWorkbookData {
  issuerName: string;
  roundName: string;
  /** Vietnamese, e.g. "cấp huyện". */
  level: string;
  versionCode: string;
  /** YYYY-MM-DD, or null before the council met. */
  meetingDate: string | null;
  members: { id: string; fullName: string; /** Vietnamese */ role: string }[];
  products: {
    productName: string;
    producerName: string;
    groupName: string;
    /** Each member's total by member id; null (or missing) when that member has not scored the product. */
    memberTotals: Record<string, number | null>;
    score: number | null;
    stars: number | null;
    /** Vietnamese. */
    outcome: string;
    /** The members' totals differ by more than 10 points. */
    flagged: boolean;
  }[];
  /** ISO timestamp. */
  generatedAt: string;
}

export const ROUND_SCORES_TITLE = 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM SẢN PHẨM OCOP';
export const FLAGGED_NOTE = 'Chênh lệch > 10 điểm';
const MEMBER_GROUP = 'Điểm của thành viên Hội đồng';

/**
 * The round's scores as an administrative workbook: Biểu 1, each product with every member's total, the
 * average, stars, result and a note where the members' totals differ by more than 10 points; Biểu 2, the
 * council's members.
 */
export async function renderRoundScoresXlsx(data: RoundScoresWorkbookData): Promise<Buffer> {
  const generatedAt = new Date(data.generatedAt);
  const workbook = new AdministrativeWorkbook({
    issuer: { name: data.issuerName },
    title: ROUND_SCORES_TITLE,
    subtitles: [
      `Đợt đánh giá: ${data.roundName} — ${data.level}`,
      `Bộ tiêu chí: ${data.versionCode}`,
      data.meetingDate === null ? 'Hội đồng chưa họp' : `Ngày họp Hội đồng: ${vietnameseLongDate(data.meetingDate)}`,
      `Số liệu lúc ${vietnameseTimestamp(generatedAt)}`,
    ],
    created: generatedAt,
  });

  // Member columns keyed by position: member ids are the caller's, and could clash with the fixed keys.
  const memberColumns: XlsxColumn[] = data.members.map((member, i) => ({
    key: `member${i}`,
    header: member.fullName,
    kind: 'decimal',
    width: 13,
    group: MEMBER_GROUP,
  }));
  const columns: XlsxColumn[] = [
    { key: 'productName', header: 'Tên sản phẩm', kind: 'text', width: 30 },
    { key: 'producerName', header: 'Chủ thể', kind: 'text', width: 28 },
    { key: 'groupName', header: 'Nhóm', kind: 'text', width: 16 },
    ...memberColumns,
    { key: 'score', header: 'Điểm bình quân', kind: 'decimal', width: 12 },
    { key: 'stars', header: 'Số sao', kind: 'integer', width: 8 },
    { key: 'outcome', header: 'Kết quả', kind: 'text', width: 18 },
    { key: 'note', header: 'Ghi chú', kind: 'text', width: 22 },
  ];
  const rows: XlsxRow[] = data.products.map((product) => {
    const row: Record<string, string | number | null> = {
      productName: product.productName,
      producerName: product.producerName,
      groupName: product.groupName,
      score: product.score,
      stars: product.stars,
      outcome: product.outcome,
      note: product.flagged ? FLAGGED_NOTE : null,
    };
    data.members.forEach((member, i) => {
      row[`member${i}`] = product.memberTotals[member.id] ?? null;
    });
    return row;
  });

  workbook.addTable({
    caption: 'Kết quả chấm điểm sản phẩm',
    columns,
    rows,
    orientation: 'landscape',
    ...(data.products.some((product) => product.flagged)
      ? { notes: [`Ghi chú "${FLAGGED_NOTE}": tổng điểm của các thành viên Hội đồng chênh nhau quá 10 điểm.`] }
      : {}),
  });
  workbook.addTable({
    caption: 'Danh sách thành viên Hội đồng',
    columns: [
      { key: 'fullName', header: 'Họ và tên', kind: 'text', width: 32 },
      { key: 'role', header: 'Vai trò', kind: 'text', width: 30 },
    ],
    rows: data.members.map((member) => ({ fullName: member.fullName, role: member.role })),
  });
  return workbook.toBuffer();
}

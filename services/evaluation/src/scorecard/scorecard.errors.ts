import { defineErrors } from '@ocop/nest-common';

export const ScorecardErrors = defineErrors({
  SCORECARD_NOT_FOUND: {
    status: 404,
    vi: 'Chưa có phiếu chấm của thành viên cho sản phẩm {productId}',
    en: 'No scorecard of the member for product {productId}',
  },
  SCORECARD_ALREADY_SUBMITTED: {
    status: 409,
    vi: 'Phiếu chấm đã được nộp; chỉ chấm lại khi hội đồng yêu cầu',
    en: 'The scorecard was already submitted; it is re-scored only when the council asks',
  },
  SCORECARD_INVALID_CHOICE: {
    status: 400,
    vi: 'Phiếu chấm có lựa chọn không thuộc bộ tiêu chí: {problems}',
    en: 'The scorecard has choices outside the criteria set: {problems}',
  },
  SCORECARD_INCOMPLETE: {
    status: 400,
    vi: 'Phiếu chấm còn {count} tiêu chí chưa chấm: {criteria}',
    en: 'The scorecard leaves {count} criteria unscored: {criteria}',
  },
  RESCORE_NOT_NEEDED: {
    status: 409,
    vi: 'Điểm của các thành viên cho sản phẩm {productId} không chênh lệch quá ngưỡng',
    en: "The members' totals for product {productId} are within the threshold",
  },
  SPREAD_NOT_RESCORED: {
    status: 409,
    vi: 'Các thành viên chưa chấm lại sản phẩm {productId}',
    en: 'The members have not re-scored product {productId} yet',
  },
  NOT_THE_CHAIR: {
    status: 403,
    vi: 'Chỉ chủ tịch hội đồng chấp nhận chênh lệch điểm',
    en: 'Only the chair accepts a spread',
  },
});

import { defineErrors } from '@ocop/nest-common';

/** Errors of rounds, scorecards and decisions: the rules of a council's session (OCOP.md §5.4). */
export const RoundErrors = defineErrors({
  ROUND_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đợt đánh giá {roundId}', en: 'Round {roundId} not found' },
  ROUND_DATES_INVALID: {
    status: 400,
    vi: 'Lịch của đợt không hợp lệ: {problem}',
    en: "The round's dates are not valid: {problem}",
  },
  ROUND_LEVEL_NOT_IN_VERSION: {
    status: 400,
    vi: 'Quy định {versionCode} không có hội đồng cấp {level}',
    en: 'Regulation {versionCode} has no {level} council',
  },
  ROUND_PHASE_TRANSITION_INVALID: {
    status: 409,
    vi: 'Đợt đang ở bước {from}, không thể chuyển sang {to}',
    en: 'The round is in phase {from} and cannot move to {to}',
  },
  ROUND_PHASE_FORBIDS: {
    status: 409,
    vi: 'Đợt đang ở bước {phase}: không thể {action}',
    en: 'The round is in phase {phase}: {action} is not allowed',
  },
  ROUND_CHANGED_CONCURRENTLY: {
    status: 409,
    vi: 'Đợt vừa được người khác thay đổi, hãy tải lại',
    en: 'The round was changed by someone else, reload it',
  },
  ROUND_EMPTY: { status: 409, vi: 'Đợt chưa có sản phẩm nào', en: 'The round has no products' },
  ROUND_DOSSIER_DEADLINE_PASSED: {
    status: 409,
    vi: 'Đã quá hạn nhận hồ sơ của đợt ({deadline}); cán bộ tổ chức có thể bổ sung kèm lý do (lateEntryReason)',
    en: "The round's dossier deadline ({deadline}) has passed; an organiser may still enter a product with a lateEntryReason",
  },
  ROUND_QUORUM_NOT_MET: {
    status: 409,
    vi: 'Hội đồng chưa đủ số thành viên dự họp: có mặt {present}/{scoringMembers}, cần {required}{chair}',
    en: 'No quorum: {present} of {scoringMembers} present, {required} needed{chair}',
  },
  ROUND_ATTENDANCE_NOT_RECORDED: {
    status: 409,
    vi: 'Chưa ghi nhận thành viên dự họp của đợt',
    en: "The round's attendance has not been recorded",
  },
  ROUND_PRODUCTS_UNSCORED: {
    status: 409,
    vi: 'Còn {count} sản phẩm chưa có điểm: {products}',
    en: '{count} products have no score yet: {products}',
  },
  ROUND_SPREAD_UNRESOLVED: {
    status: 409,
    vi: 'Còn {count} sản phẩm có điểm chênh lệch quá {threshold} điểm chưa được xử lý',
    en: '{count} products still have members more than {threshold} points apart',
  },
  PRODUCT_NOT_IN_EVALUATION: {
    status: 404,
    vi: 'Sản phẩm {productId} chưa được tiếp nhận vào đánh giá',
    en: 'Product {productId} has not reached evaluation',
  },
  PRODUCT_NOT_READY_FOR_ROUND: {
    status: 409,
    vi: 'Sản phẩm {productId} đang ở bước {stage}, chưa thể vào đợt ({expected})',
    en: 'Product {productId} is at stage {stage} and cannot enter the round ({expected})',
  },
  PRODUCT_OUTSIDE_ROUND_UNIT: {
    status: 409,
    vi: 'Sản phẩm {productId} không thuộc địa bàn của đợt ({provinceCode})',
    en: "Product {productId} is outside the round's unit ({provinceCode})",
  },
  PRODUCT_ALREADY_IN_ROUND: {
    status: 409,
    vi: 'Sản phẩm {productId} đang ở đợt {roundId}',
    en: 'Product {productId} is already in round {roundId}',
  },
  PRODUCT_NOT_IN_ROUND: {
    status: 404,
    vi: 'Sản phẩm {productId} không có trong đợt {roundId}',
    en: 'Product {productId} is not in round {roundId}',
  },
  NO_CERTIFICATE_TO_RENEW: {
    status: 409,
    vi: 'Sản phẩm {productId} không có giấy chứng nhận để {kind}',
    en: 'Product {productId} has no certificate for {kind}',
  },
  NOT_A_COUNCIL_MEMBER: {
    status: 403,
    vi: 'Bạn không phải thành viên chấm điểm của hội đồng đợt này',
    en: "You are not a scoring member of this round's council",
  },
  MEMBER_NOT_IN_COUNCIL: {
    status: 400,
    vi: 'Thành viên {memberId} không thuộc hội đồng của đợt',
    en: "Member {memberId} is not on the round's council",
  },
  MEMBER_NOT_PRESENT: {
    status: 409,
    vi: 'Thành viên không có mặt tại phiên họp nên không chấm điểm',
    en: 'An absent member does not score',
  },
  MEMBER_RECUSED: {
    status: 409,
    vi: 'Thành viên đã khai báo xung đột lợi ích với sản phẩm này nên không chấm điểm',
    en: 'The member declared an interest in this product and does not score it',
  },
  RECUSAL_AFTER_SCORING: {
    status: 409,
    vi: 'Thành viên đã nộp phiếu chấm cho sản phẩm này',
    en: 'The member has already submitted a scorecard for this product',
  },
});

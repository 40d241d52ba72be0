import { defineErrors } from '@ocop/nest-common';

/**
 * Promotion's stable error codes (OCOP.md §6). Codes are part of the API: never rename or reuse one. They
 * are prefixed so they cannot clash with another service's codes in a process that runs several.
 */
export const PromotionErrors = defineErrors({
  PROMOTION_PRODUCT_NOT_CERTIFIED: {
    status: 409,
    vi: 'Sản phẩm {productId} chưa có giấy chứng nhận OCOP: chỉ sản phẩm đạt 3 sao trở lên được xúc tiến thương mại',
    en: 'Product {productId} holds no OCOP certificate: only certified (3★ or more) products are promoted',
  },
  PROMOTION_CERTIFICATE_NOT_IN_FORCE: {
    status: 409,
    vi: 'Giấy chứng nhận {number} của sản phẩm không còn hiệu lực ({status})',
    en: "The product's certificate {number} is no longer in force ({status})",
  },
  PROMOTION_STARS_BELOW_MINIMUM: {
    status: 409,
    vi: 'Sản phẩm đạt {stars} sao, chưa đủ mức tối thiểu {minStars} sao',
    en: 'The product has {stars} stars, below the minimum of {minStars}',
  },
  PROMOTION_CERTIFICATE_NOT_VALID_ON_DATES: {
    status: 409,
    vi: 'Giấy chứng nhận {number} (hiệu lực {issuedOn} – {validUntil}) không còn hiệu lực trong thời gian {from} – {to}',
    en: 'Certificate {number} (valid {issuedOn} to {validUntil}) does not cover {from} to {to}',
  },
  PROMOTION_NOT_YOUR_PRODUCT: {
    status: 403,
    vi: 'Sản phẩm hoặc hồ sơ này không thuộc chủ thể của bạn',
    en: 'This product or record does not belong to your producer',
  },
  PROMOTION_UNIT_PROVINCE_MISMATCH: {
    status: 400,
    vi: 'Đơn vị {unitCode} và tỉnh {provinceCode} không khớp với cấp {level}',
    en: 'Unit {unitCode} and province {provinceCode} do not fit level {level}',
  },
  PROMOTION_DATES_INVALID: {
    status: 400,
    vi: 'Ngày không hợp lệ: {problem}',
    en: 'The dates are not valid: {problem}',
  },
  PROMOTION_EVENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy sự kiện xúc tiến {eventId}',
    en: 'Promotion event {eventId} not found',
  },
  PROMOTION_EVENT_NOT_OPEN: {
    status: 409,
    vi: 'Sự kiện đang ở trạng thái {status}: không thể {action}',
    en: 'The event is {status}: cannot {action}',
  },
  PROMOTION_EVENT_FULL: {
    status: 409,
    vi: 'Sự kiện đã đủ {capacity} gian hàng',
    en: 'The event is full ({capacity} booths)',
  },
  PROMOTION_EVENT_CAPACITY_BELOW_ENROLLED: {
    status: 409,
    vi: 'Đã có {enrolled} sản phẩm tham gia, không thể giảm số gian hàng xuống {capacity}',
    en: '{enrolled} products are enrolled: the capacity cannot go down to {capacity}',
  },
  PROMOTION_EVENT_DATES_EXCLUDE_ENROLLED: {
    status: 409,
    vi: 'Giấy chứng nhận của {count} sản phẩm đã tham gia không còn hiệu lực trong thời gian mới',
    en: 'The certificates of {count} enrolled products do not cover the new dates',
  },
  PROMOTION_EVENT_NOT_STARTED: {
    status: 409,
    vi: 'Sự kiện bắt đầu ngày {startsOn}: chưa thể ghi nhận kết quả',
    en: 'The event starts on {startsOn}: no results yet',
  },
  PROMOTION_ALREADY_ENROLLED: {
    status: 409,
    vi: 'Sản phẩm {productId} đã tham gia sự kiện này',
    en: 'Product {productId} is already enrolled in this event',
  },
  PROMOTION_NOT_ENROLLED: {
    status: 404,
    vi: 'Sản phẩm {productId} không tham gia sự kiện này',
    en: 'Product {productId} is not enrolled in this event',
  },
  SALES_POINT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy điểm giới thiệu và bán sản phẩm {salesPointId}',
    en: 'Sales point {salesPointId} not found',
  },
  SALES_POINT_CLOSED: {
    status: 409,
    vi: 'Điểm giới thiệu và bán sản phẩm đã đóng cửa ngày {closedOn}',
    en: 'The sales point closed on {closedOn}',
  },
  CONSIGNMENT_EXISTS: {
    status: 409,
    vi: 'Sản phẩm {productId} đang được ký gửi tại điểm bán này',
    en: 'Product {productId} is already on consignment at this sales point',
  },
  CONSIGNMENT_NOT_FOUND: {
    status: 404,
    vi: 'Sản phẩm {productId} không ký gửi tại điểm bán này',
    en: 'Product {productId} is not on consignment at this sales point',
  },
  LISTING_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy gian hàng trực tuyến {listingId}',
    en: 'Listing {listingId} not found',
  },
  LISTING_EXISTS: {
    status: 409,
    vi: 'Sản phẩm đã có gian hàng tại địa chỉ {url}',
    en: 'The product already has a listing at {url}',
  },
  LISTING_STATUS_CONFLICT: {
    status: 409,
    vi: 'Gian hàng đang ở trạng thái {status}: không thể {action}',
    en: 'The listing is {status}: cannot {action}',
  },
  REWARD_NOT_FOUND: { status: 404, vi: 'Không tìm thấy khoản thưởng {rewardId}', en: 'Reward {rewardId} not found' },
  REWARD_CERTIFICATE_UNKNOWN: {
    status: 404,
    vi: 'Chưa ghi nhận giấy chứng nhận {certificateId}',
    en: 'Certificate {certificateId} is not known to promotion',
  },
  REWARD_ALREADY_GRANTED: {
    status: 409,
    vi: 'Giấy chứng nhận {number} đã được xét thưởng theo chính sách {policyCode}',
    en: 'Certificate {number} has already been rewarded under policy {policyCode}',
  },
  REWARD_NO_POLICY: {
    status: 409,
    vi: 'Không có chính sách thưởng nào áp dụng cho tỉnh {provinceCode} ngày {issuedOn}',
    en: 'No reward policy covers province {provinceCode} on {issuedOn}',
  },
  REWARD_NOT_DUE: {
    status: 409,
    vi: 'Giấy chứng nhận {number} không được thưởng theo chính sách {policyCode}: {reason}',
    en: 'Certificate {number} earns nothing under policy {policyCode}: {reason}',
  },
  REWARD_STATUS_CONFLICT: {
    status: 409,
    vi: 'Khoản thưởng đang ở trạng thái {from}, không thể chuyển sang {to}',
    en: 'The reward is {from} and cannot become {to}',
  },
  REWARD_BUDGET_NOT_SET: {
    status: 409,
    vi: 'Chưa có dự toán kinh phí thưởng năm {year} của đơn vị {unitCode}',
    en: 'No reward budget is set for unit {unitCode} in {year}',
  },
  REWARD_BUDGET_EXCEEDED: {
    status: 409,
    vi: 'Vượt dự toán kinh phí thưởng năm {year}: còn {remainingVnd} đồng, khoản thưởng {amountVnd} đồng',
    en: 'Over the {year} reward budget: {remainingVnd} VND left, the reward is {amountVnd} VND',
  },
  REWARD_BUDGET_BELOW_COMMITTED: {
    status: 409,
    vi: 'Đã duyệt {committedVnd} đồng năm {year}: dự toán không thể thấp hơn',
    en: '{committedVnd} VND are already approved for {year}: the budget cannot be lower',
  },
  SUPPORT_PROGRAMME_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy chương trình hỗ trợ {programmeId}',
    en: 'Support programme {programmeId} not found',
  },
  SUPPORT_REQUEST_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy đề nghị hỗ trợ {requestId}',
    en: 'Support request {requestId} not found',
  },
  SUPPORT_KIND_NOT_IN_PROGRAMME: {
    status: 400,
    vi: 'Chương trình không hỗ trợ nội dung {kind}',
    en: 'The programme does not support {kind}',
  },
  SUPPORT_STATUS_CONFLICT: {
    status: 409,
    vi: 'Đề nghị hỗ trợ đang ở trạng thái {from}, không thể chuyển sang {to}',
    en: 'The support request is {from} and cannot become {to}',
  },
  SUPPORT_AMOUNT_OVER_REQUESTED: {
    status: 400,
    vi: 'Kinh phí duyệt {approvedAmountVnd} đồng vượt kinh phí đề nghị {requestedAmountVnd} đồng',
    en: 'The approved {approvedAmountVnd} VND exceed the requested {requestedAmountVnd} VND',
  },
  SUPPORT_BUDGET_EXCEEDED: {
    status: 409,
    vi: 'Vượt kinh phí của chương trình: còn {remainingVnd} đồng, đề nghị duyệt {amountVnd} đồng',
    en: "Over the programme's budget: {remainingVnd} VND left, {amountVnd} VND to approve",
  },
});

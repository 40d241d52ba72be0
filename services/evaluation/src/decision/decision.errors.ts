import { defineErrors } from '@ocop/nest-common';

export const DecisionErrors = defineErrors({
  DECISION_NUMBER_TAKEN: {
    status: 409,
    vi: 'Số quyết định {number} của đơn vị {issuingUnitCode} đã được dùng',
    en: 'Decision number {number} of unit {issuingUnitCode} is already used',
  },
  DECISION_DATE_INVALID: {
    status: 400,
    vi: 'Ngày quyết định {decisionDate} không thể trước ngày họp hội đồng {meetingDate}',
    en: 'The decision date {decisionDate} cannot be before the council meeting {meetingDate}',
  },
  CERTIFICATE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy giấy chứng nhận {certificate}',
    en: 'Certificate {certificate} not found',
  },
  CERTIFICATE_NOT_VALID: {
    status: 409,
    vi: 'Giấy chứng nhận {number} đang ở trạng thái {status}',
    en: 'Certificate {number} is {status}',
  },
  DECISION_DATE_IN_FUTURE: {
    status: 400,
    vi: 'Ngày quyết định {decisionDate} sau ngày hôm nay ({today})',
    en: 'The decision date {decisionDate} is after today ({today})',
  },
  VALID_UNTIL_BEFORE_DECISION: {
    status: 400,
    vi: 'Giấy chứng nhận {number} hết hiệu lực ({validUntil}) trước ngày quyết định {decisionDate}',
    en: 'Certificate {number} ends ({validUntil}) before its decision date {decisionDate}',
  },
  CERTIFICATE_NUMBER_TAKEN: {
    status: 409,
    vi: 'Số giấy chứng nhận {number} đã có',
    en: 'Certificate number {number} is already recorded',
  },
  REGISTER_PRODUCT_REPEATED: {
    status: 400,
    vi: 'Sản phẩm {productId} có hơn một giấy chứng nhận trong cùng yêu cầu',
    en: 'Product {productId} has more than one certificate in the request',
  },
  REGISTER_PRODUCT_UNKNOWN: {
    status: 404,
    vi: 'Sản phẩm {productId} chưa được đăng ký: đăng ký chủ thể và sản phẩm trước',
    en: 'Product {productId} is not registered: register its producer and the product first',
  },
  REGISTER_PRODUCT_IN_CYCLE: {
    status: 409,
    vi: 'Sản phẩm {productId} đã vào chu trình OCOP trên hệ thống (bước {stage}): giấy chứng nhận của nó do đợt đánh giá cấp',
    en: 'Product {productId} is already in the OCOP cycle on the platform (stage {stage}): its certificate comes from its round',
  },
  REGISTER_PRODUCT_CERTIFIED: {
    status: 409,
    vi: 'Sản phẩm {productId} đã có giấy chứng nhận {number} trên hệ thống',
    en: 'Product {productId} already has certificate {number} on the platform',
  },
  REGISTER_PROVINCES_DIFFER: {
    status: 400,
    vi: 'Một quyết định chỉ công nhận sản phẩm của một tỉnh: {productId} thuộc tỉnh {provinceCode}, khác {expected}',
    en: 'A decision recognises products of one province: {productId} is in province {provinceCode}, not {expected}',
  },
});

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
});

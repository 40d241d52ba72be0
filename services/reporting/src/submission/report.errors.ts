import { defineErrors } from '@ocop/nest-common';

/** Errors of a report's way up (OCOP.md §7). */
export const ReportErrors = defineErrors({
  REPORT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy báo cáo {reportId}', en: 'Report {reportId} not found' },
  REPORT_EXISTS: {
    status: 409,
    vi: 'Đơn vị {unitCode} đã có báo cáo {obligationCode} kỳ {periodKey} ({reportId})',
    en: 'Unit {unitCode} already has a report {obligationCode} for {periodKey} ({reportId})',
  },
  REPORT_UNIT_NOT_REPORTER: {
    status: 409,
    vi: 'Đơn vị {unitCode} không thuộc diện báo cáo {obligationCode}',
    en: 'Unit {unitCode} does not report under {obligationCode}',
  },
  REPORT_NOT_YOUR_UNIT: {
    status: 403,
    vi: 'Chỉ cán bộ của đơn vị {unitCode} lập và gửi báo cáo của đơn vị',
    en: "Only officers of unit {unitCode} prepare and submit the unit's report",
  },
  REPORT_ALREADY_SUBMITTED: {
    status: 409,
    vi: 'Báo cáo đã được gửi ({status}); chỉ gửi lại khi bị trả lại',
    en: 'The report was already submitted ({status}); it is submitted again only once returned',
  },
  REPORT_NOT_EDITABLE: {
    status: 409,
    vi: 'Báo cáo đang ở trạng thái {status}, không sửa được',
    en: 'The report is {status} and cannot be changed',
  },
  REPORT_NOT_SUBMITTED: {
    status: 409,
    vi: 'Báo cáo đang ở trạng thái {status}: chỉ tiếp nhận hoặc trả lại báo cáo đã gửi',
    en: 'The report is {status}: only a submitted report is accepted or returned',
  },
  REPORT_WRONG_LEVEL: {
    status: 403,
    vi: 'Báo cáo gửi {recipientUnitCode}: chỉ cấp nhận báo cáo được tiếp nhận hoặc trả lại',
    en: 'The report goes to {recipientUnitCode}: only that level accepts or returns it',
  },
  REPORT_CHANGED_CONCURRENTLY: {
    status: 409,
    vi: 'Báo cáo vừa được người khác thay đổi, hãy tải lại',
    en: 'The report was changed by someone else, reload it',
  },
});

import { defineErrors } from '@ocop/nest-common';

/** Errors of plans, their targets, budgets and actuals. Codes are part of the API: never rename or reuse one. */
export const PlanErrors = defineErrors({
  PLAN_NOT_FOUND: { status: 404, vi: 'Không có kế hoạch {planCode}', en: 'No plan {planCode}' },
  PLAN_TARGET_NOT_FOUND: {
    status: 404,
    vi: 'Kế hoạch {planCode} không có chỉ tiêu {targetCode}',
    en: 'Plan {planCode} has no target {targetCode}',
  },
  PLAN_TARGET_MEASURED: {
    status: 409,
    vi: 'Chỉ tiêu {targetCode} được tính tự động từ dữ liệu, không nhập tay',
    en: 'Target {targetCode} is measured from the records and cannot be entered',
  },
  BUDGET_LINE_NOT_FOUND: {
    status: 404,
    vi: 'Kế hoạch {planCode} không có dòng kinh phí {lineCode}',
    en: 'Plan {planCode} has no budget line {lineCode}',
  },
  BUDGET_YEAR_NOT_IN_PLAN: {
    status: 400,
    vi: 'Năm {year} không thuộc dự toán của kế hoạch {planCode} ({years})',
    en: 'Year {year} is not in the budget of plan {planCode} ({years})',
  },
  PLAN_CODE_TAKEN: {
    status: 409,
    vi: 'Đã có kế hoạch mã {planCode}',
    en: 'A plan with code {planCode} already exists',
  },
  PLAN_TARGET_EXISTS: {
    status: 409,
    vi: 'Kế hoạch {planCode} đã có chỉ tiêu {targetCode}',
    en: 'Plan {planCode} already has a target {targetCode}',
  },
  BUDGET_LINE_EXISTS: {
    status: 409,
    vi: 'Kế hoạch {planCode} đã có dòng kinh phí {lineCode}',
    en: 'Plan {planCode} already has a budget line {lineCode}',
  },
  PLAN_DUPLICATE_CODE: {
    status: 400,
    vi: 'Mã {itemCode} ({what}) xuất hiện hai lần trong kế hoạch',
    en: 'Code {itemCode} ({what}) appears twice in the plan',
  },
  PLAN_DATES_INVALID: {
    status: 400,
    vi: 'Ngày bắt đầu ({from}) phải là ngày hợp lệ, không sau ngày kết thúc ({to})',
    en: 'The start ({from}) must be a valid date, not after the end ({to})',
  },
  PLAN_TARGET_OUTSIDE_PERIOD: {
    status: 400,
    vi: 'Chỉ tiêu {targetCode} phải nằm trong thời gian của kế hoạch ({from} – {to})',
    en: "Target {targetCode} must lie within the plan's period ({from} – {to})",
  },
  PLAN_TARGET_PARAMS_INVALID: {
    status: 400,
    vi: 'Tham số của chỉ tiêu {targetCode} không phù hợp với cách đo (tỷ lệ chủ thể cần loại hình)',
    en: "Target {targetCode}'s parameters do not fit its indicator (a producer share needs a legal form)",
  },
  PLAN_TARGET_SCOPE_INVALID: {
    status: 400,
    vi: 'Phạm vi của chỉ tiêu {targetCode} không hợp lệ (theo từng xã, hoặc một xã thuộc kế hoạch)',
    en: "Target {targetCode}'s scope is invalid (per commune, or one commune of the plan)",
  },
  PLAN_COMMUNE_OUTSIDE_PROVINCE: {
    status: 400,
    vi: 'Đơn vị {unitCode} không thuộc tỉnh {provinceCode} của kế hoạch',
    en: "Unit {unitCode} is not in the plan's province {provinceCode}",
  },
  PLAN_BUDGET_YEARS_OUTSIDE_PLAN: {
    status: 400,
    vi: 'Năm dự toán {year} nằm ngoài thời gian của kế hoạch ({from}-{to})',
    en: "Budget year {year} is outside the plan's years ({from}-{to})",
  },
  PLAN_HAS_NO_BUDGET: {
    status: 409,
    vi: 'Kế hoạch {planCode} chưa có dự toán kinh phí',
    en: 'Plan {planCode} has no budget yet',
  },
  BUDGET_SECTION_NOT_FOUND: {
    status: 400,
    vi: 'Dự toán của kế hoạch {planCode} không có mục {sectionCode}',
    en: "Plan {planCode}'s budget has no section {sectionCode}",
  },
  PLAN_WITHDRAWN: {
    status: 409,
    vi: 'Kế hoạch {planCode} đã bị thu hồi, không sửa được',
    en: 'Plan {planCode} was withdrawn and cannot be changed',
  },
  PLAN_QUOTE_FIXED: {
    status: 409,
    vi: 'Trích dẫn của chỉ tiêu {targetCode} lấy nguyên văn từ văn bản gốc, không sửa được',
    en: "Target {targetCode}'s quote is verbatim from the source document and cannot be changed",
  },
  PLAN_CHANGED_CONCURRENTLY: {
    status: 409,
    vi: 'Kế hoạch vừa được người khác thay đổi (phiên bản {revision}), hãy tải lại',
    en: 'The plan was changed by someone else (revision {revision}), reload it',
  },
});

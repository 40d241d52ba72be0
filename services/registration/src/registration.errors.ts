import { defineErrors } from '@ocop/nest-common';

export const RegistrationErrors = defineErrors({
  PRODUCER_TAX_CODE_TAKEN: {
    status: 409,
    vi: 'Mã số thuế {taxCode} đã được đăng ký cho chủ thể "{producerName}"',
    en: 'Tax code {taxCode} is already registered to producer "{producerName}"',
  },
  PRODUCER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy chủ thể {producerId}', en: 'Producer {producerId} not found' },
  PRODUCT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy sản phẩm {productId}', en: 'Product {productId} not found' },
  PRODUCT_SUBGROUP_NOT_IN_GROUP: {
    status: 400,
    vi: 'Phân nhóm {subgroup} không thuộc nhóm {group}',
    en: 'Subgroup {subgroup} is not part of group {group}',
  },
  LEGAL_FORM_CANNOT_HOLD_GROUP: {
    status: 422,
    vi: 'Chủ thể loại hình {legalForm} không được đăng ký sản phẩm nhóm {group}',
    en: 'A producer of legal form {legalForm} cannot hold products of group {group}',
  },
  PRODUCT_STAGE_CONFLICT: {
    status: 409,
    vi: 'Sản phẩm đang ở bước "{from}", không thể chuyển sang "{to}"',
    en: 'The product is at stage "{from}" and cannot move to "{to}"',
  },
  NOT_YOUR_PRODUCT: {
    status: 403,
    vi: 'Sản phẩm không thuộc chủ thể của bạn',
    en: 'The product does not belong to your producer',
  },
  BUSINESS_PLAN_NOT_FOUND: {
    status: 404,
    vi: 'Sản phẩm {productId} chưa có phương án sản xuất kinh doanh',
    en: 'Product {productId} has no business plan yet',
  },
  PRODUCT_LOCKED: {
    status: 409,
    vi: 'Sản phẩm đang ở bước "{stage}": không sửa được tên và mô tả đã nộp',
    en: 'The product is at stage "{stage}": its submitted name and description cannot change',
  },
  DOSSIER_NOT_OPEN: {
    status: 409,
    vi: 'Sản phẩm {productId} chưa có hồ sơ',
    en: 'Product {productId} has no dossier yet',
  },
  DOSSIER_LOCKED: {
    status: 409,
    vi: 'Hồ sơ đã khóa: sản phẩm đang ở bước "{stage}", không thể bổ sung',
    en: 'The dossier is locked: the product is at stage "{stage}" and cannot be amended',
  },
  DOSSIER_ITEM_UNKNOWN: {
    status: 400,
    vi: 'Hồ sơ sản phẩm nhóm {group} không có mục "{item}"',
    en: 'The dossier of a {group} product has no item "{item}"',
  },
  DOSSIER_INCOMPLETE: {
    status: 409,
    vi: 'Hồ sơ chưa đầy đủ: còn thiếu {missing}',
    en: 'The dossier is incomplete: {missing} missing',
  },
  FILE_REQUIRED: { status: 400, vi: 'Cần gửi kèm tệp (trường "file")', en: 'A file is required (field "file")' },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    vi: 'Tệp lớn hơn giới hạn {maxBytes} byte',
    en: 'The file is larger than the limit of {maxBytes} bytes',
  },
  DOCUMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Chỉ nhận tệp {allowed}, và nội dung phải đúng loại đã khai',
    en: 'Only {allowed} files are accepted, and the content must match the declared type',
  },
  DOCUMENT_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy tài liệu {documentId}',
    en: 'Document {documentId} not found',
  },
  UNIT_NOT_A_COMMUNE: {
    status: 400,
    vi: 'Đơn vị {unitCode} không phải đơn vị cấp xã hiện hành',
    en: 'Unit {unitCode} is not a current commune-level unit',
  },
  CYCLE_EXISTS: {
    status: 409,
    vi: 'Đơn vị {unitCode} đã có chu trình OCOP năm {year}',
    en: 'Unit {unitCode} already runs its {year} OCOP cycle',
  },
  CYCLE_NOT_FOUND: {
    status: 404,
    vi: 'Đơn vị {unitCode} chưa có chu trình OCOP năm {year}',
    en: 'Unit {unitCode} has no {year} OCOP cycle',
  },
  CYCLE_CALENDAR_INVALID: {
    status: 400,
    vi: 'Lịch chu trình chưa hợp lệ: {problems}',
    en: 'The cycle calendar is not valid: {problems}',
  },
  CYCLE_UNIT_INVALID: {
    status: 400,
    vi: 'Chu trình OCOP chạy theo tỉnh hoặc xã hiện hành; {unitCode} không phải',
    en: 'A cycle runs for a current province or commune; {unitCode} is neither',
  },
  IDEA_WINDOW_NOT_OPEN: {
    status: 409,
    vi: 'Đơn vị {unitCode} nhận đăng ký ý tưởng từ {opensOn} đến {closesOn}; hiện không trong thời gian nhận',
    en: 'Unit {unitCode} takes product ideas from {opensOn} to {closesOn}; the window is not open now',
  },
});

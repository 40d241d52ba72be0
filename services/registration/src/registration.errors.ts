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
    vi: 'Sản phẩm đang ở bước "{stage}": không sửa được thông tin đã nộp (tên, mô tả, ảnh)',
    en: 'The product is at stage "{stage}": what was submitted (name, description, photos) cannot change',
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
  PHOTO_TOO_LARGE: {
    status: 413,
    vi: 'Ảnh lớn hơn giới hạn {maxBytes} byte',
    en: 'The photo is larger than the limit of {maxBytes} bytes',
  },
  PHOTO_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Chỉ nhận ảnh {allowed}, và nội dung phải đúng loại đã khai',
    en: 'Only {allowed} photos are accepted, and the content must match the declared type',
  },
  PHOTO_LIMIT_REACHED: {
    status: 409,
    vi: 'Sản phẩm đã có đủ {max} ảnh; hãy xóa bớt trước khi thêm',
    en: 'The product already has {max} photos; delete one before adding another',
  },
  PHOTO_NOT_FOUND: { status: 404, vi: 'Không tìm thấy ảnh {photoId}', en: 'Photo {photoId} not found' },
  PHOTO_ORDER_MISMATCH: {
    status: 400,
    vi: 'Thứ tự ảnh phải liệt kê mỗi ảnh hiện có của sản phẩm đúng một lần',
    en: "The order must list each of the product's current photos exactly once",
  },
  PRODUCT_NOT_CERTIFIED: {
    status: 409,
    vi: 'Sản phẩm {productId} không có giấy chứng nhận OCOP còn hiệu lực hoặc đã hết hạn để đánh giá lại, nâng hạng',
    en: 'Product {productId} holds no valid or expired OCOP certificate to re-evaluate or upgrade',
  },
  RE_EVALUATION_WINDOW_NOT_OPEN: {
    status: 409,
    vi: 'Giấy chứng nhận {number} còn hiệu lực đến {validUntil}; nhận đăng ký đánh giá lại từ {opensOn}',
    en: 'Certificate {number} is valid until {validUntil}; re-evaluation can be applied for from {opensOn}',
  },
  UPGRADE_NEEDS_VALID_CERTIFICATE: {
    status: 409,
    vi: 'Giấy chứng nhận {number} đã hết hạn: hãy đăng ký đánh giá lại thay vì nâng hạng',
    en: 'Certificate {number} has expired: apply for re-evaluation rather than an upgrade',
  },
  UPGRADE_ALREADY_FIVE_STARS: {
    status: 409,
    vi: 'Sản phẩm đã đạt 5 sao, không thể nâng hạng',
    en: 'The product already holds 5 stars and cannot be upgraded',
  },
  UPGRADE_TARGET_INVALID: {
    status: 400,
    vi: 'Hạng sao đề nghị ({targetStars}) phải cao hơn hạng hiện tại ({currentStars}) và không quá 5',
    en: 'The target stars ({targetStars}) must be above the current stars ({currentStars}) and at most 5',
  },
  APPLICATION_ALREADY_OPEN: {
    status: 409,
    vi: 'Sản phẩm đã có một đề nghị đang mở ({kind}); rút đề nghị đó trước khi gửi đề nghị mới',
    en: 'The product already has an open application ({kind}); withdraw it before filing another',
  },
  APPLICATION_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy đề nghị {applicationId}',
    en: 'Application {applicationId} not found',
  },
  APPLICATION_NOT_OPEN: {
    status: 409,
    vi: 'Đề nghị đang ở trạng thái "{status}": không thể rút hoặc bổ sung hồ sơ',
    en: 'The application is {status}: it can no longer be withdrawn or amended',
  },
  APPLICATION_ITEM_UNKNOWN: {
    status: 400,
    vi: 'Hồ sơ đề nghị {kind} của sản phẩm nhóm {group} không có mục "{item}"',
    en: 'The {kind} dossier of a {group} product has no item "{item}"',
  },
});

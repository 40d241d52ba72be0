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
  UNIT_NOT_A_COMMUNE: {
    status: 400,
    vi: 'Đơn vị {unitCode} không phải đơn vị cấp xã hiện hành',
    en: 'Unit {unitCode} is not a current commune-level unit',
  },
});

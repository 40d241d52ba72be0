/** A stable error code with its HTTP status and its message in each supported language. */
export interface ErrorDefinition {
  status: number;
  vi: string;
  en: string;
}

export type ErrorCatalogue = Record<string, ErrorDefinition>;

const registry = new Map<string, ErrorDefinition>();

/**
 * Declares a feature's error codes once. Messages may hold `{name}` placeholders filled from the
 * error's params. Codes are part of the API: never rename or reuse one.
 */
export function defineErrors<C extends ErrorCatalogue>(catalogue: C): { [K in keyof C]: K } {
  const codes = {} as { [K in keyof C]: K };
  for (const [code, definition] of Object.entries(catalogue)) {
    const existing = registry.get(code);
    if (existing && (existing.vi !== definition.vi || existing.status !== definition.status)) {
      throw new Error(`Error code ${code} is defined twice with different meanings`);
    }
    registry.set(code, definition);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return registry.get(code);
}

export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request data is invalid' },
  MALFORMED_JSON: {
    status: 400,
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ',
    en: 'The request body is not valid JSON',
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung yêu cầu quá lớn', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported content type' },
  AUTH_REQUIRED: {
    status: 401,
    vi: 'Cần đăng nhập (thiếu mã thông báo Bearer)',
    en: 'Authentication required (missing Bearer token)',
  },
  AUTH_INVALID_TOKEN: {
    status: 401,
    vi: 'Mã thông báo không hợp lệ hoặc đã hết hạn',
    en: 'The token is invalid or expired',
  },
  FORBIDDEN_ROLE: {
    status: 403,
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
    en: 'Your role may not perform this action',
  },
  OUT_OF_JURISDICTION: {
    status: 403,
    vi: 'Đơn vị {unitCode} nằm ngoài phạm vi quản lý của bạn',
    en: 'Unit {unitCode} is outside your jurisdiction',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài nguyên', en: 'Resource not found' },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không có đường dẫn {method} {path}', en: 'No route {method} {path}' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
    en: 'Too many requests, try again later',
  },
  DEPENDENCY_UNAVAILABLE: {
    status: 503,
    vi: 'Dịch vụ tạm thời không khả dụng ({dependency})',
    en: 'Service temporarily unavailable ({dependency})',
  },
  COMMIT_OUTCOME_UNKNOWN: {
    status: 503,
    vi: 'Mất kết nối cơ sở dữ liệu đúng lúc đang lưu: thay đổi có thể đã được lưu, hãy kiểm tra trước khi gửi lại',
    en: 'The database went away while saving: the change may have been stored, check before sending it again',
  },
  INTERNAL_ERROR: {
    status: 500,
    vi: 'Lỗi hệ thống, vui lòng thử lại sau',
    en: 'Internal error, please try again later',
  },
});

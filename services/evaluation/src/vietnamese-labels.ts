import type { ProductGroup } from '@ocop/contracts';
import type { MemberRole } from './council/council.rules';
import type { CouncilLevel } from './regulation/regulation.rules';

/** Vietnamese labels for documents (certificates, exports): one place, so they read the same everywhere. */
export const GROUP_NAMES: Record<ProductGroup, string> = {
  food: 'Thực phẩm',
  beverages: 'Đồ uống',
  herbal: 'Dược liệu và sản phẩm từ dược liệu',
  handicrafts: 'Thủ công mỹ nghệ',
  ornamental: 'Sinh vật cảnh',
  tourism: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
};

export const LEVEL_NAMES: Record<CouncilLevel, string> = {
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  national: 'cấp trung ương',
};

export const ROLE_NAMES: Record<MemberRole, string> = {
  chair: 'Chủ tịch',
  vice_chair: 'Phó Chủ tịch',
  member: 'Thành viên',
  secretary: 'Thư ký',
  expert: 'Chuyên gia',
};

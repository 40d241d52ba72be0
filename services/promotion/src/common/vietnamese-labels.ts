import type {
  ListingPlatform,
  PromotionEventKind,
  PromotionEventLevel,
  RewardStatus,
  SalesPointKind,
  SupportKind,
  SupportRequestStatus,
} from '@ocop/contracts';

/** Vietnamese words for promotion's codes, as printed in exports. */
export const EVENT_KIND_NAMES: Record<PromotionEventKind, string> = {
  fair: 'Hội chợ',
  exhibition: 'Triển lãm',
  livestream: 'Livestream bán hàng',
  ecommerce_campaign: 'Chiến dịch thương mại điện tử',
  trade_mission: 'Đoàn xúc tiến thương mại',
};

export const EVENT_LEVEL_NAMES: Record<PromotionEventLevel, string> = {
  commune: 'cấp xã',
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  national: 'cấp quốc gia',
  international: 'quốc tế',
};

export const SALES_POINT_KIND_NAMES: Record<SalesPointKind, string> = {
  showroom: 'Cửa hàng giới thiệu sản phẩm',
  airport_shop: 'Cửa hàng tại cảng hàng không',
  supermarket_corner: 'Quầy OCOP trong siêu thị',
  tourist_site_shop: 'Cửa hàng tại điểm du lịch',
  highway_rest_stop: 'Trạm dừng nghỉ',
  other: 'Khác',
};

export const PLATFORM_NAMES: Record<ListingPlatform, string> = {
  shopee: 'Shopee',
  lazada: 'Lazada',
  tiki: 'Tiki',
  tiktok_shop: 'TikTok Shop',
  sendo: 'Sendo',
  postmart: 'Postmart',
  voso: 'Voso',
  facebook: 'Facebook',
  website: 'Website',
  other: 'Khác',
};

export const SUPPORT_KIND_NAMES: Record<SupportKind, string> = {
  trademark: 'Quản lý nhãn hiệu',
  packaging: 'Bao bì',
  labels: 'Tem nhãn mác sản phẩm',
  traceability_stamps: 'Tem truy xuất nguồn gốc',
  machinery: 'Máy móc, thiết bị',
  training: 'Đào tạo, tập huấn',
};

export const REWARD_STATUS_NAMES: Record<RewardStatus, string> = {
  pending: 'Chờ duyệt',
  approved: 'Đã duyệt',
  paid: 'Đã chi trả',
  rejected: 'Không duyệt',
};

export const SUPPORT_STATUS_NAMES: Record<SupportRequestStatus, string> = {
  requested: 'Đề nghị',
  approved: 'Đã duyệt',
  rejected: 'Không duyệt',
  delivered: 'Đã bàn giao',
};

export const PARTICIPATION_STATUS_NAMES: Record<'active' | 'suspended' | 'withdrawn', string> = {
  active: 'Đang tham gia',
  suspended: 'Tạm dừng (giấy chứng nhận hết hiệu lực)',
  withdrawn: 'Đã rút',
};

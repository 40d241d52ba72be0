import type { LegalForm, ProductGroup, ProductStage } from '@ocop/contracts';

/** Vietnamese labels of the report's documents, in one place. */
export const STAGE_NAMES: Record<ProductStage, string> = {
  idea: 'Ý tưởng sản phẩm đã đăng ký',
  selected: 'Ý tưởng được lựa chọn',
  business_plan: 'Đã nộp phương án sản xuất kinh doanh',
  dossier: 'Đang hoàn thiện hồ sơ',
  pre_assessed: 'Đã được cấp xã đánh giá sơ bộ',
  in_evaluation: 'Đang đánh giá, phân hạng',
  certified: 'Đã được chứng nhận OCOP',
  expired: 'Giấy chứng nhận hết hiệu lực',
  revoked: 'Bị thu hồi giấy chứng nhận',
  withdrawn: 'Đã rút khỏi chương trình',
};

export const GROUP_NAMES: Record<ProductGroup, string> = {
  food: 'Thực phẩm',
  beverages: 'Đồ uống',
  herbal: 'Dược liệu và sản phẩm từ dược liệu',
  handicrafts: 'Thủ công mỹ nghệ',
  ornamental: 'Sinh vật cảnh',
  tourism: 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch',
};

export const LEGAL_FORM_NAMES: Record<LegalForm, string> = {
  cooperative: 'Hợp tác xã',
  cooperative_group: 'Tổ hợp tác',
  joint_stock_company: 'Công ty cổ phần',
  limited_company: 'Công ty trách nhiệm hữu hạn',
  private_enterprise: 'Doanh nghiệp tư nhân',
  farm: 'Trang trại',
  business_household: 'Hộ sản xuất, kinh doanh có đăng ký kinh doanh',
  tourism_association: 'Hội, hiệp hội (du lịch)',
  tourism_operating_centre: 'Trung tâm điều hành (du lịch)',
};

export const TARGET_STATUS_NAMES: Record<string, string> = {
  achieved: 'Đạt',
  in_progress: 'Đang thực hiện',
  missed: 'Không đạt',
  not_recorded: 'Chưa cập nhật',
};

export const TARGET_UNIT_NAMES: Record<string, string> = {
  products: 'sản phẩm',
  percent: '%',
  sales_points: 'điểm',
  organisations: 'tổ chức',
};

/** What happened in the period, as the report's table lists it: figure key and its label. */
export const PERIOD_INDICATORS: readonly (readonly [string, string])[] = [
  ['ideas_registered', 'Ý tưởng sản phẩm đăng ký mới'],
  ['ideas_returned', 'Ý tưởng bị trả lại'],
  ['ideas_selected', 'Ý tưởng được lựa chọn'],
  ['plans_received', 'Phương án sản xuất kinh doanh tiếp nhận'],
  ['dossiers_received', 'Hồ sơ sản phẩm tiếp nhận'],
  ['pre_assessed', 'Sản phẩm được cấp xã đánh giá sơ bộ'],
  ['pre_assessed_passed', '— trong đó đạt'],
  ['products_withdrawn', 'Sản phẩm rút khỏi chương trình'],
  ['rounds_opened', 'Đợt đánh giá, phân hạng được tổ chức'],
  ['rounds_decided', 'Đợt đánh giá có quyết định công nhận'],
  ['evaluations_entered', 'Lượt sản phẩm tham gia đánh giá, phân hạng'],
  ['evaluations_entered_new', '— đánh giá mới'],
  ['evaluations_entered_upgrade', '— đánh giá nâng hạng'],
  ['evaluations_entered_re_evaluation', '— đánh giá lại'],
  ['products_scored', 'Sản phẩm được Hội đồng chấm điểm'],
  ['products_not_passed', 'Sản phẩm không đạt'],
  ['products_forwarded', 'Sản phẩm được đề nghị lên cấp trên'],
  ['products_forwarded_national', '— trong đó đề nghị đánh giá 5 sao cấp trung ương'],
  ['certificates_issued', 'Giấy chứng nhận OCOP được cấp'],
  ['certificates_issued_new', '— sản phẩm mới'],
  ['certificates_issued_upgrade', '— nâng hạng sao'],
  ['certificates_issued_re_evaluation', '— đánh giá lại'],
  ['certificates_issued_3_stars', '— hạng 3 sao'],
  ['certificates_issued_4_stars', '— hạng 4 sao'],
  ['certificates_issued_5_stars', '— hạng 5 sao'],
  ['certificates_expiring', 'Giấy chứng nhận hết thời hạn 36 tháng trong kỳ'],
  ['certificates_expired', 'Giấy chứng nhận hết hiệu lực (không đánh giá lại)'],
  ['certificates_revoked', 'Giấy chứng nhận bị thu hồi'],
  ['certificates_superseded', 'Giấy chứng nhận được thay thế (nâng hạng, đánh giá lại)'],
  ['producers_registered', 'Chủ thể OCOP đăng ký mới'],
];

export const PROMOTION_INDICATORS: readonly (readonly [string, string, 'integer' | 'vnd'])[] = [
  ['sales_points_active', 'Điểm giới thiệu và bán sản phẩm OCOP đang hoạt động (cuối kỳ)', 'integer'],
  ['sales_points_opened', 'Điểm giới thiệu và bán sản phẩm mở mới', 'integer'],
  ['sales_points_closed', 'Điểm giới thiệu và bán sản phẩm đóng cửa', 'integer'],
  ['consignments', 'Lượt sản phẩm đưa vào điểm bán', 'integer'],
  ['promotion_events_held', 'Hội chợ, triển lãm, sự kiện xúc tiến đã tổ chức', 'integer'],
  ['promotion_enrolments', 'Lượt sản phẩm tham gia hội chợ, triển lãm', 'integer'],
  ['promotion_visitors', 'Lượt khách tham quan', 'integer'],
  ['promotion_sales_vnd', 'Doanh thu bán hàng tại sự kiện (đồng)', 'vnd'],
  ['promotion_contracts', 'Hợp đồng, thỏa thuận được ký kết', 'integer'],
  ['promotion_contracts_vnd', 'Giá trị hợp đồng (đồng)', 'vnd'],
  ['listings_published', 'Sản phẩm lên sàn thương mại điện tử', 'integer'],
  ['rewards_granted_vnd', 'Tiền thưởng sản phẩm OCOP được quyết định (đồng)', 'vnd'],
  ['rewards_paid_vnd', 'Tiền thưởng đã chi trả (đồng)', 'vnd'],
  ['support_approved_vnd', 'Kinh phí hỗ trợ chủ thể được duyệt (đồng)', 'vnd'],
  ['support_delivered_vnd', 'Kinh phí hỗ trợ đã thực hiện (đồng)', 'vnd'],
];

/** The columns of the table by unit (drill-down). */
export const CHILD_COLUMNS: readonly (readonly [string, string])[] = [
  ['products_total', 'Tổng số sản phẩm'],
  ['certified_total', 'Sản phẩm OCOP còn hiệu lực'],
  ['certified_3_stars', '3 sao'],
  ['certified_4_stars', '4 sao'],
  ['certified_5_stars', '5 sao'],
  ['ideas_registered', 'Ý tưởng mới'],
  ['rounds_opened', 'Đợt đánh giá'],
  ['evaluations_entered', 'Lượt đánh giá'],
  ['certificates_issued', 'GCN cấp trong kỳ'],
  ['certificates_expired', 'GCN hết hiệu lực'],
  ['certificates_revoked', 'GCN bị thu hồi'],
  ['producers_total', 'Chủ thể'],
  ['sales_points_active', 'Điểm bán'],
];

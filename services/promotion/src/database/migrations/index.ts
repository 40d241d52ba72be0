import { PromotionInit1795380999301 } from './1795380999301-PromotionInit';
import { TradePromotion1795392894145 } from './1795392894145-TradePromotion';
import { AuditLogScope1795399900000 } from './1795399900000-AuditLogScope';

/** Every migration of the service, in order. Listed explicitly so builds, tests and bundles agree. */
export const PROMOTION_MIGRATIONS = [
  PromotionInit1795380999301,
  TradePromotion1795392894145,
  AuditLogScope1795399900000,
];

import { ChangeRecordEntity } from '@ocop/persistence';
import { CertificateRecordEntity } from '../certificate/certificate-record.entity';
import { EnrolmentEntity, PromotionEventEntity } from '../event/promotion-event.entity';
import { ListingEntity } from '../listing/listing.entity';
import { RewardBudgetEntity, RewardEntity } from '../reward/reward.entity';
import { ConsignmentEntity, SalesPointEntity } from '../sales-point/sales-point.entity';
import { SupportProgrammeEntity, SupportRequestEntity } from '../support/support.entity';

/** The service's own entities (the outbox and inbox are added by the platform). */
export const PROMOTION_ENTITIES = [
  CertificateRecordEntity,
  PromotionEventEntity,
  EnrolmentEntity,
  SalesPointEntity,
  ConsignmentEntity,
  ListingEntity,
  RewardEntity,
  RewardBudgetEntity,
  SupportProgrammeEntity,
  SupportRequestEntity,
  ChangeRecordEntity,
];

import { Module } from '@nestjs/common';
import { AuditLogModule, PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { CertificateModule } from './certificate/certificate.module';
import { PromotionEventModule } from './event/promotion-event.module';
import { ListingModule } from './listing/listing.module';
import { PROMOTION_PLATFORM } from './platform';
import { RewardModule } from './reward/reward.module';
import { SalesPointModule } from './sales-point/sales-point.module';
import { SupportModule } from './support/support.module';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...PROMOTION_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    AuditLogModule,
    RewardModule,
    CertificateModule,
    PromotionEventModule,
    SalesPointModule,
    ListingModule,
    SupportModule,
  ],
})
export class PromotionApiModule {}

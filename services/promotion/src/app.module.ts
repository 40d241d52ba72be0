import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { PROMOTION_PLATFORM } from './platform';
import { RewardModule } from './reward/reward.module';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...PROMOTION_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
    RewardModule,
  ],
})
export class PromotionApiModule {}

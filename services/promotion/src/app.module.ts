import { Module } from '@nestjs/common';
import { PlatformModule, RemoteUnitHierarchyModule } from '@ocop/nest-common';
import { PROMOTION_PLATFORM } from './platform';

@Module({
  imports: [
    PlatformModule.forRoot({
      ...PROMOTION_PLATFORM,
      unitHierarchyModule: RemoteUnitHierarchyModule,
      role: 'api',
    }),
  ],
})
export class PromotionApiModule {}

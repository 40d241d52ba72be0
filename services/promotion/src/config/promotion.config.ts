import { BaseServiceConfig } from '@ocop/nest-common';

export class PromotionConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3003;
}

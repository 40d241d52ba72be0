import { BaseServiceConfig } from '@ocop/nest-common';

export class ReportingConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3004;
}

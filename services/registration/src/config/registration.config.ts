import { BaseServiceConfig } from '@ocop/nest-common';

export class RegistrationConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3001;
}

import { BaseServiceConfig } from '@ocop/nest-common';

export class EvaluationConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3002;
}

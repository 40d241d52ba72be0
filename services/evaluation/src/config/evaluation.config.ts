import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@ocop/nest-common';

export class EvaluationConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  override HTTP_PORT: number = 3002;
}

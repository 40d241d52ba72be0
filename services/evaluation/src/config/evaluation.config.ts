import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@ocop/nest-common';

export class EvaluationConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3002;

  /** Public address of this API as citizens and inspectors reach it: the certificates' QR codes open it. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL: string = 'http://localhost:3002';

  /** Days before a certificate's expiry of the early reminder (the formal notice follows the regulation). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  EXPIRY_REMINDER_DAYS: number = 90;

  /** Public certificate lookups allowed per client address per minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  PUBLIC_VERIFY_RATE_PER_MINUTE: number = 30;
}

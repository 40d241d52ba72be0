import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { BaseServiceConfig } from '@ocop/nest-common';

const parseBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? /^(1|true|yes|on)$/i.test(value)
      ? true
      : /^(0|false|no|off)$/i.test(value)
        ? false
        : value
    : value;

export class ReportingConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3004;

  /** Notifications are POSTed here (JSON) when set. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  NOTIFY_WEBHOOK_URL?: string;

  /** HMAC-SHA256 key of the webhook's `X-OCOP-Signature` header, when set. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  NOTIFY_WEBHOOK_SECRET?: string;

  /** Notifications are e-mailed to the unit's contacts over this SMTP server when set (smtp:// or smtps://). */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  SMTP_FROM: string = 'OCOP <no-reply@ocop.local>';

  /** How often the API sends pending webhook and e-mail deliveries. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  NOTIFY_DELIVERY_INTERVAL_MS: number = 2_000;

  /** Attempts per delivery before it is marked failed (back-off doubles from 5 s). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_DELIVERY_MAX_ATTEMPTS: number = 8;

  /** The API creates or updates the reporting obligations' Temporal Schedules at start. */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'REPORT_SCHEDULES_AUTO must be true or false' })
  REPORT_SCHEDULES_AUTO: boolean = false;

  /** How far back a schedule run still opens periods it missed (days after their escalation day). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  REPORT_CATCH_UP_DAYS: number = 31;
}

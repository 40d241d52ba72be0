import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Environment shared by every service process. A service extends it (e.g. for its default port);
 * `loadConfig` validates it at boot and the process refuses to start on a bad value.
 * docs/configuration.md lists every variable.
 */
export class BaseServiceConfig {
  /** Each service sets its own default (registration 3001, evaluation 3002, promotion 3003, reporting 3004). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT: number = 3000;

  @IsString()
  HTTP_HOST: string = '0.0.0.0';

  /** Largest accepted request body. */
  @Matches(/^\d+(kb|mb)$/i)
  HTTP_BODY_LIMIT: string = '1mb';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/ocop';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number = 10;

  @Matches(/^nats:\/\/[^,\s]+(,nats:\/\/[^,\s]+)*$/, {
    message: 'NATS_URL must be one or more nats:// URLs separated by commas',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Matches(/^[\w.-]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE: string = 'default';

  /** HS256 secret for locally minted tokens (at least 32 characters). Needed unless JWT_JWKS_URL is set. */
  @ValidateIf((config: BaseServiceConfig) => !config.JWT_JWKS_URL)
  @IsString({ message: 'JWT_SECRET (or JWT_SECRET_FILE) is required when JWT_JWKS_URL is not set' })
  @MinLength(32)
  JWT_SECRET?: string;

  /** JWKS of an OIDC provider; when set, tokens are verified with its keys (RS256/ES256). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** How long a graceful shutdown may take before the process exits anyway. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 15_000;
}

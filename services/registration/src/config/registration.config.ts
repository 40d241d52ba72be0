import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { BaseServiceConfig } from '@ocop/nest-common';

export const DOCUMENT_STORAGES = ['local', 's3'] as const;
export type DocumentStorageKind = (typeof DOCUMENT_STORAGES)[number];

const usesS3 = (config: RegistrationConfig): boolean => config.DOCUMENT_STORAGE === 's3';

export class RegistrationConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3001;

  /** Where dossier documents, application documents and product photos are kept. */
  @IsIn(DOCUMENT_STORAGES)
  DOCUMENT_STORAGE: DocumentStorageKind = 'local';

  /** Directory of dossier documents (local-disk storage). */
  @IsString()
  @MinLength(1)
  DOCUMENT_STORAGE_DIR: string = '.local/storage/documents';

  /** An S3-compatible endpoint (MinIO, Ceph, a provider's); unset for AWS S3 itself. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  S3_ENDPOINT?: string;

  @ValidateIf(usesS3)
  @IsString()
  @MinLength(1)
  S3_REGION: string = 'us-east-1';

  @ValidateIf(usesS3)
  @IsString({ message: 'S3_BUCKET is required when DOCUMENT_STORAGE=s3' })
  @MinLength(3)
  S3_BUCKET?: string;

  /** With S3_SECRET_ACCESS_KEY; both unset: the SDK's default credentials (instance role, AWS_* variables). */
  @ValidateIf((config: RegistrationConfig) => config.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together' })
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((config: RegistrationConfig) => config.S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together' })
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  /** Bucket in the path (`<endpoint>/<bucket>/<key>`), as most S3-compatible servers need. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? parseBoolean(value) : value))
  @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE: boolean = false;

  /** Largest dossier or application document accepted. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  DOCUMENT_MAX_BYTES: number = 20 * 1024 * 1024;

  /** Largest product photo accepted. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  PHOTO_MAX_BYTES: number = 5 * 1024 * 1024;

  /** Photos a product may have at once (deleted ones do not count). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  PRODUCT_PHOTOS_MAX: number = 10;

  /**
   * A valid certificate may be re-evaluated from this many months before its last valid day (or as soon
   * as evaluation's expiry reminder or notice arrives); an expired one at any time.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36)
  RE_EVALUATION_WINDOW_MONTHS: number = 6;
}

/** `true`/`false`, `1`/`0`, `yes`/`no`; anything else stays a string and fails validation. */
function parseBoolean(value: string): boolean | string {
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return value;
}

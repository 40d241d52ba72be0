import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { BaseServiceConfig } from '@ocop/nest-common';

export class RegistrationConfig extends BaseServiceConfig {
  override HTTP_PORT: number = 3001;

  /** Directory of dossier documents (local-disk storage). */
  @IsString()
  @MinLength(1)
  DOCUMENT_STORAGE_DIR: string = '.local/storage/documents';

  /** Largest dossier document accepted. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  DOCUMENT_MAX_BYTES: number = 20 * 1024 * 1024;
}

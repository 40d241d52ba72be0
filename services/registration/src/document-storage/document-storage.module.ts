import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { RegistrationConfig } from '../config/registration.config';
import { DocumentStorage, LocalDiskStorage } from './document-storage';
import { S3DocumentStorage } from './s3-document-storage';

/** The storage DOCUMENT_STORAGE names, configured from the environment. */
export function documentStorageFor(config: RegistrationConfig): DocumentStorage {
  if (config.DOCUMENT_STORAGE === 'local') return new LocalDiskStorage(config.DOCUMENT_STORAGE_DIR);
  if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required when DOCUMENT_STORAGE=s3');
  const options: ConstructorParameters<typeof S3DocumentStorage>[0] = {
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  };
  if (config.S3_ENDPOINT) options.endpoint = config.S3_ENDPOINT;
  if (config.S3_ACCESS_KEY_ID) options.accessKeyId = config.S3_ACCESS_KEY_ID;
  if (config.S3_SECRET_ACCESS_KEY) options.secretAccessKey = config.S3_SECRET_ACCESS_KEY;
  return new S3DocumentStorage(options);
}

/** One DocumentStorage for the dossier, application and photo modules. */
@Global()
@Module({
  providers: [{ provide: DocumentStorage, inject: [RegistrationConfig], useFactory: documentStorageFor }],
  exports: [DocumentStorage],
})
export class DocumentStorageModule implements OnApplicationShutdown {
  constructor(@Inject(DocumentStorage) private readonly storage: DocumentStorage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3DocumentStorage) this.storage.destroy();
  }
}

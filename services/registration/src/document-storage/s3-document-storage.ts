import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertStorageKey, DocumentStorage, sha256, StoredObjectNotFound, type StoredObject } from './document-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint; unset for AWS S3. */
  endpoint?: string;
  /** Both or neither; neither: the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/**
 * Objects in one bucket of an S3-compatible store, under the same keys the local storage uses as paths.
 * The SHA-256 travels with the upload (`x-amz-checksum-sha256`), so the store refuses a body that arrived
 * damaged, and is kept in the object's metadata.
 */
export class S3DocumentStorage extends DocumentStorage {
  readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    super();
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Only the checksum we send (SHA-256); the SDK's default CRC32 on every request is not understood by
      // every S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    if (options.accessKeyId && options.secretAccessKey) {
      config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
    }
    this.client = new S3Client(config);
  }

  get bucket(): string {
    return this.options.bucket;
  }

  async put(key: string, content: Buffer): Promise<StoredObject> {
    assertStorageKey(key);
    const digest = sha256(content);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: content,
        ContentLength: content.length,
        ContentType: 'application/octet-stream',
        ChecksumSHA256: Buffer.from(digest, 'hex').toString('base64'),
        Metadata: { sha256: digest },
      }),
    );
    return { key, sizeBytes: content.length, sha256: digest };
  }

  async open(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!(object.Body instanceof Readable)) throw new Error(`S3 object ${key} has no readable body`);
      return object.Body;
    } catch (error) {
      if (error instanceof NoSuchKey) throw new StoredObjectNotFound(key);
      throw error;
    }
  }

  /** Deleting a missing object succeeds in S3, as removing a missing file does locally. */
  async remove(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  destroy(): void {
    this.client.destroy();
  }
}

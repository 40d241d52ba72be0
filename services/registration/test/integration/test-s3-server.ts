import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { freePort, toolBinary, uniqueSuffix } from '@ocop/testing';

/**
 * A private S3-compatible server (moto_server from PyPI's `moto[server]`, installed by infra/tools.sh) on a
 * free loopback port, for the suites that run the S3 document storage. Objects live in its memory and go
 * with it. `MOTO_SERVER_BIN` points at another copy.
 */
export class TestS3Server {
  readonly accessKeyId = 'test-access-key';
  readonly secretAccessKey = 'test-secret-key';
  readonly region = 'us-east-1';
  private readonly client: S3Client;

  private constructor(
    readonly port: number,
    private readonly process: ChildProcess,
  ) {
    this.client = new S3Client({
      endpoint: this.endpoint,
      region: this.region,
      forcePathStyle: true,
      credentials: { accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey },
    });
  }

  static async start(): Promise<TestS3Server> {
    const port = await freePort();
    const child = spawn(toolBinary('moto_server', 'MOTO_SERVER_BIN'), ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (!(await portAnswers(port))) {
      if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`moto_server did not listen on ${port}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return new TestS3Server(port, child);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A new, empty bucket; its name. */
  async createBucket(prefix = 'ocop-test'): Promise<string> {
    const bucket = `${prefix}-${uniqueSuffix()}`.toLowerCase();
    await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return bucket;
  }

  /** Keys stored in the bucket under the prefix. */
  async keys(bucket: string, prefix = ''): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /** The environment that points registration's S3 storage at this server and bucket. */
  env(bucket: string): Record<string, string> {
    return {
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: this.endpoint,
      S3_REGION: this.region,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: this.accessKeyId,
      S3_SECRET_ACCESS_KEY: this.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    };
  }

  async stop(): Promise<void> {
    this.client.destroy();
    if (this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.kill('SIGTERM');
    await exited;
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

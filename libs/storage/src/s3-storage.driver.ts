import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'minio';
import { DomainError } from '@gradekit/contracts';
import { contentDisposition } from './content-disposition';
import { contentTypeFromKey, DEFAULT_CONTENT_TYPE } from './content-type';
import { assertValidKey, assertValidPrefix } from './object-key';
import { driverArguments } from './driver-arguments';
import type {
  ByteRange,
  MultipartPart,
  PresignPutOptions,
  PutFileOptions,
  S3StorageOptions,
  StorageDriver,
  StoredObjectInfo,
} from './storage-driver.interface';

/** S3's DeleteObjects accepts at most 1000 keys a call. */
const DELETE_BATCH = 1000;
/** A readiness probe must answer; minio itself has no request timeout. */
const PING_TIMEOUT_MS = 5000;

const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound', 'NoSuchObject']);

function s3Code(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'UnknownError';
}

function isNotFound(error: unknown): boolean {
  return NOT_FOUND_CODES.has(s3Code(error));
}

/** What S3 answers for a bad part list or range: the caller's mistake (400), not an outage. */
const CLIENT_ERROR_CODES = new Set(['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'MalformedXML', 'InvalidRange']);

/** Multipart and range failures: NOT_FOUND for an unknown upload, VALIDATION_ERROR for the caller's mistakes, else unavailable. */
function multipartError(action: string, error: unknown): DomainError {
  if (s3Code(error) === 'NoSuchUpload') return DomainError.notFound('Multipart upload');
  if (CLIENT_ERROR_CODES.has(s3Code(error))) return DomainError.validation(`Object storage refused the ${action}`, [{ message: s3Code(error) }]);
  return unavailable(action, error);
}

/**
 * Storage failures other than a missing key become SERVICE_UNAVAILABLE (503): the
 * request may succeed later, and BullMQ retries worker jobs that hit it. Details carry
 * the S3 error code only (no bucket or endpoint); the original error is kept as cause.
 */
function unavailable(action: string, error: unknown): DomainError {
  const wrapped = new DomainError('SERVICE_UNAVAILABLE', `Object storage ${action} failed`, [{ message: s3Code(error) }]);
  Object.defineProperty(wrapped, 'cause', { value: error, enumerable: false });
  return wrapped;
}

/** Parses publicEndpoint into the host/port/TLS a second (signing-only) client needs. */
function publicClientOptions(publicEndpoint: string): { endPoint: string; port?: number; useSSL: boolean } {
  let url: URL;
  try {
    url = new URL(publicEndpoint);
  } catch {
    throw DomainError.validation('Invalid storage options', [{ field: 'publicEndpoint', message: 'must be an absolute URL' }]);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search) {
    throw DomainError.validation('Invalid storage options', [
      { field: 'publicEndpoint', message: 'must be http(s)://host[:port] without a path' },
    ]);
  }
  return {
    endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : undefined,
    useSSL: url.protocol === 'https:',
  };
}

/**
 * S3-compatible storage (MinIO, R2, AWS S3) through the minio client. The bucket is
 * created on first use. Presigned URLs are SigV4 query-signed by the client; with
 * publicEndpoint they are signed for the host clients use (SigV4 signs the Host header,
 * so a URL cannot simply be rewritten afterwards). Presigning needs no network call
 * because the region is configured.
 */
export class S3StorageDriver implements StorageDriver {
  readonly kind = 's3' as const;
  readonly supportsMultipart = true;
  private readonly client: Client;
  private readonly presigner: Client;
  private readonly bucket: string;
  private readonly region: string;
  private bucketReady: Promise<void> | null = null;

  constructor(options: Omit<S3StorageOptions, 'driver'>) {
    for (const field of ['endPoint', 'accessKey', 'secretKey', 'bucket', 'region'] as const) {
      if (!options[field]) throw DomainError.validation('Invalid storage options', [{ field, message: 'is required' }]);
    }
    const common = {
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region,
      ...(options.pathStyle !== undefined ? { pathStyle: options.pathStyle } : {}),
    };
    this.bucket = options.bucket;
    this.region = options.region;
    this.client = new Client({ endPoint: options.endPoint, port: options.port, useSSL: options.useSSL, ...common });
    this.presigner = options.publicEndpoint ? new Client({ ...publicClientOptions(options.publicEndpoint), ...common }) : this.client;
  }

  /** Creates the bucket if it does not exist; memoised, and retried after a failure. */
  ensureBucket(): Promise<void> {
    if (!this.bucketReady) {
      this.bucketReady = (async () => {
        if (await this.client.bucketExists(this.bucket)) return;
        try {
          await this.client.makeBucket(this.bucket, this.region);
        } catch (error) {
          // Another replica created it between our check and our create.
          if (s3Code(error) !== 'BucketAlreadyOwnedByYou' && s3Code(error) !== 'BucketAlreadyExists') throw error;
        }
      })();
      this.bucketReady.catch(() => {
        this.bucketReady = null;
      });
    }
    return this.bucketReady;
  }

  async put(key: string, body: Buffer, contentType?: string): Promise<StoredObjectInfo> {
    assertValidKey(key);
    driverArguments.contentType(contentType);
    const type = contentType ?? contentTypeFromKey(key) ?? DEFAULT_CONTENT_TYPE;
    await this.ready('put');
    try {
      // A single PUT replaces the object atomically on S3: readers see old or new bytes.
      await this.client.putObject(this.bucket, key, body, body.length, { 'Content-Type': type });
    } catch (error) {
      throw unavailable('put', error);
    }
    return { key, bytes: body.length, contentType: type, modifiedAt: new Date() };
  }

  async putFile(key: string, filePath: string, contentType?: string, options: PutFileOptions = {}): Promise<StoredObjectInfo> {
    assertValidKey(key);
    driverArguments.contentType(contentType);
    const type = contentType ?? contentTypeFromKey(key) ?? DEFAULT_CONTENT_TYPE;
    const { size } = await stat(filePath); // a missing source file is the caller's error, not storage's
    await this.ready('put');
    try {
      // fPutObject streams from disk (multipart past the part size), so videos are never buffered whole.
      await this.client.fPutObject(this.bucket, key, filePath, { 'Content-Type': type });
    } catch (error) {
      throw unavailable('put', error);
    }
    if (options.move) await unlink(filePath).catch(() => undefined); // stored: the local copy has done its job
    return { key, bytes: size, contentType: type, modifiedAt: new Date() };
  }

  async get(key: string): Promise<Buffer> {
    assertValidKey(key);
    await this.ready('get');
    try {
      const stream = await this.client.getObject(this.bucket, key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      if (isNotFound(error)) throw DomainError.notFound('Object');
      throw unavailable('get', error);
    }
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable> {
    assertValidKey(key);
    driverArguments.range(range);
    await this.ready('get');
    try {
      if (!range) return await this.client.getObject(this.bucket, key);
      const length = range.end === undefined ? undefined : range.end - range.start + 1;
      return await this.client.getPartialObject(this.bucket, key, range.start, length);
    } catch (error) {
      if (isNotFound(error)) throw DomainError.notFound('Object');
      if (s3Code(error) === 'InvalidRange') {
        throw DomainError.validation('Byte range starts past the end of the object', [{ field: 'range', message: 'InvalidRange' }]);
      }
      throw unavailable('get', error);
    }
  }

  async getToFile(key: string, filePath: string): Promise<void> {
    assertValidKey(key);
    await this.ready('get');
    let body: Readable;
    try {
      body = await this.client.getObject(this.bucket, key); // NOT_FOUND before anything is written
    } catch (error) {
      if (isNotFound(error)) throw DomainError.notFound('Object');
      throw unavailable('get', error);
    }
    // Same shape as the local driver: a temp name beside the target, renamed when complete,
    // so a reader of filePath never sees a partial download. (Not minio's fGetObject: its
    // resume logic relies on `instanceof Error` for fs errors, which fails under Jest.)
    const partial = `${filePath}.${randomUUID()}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, filePath);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).syscall) throw error; // local file system problem, not storage
      throw unavailable('get', error);
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    assertValidKey(key);
    await this.ready('head');
    try {
      const info = await this.client.statObject(this.bucket, key);
      const type = info.metaData?.['content-type'];
      return { key, bytes: info.size, contentType: typeof type === 'string' ? type : null, modifiedAt: info.lastModified };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw unavailable('head', error);
    }
  }

  async delete(key: string): Promise<boolean> {
    // S3's DELETE succeeds whether or not the key existed, so existence is checked first
    // (a concurrent delete can still make both callers see true; harmless).
    if (!(await this.head(key))) return false;
    try {
      await this.client.removeObject(this.bucket, key);
    } catch (error) {
      throw unavailable('delete', error);
    }
    return true;
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidPrefix(prefix);
    await this.ready('delete');
    let deleted = 0;
    try {
      let batch: string[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const results = await this.client.removeObjects(this.bucket, batch);
        const failed = results.filter((result) => result?.Error);
        if (failed.length > 0) {
          throw Object.assign(new Error(`${failed.length} deletions failed`), { code: failed[0]?.Error?.Code ?? 'DeleteFailed' });
        }
        deleted += batch.length;
        batch = [];
      };
      for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
        if (item.name) batch.push(item.name);
        if (batch.length >= DELETE_BATCH) await flush();
      }
      await flush();
    } catch (error) {
      // Idempotent: a retry lists what is left and deletes it.
      throw unavailable('delete', error);
    }
    return deleted;
  }

  /**
   * Note: SigV4 query presigning (minio's presignedPutObject) signs only the Host header,
   * so S3 enforces neither contentType nor options.maxBytes on the upload (a size limit
   * needs a POST policy, which is not a PUT). The client should send the Content-Type
   * header, and the caller must head() the object afterwards and delete it when it is too
   * big; large files should use the multipart methods, whose parts the caller sizes.
   */
  async presignPut(key: string, expiresInSeconds: number, contentType?: string, options: PresignPutOptions = {}): Promise<string> {
    assertValidKey(key);
    driverArguments.expiry(expiresInSeconds);
    driverArguments.contentType(contentType);
    driverArguments.maxBytes(options.maxBytes); // checked for parity with local, not enforceable here
    await this.ready('presign');
    return this.presigner.presignedPutObject(this.bucket, key, expiresInSeconds);
  }

  async presignGet(key: string, expiresInSeconds: number, downloadName?: string): Promise<string> {
    assertValidKey(key);
    driverArguments.expiry(expiresInSeconds);
    driverArguments.downloadName(downloadName);
    const overrides: Record<string, string> = {};
    if (downloadName) overrides['response-content-disposition'] = contentDisposition(downloadName);
    return this.presigner.presignedGetObject(this.bucket, key, expiresInSeconds, overrides);
  }

  async createMultipartUpload(key: string, contentType?: string): Promise<{ uploadId: string }> {
    assertValidKey(key);
    driverArguments.contentType(contentType);
    const type = contentType ?? contentTypeFromKey(key) ?? DEFAULT_CONTENT_TYPE;
    await this.ready('multipart');
    try {
      return { uploadId: await this.client.initiateNewMultipartUpload(this.bucket, key, { 'Content-Type': type }) };
    } catch (error) {
      throw unavailable('multipart', error);
    }
  }

  /** Signed for the public endpoint like presignPut; partNumber and uploadId are part of the signature. */
  async presignUploadPart(key: string, uploadId: string, partNumber: number, expiresInSeconds: number): Promise<string> {
    assertValidKey(key);
    driverArguments.uploadId(uploadId);
    driverArguments.partNumber(partNumber);
    driverArguments.expiry(expiresInSeconds);
    await this.ready('presign');
    return this.presigner.presignedUrl('PUT', this.bucket, key, expiresInSeconds, { partNumber: String(partNumber), uploadId });
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: MultipartPart[]): Promise<StoredObjectInfo> {
    assertValidKey(key);
    driverArguments.uploadId(uploadId);
    const sorted = driverArguments.parts(parts);
    await this.ready('multipart');
    try {
      await this.client.completeMultipartUpload(
        this.bucket,
        key,
        uploadId,
        sorted.map((part) => ({ part: part.partNumber, etag: part.etag })),
      );
    } catch (error) {
      throw multipartError('multipart completion', error);
    }
    const info = await this.head(key);
    if (!info) throw unavailable('multipart completion', Object.assign(new Error('object missing after completion'), { code: 'NoSuchKey' }));
    return info;
  }

  async abortMultipartUpload(key: string, uploadId: string): Promise<boolean> {
    assertValidKey(key);
    driverArguments.uploadId(uploadId);
    await this.ready('multipart');
    try {
      await this.client.abortMultipartUpload(this.bucket, key, uploadId);
      return true;
    } catch (error) {
      if (s3Code(error) === 'NoSuchUpload') return false; // already completed or aborted: nothing left to discard
      throw multipartError('multipart abort', error);
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'Timeout' })), PING_TIMEOUT_MS);
    });
    try {
      // A live round trip every time (ensureBucket is memoised and would not notice an outage).
      const exists = await Promise.race([this.client.bucketExists(this.bucket), timeout]);
      if (!exists) {
        this.bucketReady = null; // the bucket vanished since it was memoised as ready
        await Promise.race([this.ensureBucket(), timeout]);
      }
    } catch (error) {
      throw unavailable('ping', error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async ready(action: string): Promise<void> {
    try {
      await this.ensureBucket();
    } catch (error) {
      throw unavailable(action, error);
    }
  }
}

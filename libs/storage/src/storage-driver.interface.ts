import type { Readable } from 'node:stream';

/**
 * The one storage abstraction both apps use. Keys are opaque, validated strings
 * (see object-key.ts); the driver decides where the bytes live. Everything the api
 * and the worker do with object storage goes through these methods, so a
 * deployment can switch between local disk and S3 without touching callers (the one
 * capability that differs, multipart uploads, is announced by supportsMultipart).
 */
export interface StoredObjectInfo {
  key: string;
  bytes: number;
  /** The content type recorded at write time (or derived from the key's extension); null when unknown. */
  contentType: string | null;
  modifiedAt: Date;
}

export type StorageDriverKind = 'local' | 's3';

/** Bytes start..end of an object, both inclusive (HTTP Range semantics); end defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface PutFileOptions {
  /**
   * The caller hands the file over: on success it no longer exists at filePath (local:
   * renamed into place, so a big upload is never copied; s3: uploaded, then deleted).
   * On failure it is left where it was, for the caller to clean up.
   */
  move?: boolean;
}

export interface PresignPutOptions {
  /**
   * Largest body the URL accepts. Local: signed into the URL and enforced by the api's
   * storage route (413, nothing stored). S3: a presigned PUT cannot carry a size limit
   * (SigV4 query signing does not bind Content-Length), so it is NOT enforced there: the
   * caller must head() the object after the upload and delete it when too large, or
   * use a multipart upload for big files.
   */
  maxBytes?: number;
}

/** One uploaded part of a multipart upload, as S3 answered its PUT (the ETag header, quotes and all). */
export interface MultipartPart {
  partNumber: number;
  etag: string;
}

/** S3's multipart rules (the same on MinIO and R2): every part but the last is at least minPartBytes. */
export const MULTIPART_LIMITS = {
  minPartBytes: 5 * 1024 * 1024,
  maxPartBytes: 5 * 1024 * 1024 * 1024,
  maxParts: 10_000,
} as const;

export interface StorageDriver {
  readonly kind: StorageDriverKind;
  /**
   * Whether the multipart methods below work: true for s3; false for local, where a big
   * upload is one presignPut (the api streams it to disk) and the multipart methods throw.
   */
  readonly supportsMultipart: boolean;
  /** Stores a buffer atomically: a reader sees the old object or the new one, never half of one. */
  put(key: string, body: Buffer, contentType?: string): Promise<StoredObjectInfo>;
  /** Stores a file without buffering it in memory (videos). */
  putFile(key: string, filePath: string, contentType?: string, options?: PutFileOptions): Promise<StoredObjectInfo>;
  /** Throws DomainError NOT_FOUND when the key does not exist. */
  get(key: string): Promise<Buffer>;
  /**
   * The object (or range of it) as a stream, so big videos are never buffered whole.
   * NOT_FOUND when the key does not exist, VALIDATION_ERROR for a range that starts at
   * or past the end. The caller must consume or destroy the stream (it holds a file or
   * a connection); a failure after it was returned arrives as the stream's 'error'.
   */
  getStream(key: string, range?: ByteRange): Promise<Readable>;
  /** Streams the object to filePath (written to a temp name first, then renamed). NOT_FOUND when missing. */
  getToFile(key: string, filePath: string): Promise<void>;
  /** null when the key does not exist. */
  head(key: string): Promise<StoredObjectInfo | null>;
  /** false when the object was already absent. */
  delete(key: string): Promise<boolean>;
  /** Deletes every object whose key starts with prefix; returns how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /** A URL a client can PUT the object's bytes to until it expires (see PresignPutOptions for maxBytes). */
  presignPut(key: string, expiresInSeconds: number, contentType?: string, options?: PresignPutOptions): Promise<string>;
  /** A URL a client can GET the object from until it expires; downloadName sets Content-Disposition: attachment. */
  presignGet(key: string, expiresInSeconds: number, downloadName?: string): Promise<string>;
  /** Readiness check: resolves when the storage is usable, throws DomainError SERVICE_UNAVAILABLE otherwise. */
  ping(): Promise<void>;

  // Multipart uploads (supportsMultipart): the client PUTs each part straight to the
  // storage through presigned part URLs, then the api completes the upload. Nothing is
  // visible at the key until completeMultipartUpload; an upload id is bound to its key.

  /** Starts a multipart upload; contentType defaults from the key's extension like put. */
  createMultipartUpload(key: string, contentType?: string): Promise<{ uploadId: string }>;
  /** A URL a client can PUT part partNumber (1..MULTIPART_LIMITS.maxParts) to; the answer's ETag header is the part's etag. */
  presignUploadPart(key: string, uploadId: string, partNumber: number, expiresInSeconds: number): Promise<string>;
  /**
   * Joins the parts (any order given; sorted here) into the object. NOT_FOUND for an
   * unknown or finished upload id, VALIDATION_ERROR for a wrong etag or a part too small.
   */
  completeMultipartUpload(key: string, uploadId: string, parts: MultipartPart[]): Promise<StoredObjectInfo>;
  /** Discards the upload and its parts; false when the upload id was already unknown (finished or aborted). */
  abortMultipartUpload(key: string, uploadId: string): Promise<boolean>;
}

export interface LocalStorageOptions {
  driver: 'local';
  /** Root folder; objects live under `<dataDir>/objects`, sidecars under `<dataDir>/meta`, temp files under `<dataDir>/tmp` (localTempDir). */
  dataDir: string;
  /** Base URL clients reach the api at, e.g. `https://api.example.com`; presigned URLs point at the api's storage route. */
  publicBaseUrl: string;
  /** HMAC key for presigned URLs; the api verifies them with the same secret. */
  signingSecret: string;
}

export interface S3StorageOptions {
  driver: 's3';
  endPoint: string;
  port?: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
  /**
   * Base URL (scheme, host, optional port; no path) clients see S3 at when it differs
   * from endPoint, e.g. the api talks to `minio:9000` inside a compose network while
   * browsers use `https://s3.example.com`. Presigned URLs are signed for this host.
   */
  publicEndpoint?: string;
  /** Force path-style (`/bucket/key`) URLs; minio picks path style for non-AWS endpoints by itself. */
  pathStyle?: boolean;
}

export type StorageOptions = LocalStorageOptions | S3StorageOptions;

/** Longest lifetime of a presigned URL (S3's own limit: 7 days). */
export const MAX_PRESIGN_EXPIRY_SECONDS = 7 * 24 * 3600;

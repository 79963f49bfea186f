/**
 * The one storage abstraction both apps use. Keys are opaque, validated strings
 * (see object-key.ts); the driver decides where the bytes live. Everything the api
 * and the worker do with object storage goes through these eleven methods, so a
 * deployment can switch between local disk and S3 without touching callers.
 */
export interface StoredObjectInfo {
  key: string;
  bytes: number;
  /** The content type recorded at write time (or derived from the key's extension); null when unknown. */
  contentType: string | null;
  modifiedAt: Date;
}

export type StorageDriverKind = 'local' | 's3';

export interface StorageDriver {
  readonly kind: StorageDriverKind;
  /** Stores a buffer atomically: a reader sees the old object or the new one, never half of one. */
  put(key: string, body: Buffer, contentType?: string): Promise<StoredObjectInfo>;
  /** Stores a file without buffering it in memory (videos). */
  putFile(key: string, filePath: string, contentType?: string): Promise<StoredObjectInfo>;
  /** Throws DomainError NOT_FOUND when the key does not exist. */
  get(key: string): Promise<Buffer>;
  /** Streams the object to filePath (written to a temp name first, then renamed). NOT_FOUND when missing. */
  getToFile(key: string, filePath: string): Promise<void>;
  /** null when the key does not exist. */
  head(key: string): Promise<StoredObjectInfo | null>;
  /** false when the object was already absent. */
  delete(key: string): Promise<boolean>;
  /** Deletes every object whose key starts with prefix; returns how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /** A URL a client can PUT the object's bytes to until it expires. */
  presignPut(key: string, expiresInSeconds: number, contentType?: string): Promise<string>;
  /** A URL a client can GET the object from until it expires; downloadName sets Content-Disposition: attachment. */
  presignGet(key: string, expiresInSeconds: number, downloadName?: string): Promise<string>;
  /** Readiness check: resolves when the storage is usable, throws DomainError SERVICE_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
}

export interface LocalStorageOptions {
  driver: 'local';
  /** Root folder; objects live under `<dataDir>/objects`, sidecars under `<dataDir>/meta`, temp files under `<dataDir>/tmp`. */
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

// @20minutes/s3rver ships no types; only what the integration tests use is declared.
declare module '@20minutes/s3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    port?: number;
    address?: string;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
  }

  /** The slice of a Koa context the test shims use. */
  export interface S3rverContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    params: Record<string, string | undefined>;
    status: number;
    body: unknown;
  }

  export type S3rverMiddleware = (ctx: S3rverContext, next: () => Promise<unknown>) => Promise<unknown>;

  export default class S3rver {
    constructor(options: S3rverOptions);
    /** Koa's middleware list; composed when run() starts listening. */
    middleware: S3rverMiddleware[];
    store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module '@20minutes/s3rver/lib/middleware/authentication' {
  import type { S3rverMiddleware } from '@20minutes/s3rver';

  /** s3rver's SigV2/SigV4 verification (ctx.params.bucket and key must be set). */
  export default function authentication(): S3rverMiddleware;
}

declare module '@20minutes/s3rver/lib/models/error' {
  export default class S3Error extends Error {
    constructor(code: string, message: string, detail?: Record<string, string>);
  }
}

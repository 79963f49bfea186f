import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver, { type S3rverContext } from '@20minutes/s3rver';
import authentication from '@20minutes/s3rver/lib/middleware/authentication';
import S3Error from '@20minutes/s3rver/lib/models/error';
import type { S3StorageOptions } from '../storage-driver.interface';

// s3rver's built-in account; it verifies SigV4 signatures made with this secret.
export const S3RVER_CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER', region: 'us-east-1' };

export interface RunningS3rver {
  port: number;
  /** s3rver's storage folder (its multipart uploads live in `<bucket>/…uploads` folders). */
  directory: string;
  options(bucket: string): S3StorageOptions;
  /** The folder s3rver keeps an unfinished multipart upload's parts in. */
  uploadDir(bucket: string, uploadId: string): string;
  close(): Promise<void>;
}

/**
 * s3rver 5 implements initiate, upload part and complete, but not AbortMultipartUpload
 * (its router answers 405), and it accepts parts and completions for upload ids it never
 * issued. This shim, placed in front of s3rver's router, adds what S3 does: after
 * s3rver's own signature check, an upload id must exist for that bucket and key
 * (NoSuchUpload otherwise), and DELETE ?uploadId discards the upload and its parts.
 * Everything else is s3rver's.
 */
function multipartShim(server: S3rver) {
  const verify = authentication();
  return async (ctx: S3rverContext, next: () => Promise<unknown>): Promise<unknown> => {
    const uploadId = ctx.query.uploadId;
    const [, bucket, ...keyParts] = ctx.path.split('/');
    if (typeof uploadId !== 'string' || !bucket || keyParts.length === 0) return next();
    const key = keyParts.map(decodeURIComponent).join('/');
    ctx.params = { ...ctx.params, bucket, key };
    return verify(ctx, async () => {
      const dir = /^[0-9a-f]{1,64}$/.test(uploadId) ? path.join(server.store.getResourcePath(bucket, undefined, 'uploads'), uploadId) : null;
      const uploadKey = dir ? await readFile(path.join(dir, 'key'), 'utf8').catch(() => null) : null;
      if (!dir || uploadKey !== key) {
        throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
      }
      if (ctx.method !== 'DELETE') return next();
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return undefined;
    });
  };
}

/** A real s3rver (SigV4 verified) on a free port, storing into a fresh temp folder. */
export async function startS3rver(): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(tmpdir(), 'gk-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true });
  // Koa composes its middleware list when run() listens: the shim goes just before the router (the last one).
  server.middleware.splice(server.middleware.length - 1, 0, multipartShim(server));
  const { port } = await server.run();
  return {
    port,
    directory,
    options: (bucket) => ({ driver: 's3', endPoint: '127.0.0.1', port, useSSL: false, bucket, ...S3RVER_CREDENTIALS }),
    uploadDir: (bucket, uploadId) => path.join(server.store.getResourcePath(bucket, undefined, 'uploads'), uploadId),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

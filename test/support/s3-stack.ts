import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { startStack, type E2eStack } from './e2e-stack';

/**
 * The spawned api and worker on the s3 storage driver, against an S3 server that verifies
 * SigV4 signatures (s3rver), so presigned URLs are really checked. `stop()` ends both.
 */
export async function startS3Stack(bucket: string, env: Record<string, string> = {}): Promise<E2eStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-s3-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  const { port } = (await s3.run()) as AddressInfo;
  const stack = await startStack({
    env: { STORAGE_DRIVER: 's3', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_BUCKET: bucket, S3_REGION: 'us-east-1', ...env },
  });
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

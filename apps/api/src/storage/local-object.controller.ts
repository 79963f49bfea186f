import { randomUUID } from 'node:crypto';
import { mkdir, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, HttpCode, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ApiConfig } from '@gradekit/config';
import { DomainError, LocalObjectQueryDto } from '@gradekit/contracts';
import {
  contentDisposition,
  isInlineContentType,
  localSignatureParamsFromQuery,
  localTempDir,
  verifyLocalSignature,
  type LocalSignatureParams,
  type StorageDriver,
} from '@gradekit/storage';
import { Public } from '../auth/auth.decorators';
import { StreamsBody } from '../common/streams-body.decorator';
import { API_CONFIG } from '../config/api-config.provider';
import { parseRange } from './byte-range';
import { payloadTooLarge, receiveUpload } from './receive-upload';
import { STORAGE } from './storage.provider';

/**
 * Serves the local driver's presigned URLs: the HMAC signature in the query is the
 * credential (no API key), bound to the operation, key, expiry, content type and, for a
 * PUT, the byte limit. With the s3 driver clients talk to S3 directly and this route is
 * a 404. Bodies are streamed both ways, so a video never sits whole in the api's memory.
 */
@ApiExcludeController()
@Public()
@StreamsBody()
@Controller('api/v1/storage/object')
export class LocalObjectController {
  constructor(
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** GET (and HEAD) with single-range support: browsers seek in videos with `Range: bytes=…`. */
  @Get('*key')
  async download(
    @Param('key') keyParts: string[] | string,
    @Query() query: LocalObjectQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { key, downloadName } = this.authorise('get', keyParts, query);
    const info = await this.storage.head(key);
    if (!info) throw DomainError.notFound('Object');
    const lastModified = info.modifiedAt.toUTCString();
    // If-Range: serve the range only if the client's copy is still the current one.
    const ifRange = req.header('if-range');
    const range = ifRange === undefined || ifRange === lastModified ? parseRange(req.header('range'), info.bytes) : null;
    if (range === 'unsatisfiable') {
      // A bare 416 like any static file server: the body of an error here would be mistaken for bytes of the object.
      res.status(416).setHeader('Content-Range', `bytes */${info.bytes}`);
      res.end();
      return;
    }
    // Bounds come from head(); a stream of exactly that range never sends more than
    // Content-Length, even if the object is replaced between head() and getStream's open.
    const start = range?.start ?? 0;
    const end = range?.end ?? info.bytes - 1;
    // Opened before any header is set, so a NOT_FOUND here still leaves as a clean JSON error.
    const body = req.method === 'HEAD' || end < start ? null : await this.storage.getStream(key, { start, end });
    res.status(range ? 206 : 200);
    if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${info.bytes}`);
    res.setHeader('Content-Length', end - start + 1);
    res.setHeader('Content-Type', info.contentType ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Last-Modified', lastModified);
    // This route is the api's own origin: only media a browser cannot run (raster images,
    // video) is shown inline; anything else is a download, whatever URL was signed. The
    // global headers add nosniff and a sandboxing CSP (common/security-headers.ts).
    const attachmentName = downloadName ?? (isInlineContentType(info.contentType) ? null : path.posix.basename(key));
    if (attachmentName) res.setHeader('Content-Disposition', contentDisposition(attachmentName));
    if (!body) {
      res.end(); // HEAD, or an empty object
      return;
    }
    try {
      await pipeline(body, res);
    } catch (error) {
      // Once bytes have left, an error can no longer become a JSON answer; pipeline has destroyed the socket.
      if (!res.headersSent) throw error;
    }
  }

  @Put('*key')
  @HttpCode(200)
  async upload(
    @Param('key') keyParts: string[] | string,
    @Query() query: LocalObjectQueryDto,
    @Req() req: Request,
  ): Promise<{ key: string; bytes: number }> {
    const { key, contentType: signedType, maxBytes: signedMax } = this.authorise('put', keyParts, query);
    const sentType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (signedType && sentType !== signedType.toLowerCase()) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `This upload URL expects Content-Type ${signedType}`, [{ field: 'Content-Type', message: `got "${sentType || 'none'}"` }]);
    }
    // A URL signed with a limit (a video upload) carries its own; older and image URLs get the image limit.
    const maxBytes = signedMax ? Number(signedMax) : this.config.limits.maxInputBytes;
    const declared = Number(req.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(maxBytes);
    // Into the storage's own temp folder: same disk as the objects, so putFile's move is a
    // rename (no second copy of a big video), and a crash leaves the partial file in tmp/.
    const dir = localTempDir(this.localDataDir());
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${randomUUID()}.upload`);
    try {
      await receiveUpload(req, file, maxBytes);
      const stored = await this.storage.putFile(key, file, signedType ?? (sentType || undefined), { move: true });
      return { key, bytes: stored.bytes };
    } finally {
      await unlink(file).catch(() => undefined); // a partial or refused body; already gone after the move
    }
  }

  private localDataDir(): string {
    if (this.config.storage.driver !== 'local') throw DomainError.notFound('Object');
    return this.config.storage.dataDir;
  }

  private authorise(op: 'get' | 'put', keyParts: string[] | string, query: LocalObjectQueryDto): LocalSignatureParams {
    if (this.config.storage.driver !== 'local') throw DomainError.notFound('Object');
    const key = Array.isArray(keyParts) ? keyParts.join('/') : keyParts;
    const params = localSignatureParamsFromQuery(key, { ...query });
    if (params.op !== op) throw new DomainError('FORBIDDEN', 'This URL was not signed for this method');
    const verdict = verifyLocalSignature(this.config.storage.signingSecret, params);
    if (verdict === 'expired') throw new DomainError('FORBIDDEN', 'This presigned URL has expired', [{ message: 'Ask for a new one with POST /api/v1/storage/url or /storage/presign' }]);
    if (verdict !== 'ok') throw new DomainError('FORBIDDEN', 'Invalid signature');
    return params;
  }
}

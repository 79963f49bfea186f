import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { Controller, Get, HttpCode, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ApiConfig } from '@gradekit/config';
import { DomainError, LocalObjectQueryDto } from '@gradekit/contracts';
import { contentDisposition, localSignatureParamsFromQuery, verifyLocalSignature, type StorageDriver } from '@gradekit/storage';
import { Public } from '../auth/auth.decorators';
import { API_CONFIG } from '../config/api-config.provider';
import { STORAGE } from './storage.provider';


/**
 * Serves the local driver's presigned URLs: the HMAC signature in the query is the
 * credential (no API key), bound to the operation, key, expiry and content type.
 * With the s3 driver clients talk to S3 directly and this route is a 404.
 */
@ApiExcludeController()
@Public()
@Controller('api/v1/storage/object')
export class LocalObjectController {
  constructor(
    @Inject(STORAGE) private readonly storage: StorageDriver,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get('*key')
  async download(@Param('key') keyParts: string[] | string, @Query() query: LocalObjectQueryDto, @Res() res: Response): Promise<void> {
    const key = this.authorise('get', keyParts, query);
    const info = await this.storage.head(key);
    if (!info) throw DomainError.notFound('Object');
    const body = await this.storage.get(key);
    res.setHeader('Content-Type', info.contentType ?? 'application/octet-stream');
    res.setHeader('Content-Length', body.length);
    res.setHeader('Cache-Control', 'private, max-age=300');
    const downloadName = typeof query.dn === 'string' ? query.dn : null;
    if (downloadName) res.setHeader('Content-Disposition', contentDisposition(downloadName));
    res.status(200).end(body);
  }

  @Put('*key')
  @HttpCode(200)
  async upload(@Param('key') keyParts: string[] | string, @Query() query: LocalObjectQueryDto, @Req() req: Request): Promise<{ key: string; bytes: number }> {
    const key = this.authorise('put', keyParts, query);
    const signedType = typeof query.ct === 'string' ? query.ct : null;
    const sentType = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (signedType && sentType !== signedType.toLowerCase()) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `This upload URL expects Content-Type ${signedType}`, [{ field: 'Content-Type', message: `got "${sentType || 'none'}"` }]);
    }
    const maxBytes = this.config.limits.maxInputBytes;
    const declared = Number(req.header('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
    const dir = await mkdtemp(path.join(tmpdir(), 'gk-upload-'));
    const file = path.join(dir, 'body');
    try {
      let received = 0;
      const limiter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          callback(received > maxBytes ? tooLarge(maxBytes) : null, chunk);
        },
      });
      await pipeline(req, limiter, createWriteStream(file));
      const stored = await this.storage.putFile(key, file, signedType ?? (sentType || undefined));
      return { key, bytes: stored.bytes };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private authorise(op: 'get' | 'put', keyParts: string[] | string, query: LocalObjectQueryDto): string {
    if (this.config.storage.driver !== 'local') throw DomainError.notFound('Object');
    const key = Array.isArray(keyParts) ? keyParts.join('/') : keyParts;
    const params = localSignatureParamsFromQuery(key, { ...query });
    if (params.op !== op) throw new DomainError('FORBIDDEN', 'This URL was not signed for this method');
    const verdict = verifyLocalSignature(this.config.storage.signingSecret, params);
    if (verdict === 'expired') throw new DomainError('FORBIDDEN', 'This presigned URL has expired', [{ message: 'Ask for a new one with POST /api/v1/storage/url or /storage/presign' }]);
    if (verdict !== 'ok') throw new DomainError('FORBIDDEN', 'Invalid signature');
    return key;
  }
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `Upload is larger than ${maxBytes} bytes`, [{ message: `at most ${maxBytes} bytes`, limit: maxBytes }]);
}

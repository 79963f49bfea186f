import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiConfig } from '@gradekit/config';
import { DomainError } from '@gradekit/contracts';
import { API_CONFIG } from '../config/api-config.provider';

interface BodyParserError {
  type?: string;
  limit?: number;
}

/** Body-parser failures as domain errors, so they answer in the API's error format. */
function toDomainError(error: unknown, limit: number): unknown {
  switch ((error as BodyParserError)?.type) {
    case 'entity.parse.failed':
      return new DomainError('INVALID_JSON', 'Request body is not valid JSON');
    case 'entity.too.large':
      return new DomainError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`, [
        { message: 'Upload large files with POST /api/v1/storage/presign instead', limit },
      ]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported request body encoding');
    default:
      return error;
  }
}

/**
 * JSON body parsing as Nest middleware with its errors translated here: Nest
 * would otherwise turn a parse error into a bare 400 and lose what went wrong.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof express.json>;
  private readonly limit: number;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.limit = config.maxBodyBytes;
    this.parse = express.json({ limit: config.maxBodyBytes, strict: true });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.parse(req, res, (error?: unknown) => (error ? next(toDomainError(error, this.limit)) : next()));
  }
}

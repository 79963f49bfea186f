import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiConfig } from '@gradekit/config';
import { API_CONFIG } from '../config/api-config.provider';

/**
 * JSON body parsing as Nest middleware (not Express's), so malformed JSON and
 * too-large bodies reach the error filter and answer in the API's error format.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof express.json>;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.parse = express.json({ limit: config.maxBodyBytes, strict: true });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.parse(req, res, next);
  }
}

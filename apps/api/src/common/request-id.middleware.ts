import { Injectable, type NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { GradekitRequest } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Gives every request an id (the caller's X-Request-Id when it looks sane) and echoes it. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  use(req: GradekitRequest, res: Response, next: NextFunction): void {
    const incoming = req.header('x-request-id');
    req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    req.startedAt = process.hrtime.bigint();
    res.setHeader('X-Request-Id', req.id);
    next();
  }
}

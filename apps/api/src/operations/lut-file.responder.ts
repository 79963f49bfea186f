import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { LUT_SPATIAL_EFFECTS_NOTE, type LutResult } from '@gradekit/contracts';
import type { StorageDriver } from '@gradekit/storage';
import { contentDisposition } from '@gradekit/storage';
import { STORAGE } from '../storage/storage.provider';
import type { AcceptedBody, OperationResultBody } from './operation-response';
import { SandboxResults } from './sandbox/sandbox-results.service';

/**
 * LUT exports answer with the .cube file itself (a text/plain attachment with a
 * descriptive name) when they finish within the sync timeout; what the JSON body
 * would say travels in headers (X-Task-Id, X-Credits-Used, X-Credits-Remaining,
 * X-Lut-Size, X-Spatial-Effects). `response_format: "json"` — or a 202 — gives the
 * usual JSON with a download URL instead.
 */
@Injectable()
export class LutFileResponder {
  constructor(
    @Inject(STORAGE) private readonly storage: StorageDriver,
    private readonly sandbox: SandboxResults,
  ) {}

  async respond(res: Response, body: OperationResultBody | AcceptedBody, format: 'file' | 'json'): Promise<unknown> {
    if (format === 'json' || res.statusCode !== 200 || !('result' in body)) return body;
    const result = body.result as LutResult;
    const bytes = body.sandbox ? this.sandbox.demoFile(result.key.split('/').pop() ?? '') : await this.storage.get(result.key);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', contentDisposition(result.filename));
    res.setHeader('X-Task-Id', body.task_id);
    res.setHeader('X-Credits-Used', String(body.credits_used));
    res.setHeader('X-Credits-Remaining', String(body.credits_remaining));
    res.setHeader('X-Lut-Size', String(result.size));
    res.setHeader('X-Sandbox', String(body.sandbox));
    res.setHeader('X-Spatial-Effects', 'not included');
    res.setHeader('X-Gradekit-Note', LUT_SPATIAL_EFFECTS_NOTE);
    return (bytes ?? Buffer.alloc(0)).toString('utf8');
  }
}

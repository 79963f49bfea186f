import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@gradekit/config';
import type { OperationName } from '@gradekit/contracts';
import { API_CONFIG } from '../../config/api-config.provider';
import { SANDBOX_DEMO_FILES, SANDBOX_DEMOS } from './sandbox-demos';

export const SANDBOX_DEMO_DIR = path.join(__dirname, 'demo');

/**
 * Static demo results for sandbox calls: the same shape as real ones, no task, no
 * charge, nothing decoded. Demo images are read into memory once, so a sandbox
 * answer costs no I/O.
 */
@Injectable()
export class SandboxResults {
  private readonly files = new Map<string, Buffer>();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    for (const file of SANDBOX_DEMO_FILES) this.files.set(file, readFileSync(path.join(SANDBOX_DEMO_DIR, file)));
  }

  demoFile(file: string): Buffer | undefined {
    return this.files.get(file);
  }

  resultFor(op: OperationName, options: { inlineBase64?: boolean } = {}): { task_id: string; result: unknown; history_id: null; image?: string } {
    // A fresh id keeps the shape of a real answer; sandbox tasks are not stored, so it is not retrievable.
    const base = { task_id: randomUUID(), history_id: null };
    const demo = SANDBOX_DEMOS[op];
    if (demo.kind === 'data') return { ...base, result: demo.result };
    const url = `${this.config.publicUrl}/api/v1/sandbox/demo/${demo.file}`;
    if (demo.kind === 'lut') return { ...base, result: { ...demo.result, key: `sandbox/demo/${demo.file}`, url } };
    const image = { key: `sandbox/demo/${demo.file}`, url, thumbnail_key: `sandbox/demo/${demo.file}`, thumbnail_url: url };
    const inline = options.inlineBase64 ? { image: (this.files.get(demo.file) as Buffer).toString('base64') } : {};
    if (demo.kind === 'image') return { ...base, result: { ...demo.result, ...image }, ...inline };
    const items = Array.from({ length: demo.count }, (_, index) => ({ index, status: 'completed', target_key: `sandbox/demo/target-${index}`, ...demo.item, ...image, ...inline }));
    return { ...base, result: { items, succeeded: demo.count, failed: 0, credits_refunded: 0 } };
  }
}

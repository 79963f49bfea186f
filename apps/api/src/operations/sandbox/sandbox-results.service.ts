import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ApiConfig } from '@gradekit/config';
import { OPERATION_NAMES, type OperationName } from '@gradekit/contracts';
import { API_CONFIG } from '../../config/api-config.provider';
import { FeatureDemos, type SandboxDemo } from './sandbox-demos';

/** Why the discovered demos cannot serve the catalog (none when they can). Pure, so it is unit-tested with any catalog. */
export function sandboxDemoProblems(catalogOps: readonly string[], features: readonly FeatureDemos[]): string[] {
  const counts = new Map<string, number>();
  const files = new Map<string, number>();
  for (const feature of features) {
    for (const [op, demo] of Object.entries(feature.demos)) {
      counts.set(op, (counts.get(op) ?? 0) + 1);
      if (demo && demo.kind !== 'data') files.set(demo.file, (files.get(demo.file) ?? 0) + 1);
    }
  }
  const known = new Set(catalogOps);
  const problems: string[] = [];
  const missing = catalogOps.filter((op) => !counts.has(op));
  const duplicate = [...counts].filter(([, n]) => n > 1).map(([op]) => op);
  const unknown = [...counts.keys()].filter((op) => !known.has(op));
  // Several ops may show the same demo file (match and match_batch do); one name in two features is two files, and only one could be served.
  const clashing = [...files.keys()].filter((file) => features.filter((f) => Object.values(f.demos).some((d) => d && d.kind !== 'data' && d.file === file)).length > 1);
  if (missing.length) problems.push(`no sandbox demo for: ${missing.join(', ')}`);
  if (duplicate.length) problems.push(`more than one sandbox demo for: ${duplicate.join(', ')}`);
  if (unknown.length) problems.push(`sandbox demo for an op the catalog does not know: ${unknown.join(', ')}`);
  if (clashing.length) problems.push(`demo file name used by two features: ${clashing.join(', ')}`);
  return problems;
}

/**
 * Static demo results for sandbox calls: the same shape as real ones, no task, no
 * charge, nothing decoded. The demos are discovered from the feature modules at
 * start (FeatureDemos providers); their files are read into memory once, so a
 * sandbox answer costs no I/O.
 */
@Injectable()
export class SandboxResults implements OnModuleInit {
  private readonly files = new Map<string, Buffer>();
  private demos = new Map<OperationName, SandboxDemo>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    const features = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance)
      .filter((instance): instance is FeatureDemos => instance instanceof FeatureDemos);
    const problems = sandboxDemoProblems(OPERATION_NAMES, features);
    if (problems.length) throw new Error(`The api cannot start, its sandbox demos do not match the operation catalog: ${problems.join('; ')}`);
    for (const feature of features) {
      for (const [op, demo] of Object.entries(feature.demos) as [OperationName, SandboxDemo][]) {
        this.demos.set(op, demo);
        if (demo.kind !== 'data' && !this.files.has(demo.file)) this.files.set(demo.file, readFileSync(path.join(feature.dir, demo.file)));
      }
    }
  }

  demoFile(file: string): Buffer | undefined {
    return this.files.get(file);
  }

  resultFor(op: OperationName, options: { inlineBase64?: boolean } = {}): { task_id: string; result: unknown; history_id: null; image?: string } {
    // A fresh id keeps the shape of a real answer; sandbox tasks are not stored, so it is not retrievable.
    const base = { task_id: randomUUID(), history_id: null };
    const demo = this.demos.get(op);
    if (!demo) throw new Error(`no sandbox demo for ${op}`); // unreachable: onModuleInit refuses a gap
    if (demo.kind === 'data') return { ...base, result: demo.result };
    const url = `${this.config.publicUrl}/api/v1/sandbox/demo/${demo.file}`;
    // A LUT or a video: one file, pointed at by key and url.
    if (demo.kind === 'lut' || demo.kind === 'video') return { ...base, result: { ...demo.result, key: `sandbox/demo/${demo.file}`, url } };
    const image = { key: `sandbox/demo/${demo.file}`, url, thumbnail_key: `sandbox/demo/${demo.file}`, thumbnail_url: url };
    const inline = options.inlineBase64 ? { image: (this.files.get(demo.file) as Buffer).toString('base64') } : {};
    if (demo.kind === 'image') return { ...base, result: { ...demo.result, ...image }, ...inline };
    const items = Array.from({ length: demo.count }, (_, index) => ({ index, status: 'completed', target_key: `sandbox/demo/target-${index}`, ...demo.item, ...image, ...inline }));
    return { ...base, result: { items, succeeded: demo.count, failed: 0, credits_refunded: 0 } };
  }
}

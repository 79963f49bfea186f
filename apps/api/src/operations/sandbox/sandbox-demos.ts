import type { OperationName } from '@gradekit/contracts';
import analyzeDemo from './demo/analyze.json';
import lutDemo from './demo/lut-export-match.json';
import matchDemo from './demo/match.json';

/**
 * What sandbox mode answers for each operation: real results computed once from
 * demo photos by the worker's own code and shipped with the api
 * (`tools/dev/make-sandbox-demos.ts` regenerates them). Image demos name a file in
 * demo/ that the api serves at /api/v1/sandbox/demo/{file}.
 * The Record over every OperationName makes a catalog entry without a demo a type
 * error, so sandbox mode covers every paid endpoint by construction.
 */
export type SandboxDemo =
  | { kind: 'data'; result: unknown }
  | { kind: 'image'; file: string; result: Record<string, unknown> }
  /** A batch: `count` items, each the demo image with `item`'s fields. */
  | { kind: 'images'; file: string; item: Record<string, unknown>; count: number }
  /** A .cube file in demo/ with the result's fields. */
  | { kind: 'lut'; file: string; result: Record<string, unknown> };

export const SANDBOX_DEMOS: Record<OperationName, SandboxDemo> = {
  analyze: { kind: 'data', result: analyzeDemo },
  match: { kind: 'image', file: 'match.jpg', result: matchDemo },
  match_batch: { kind: 'images', file: 'match.jpg', item: matchDemo, count: 2 },
  lut_export_match: { kind: 'lut', file: 'match.cube', result: lutDemo },
};

/** The demo image files the api serves (only these names). */
export const SANDBOX_DEMO_FILES: readonly string[] = [...new Set(Object.values(SANDBOX_DEMOS).flatMap((demo) => (demo.kind === 'data' ? [] : [demo.file])))];

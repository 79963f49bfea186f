import type { Provider } from '@nestjs/common';
import type { OperationName } from '@gradekit/contracts';

/**
 * What sandbox mode answers for an operation: a real result computed once from demo
 * photos by the worker's own code and shipped with the api
 * (`tools/dev/make-sandbox-demos.ts` regenerates them). Image and LUT demos name a
 * file in their feature's demo/ folder that the api serves at
 * /api/v1/sandbox/demo/{file} (file names are unique across features).
 */
export type SandboxDemo =
  | { kind: 'data'; result: unknown }
  | { kind: 'image'; file: string; result: Record<string, unknown> }
  /** A batch: `count` items, each the demo image with `item`'s fields. */
  | { kind: 'images'; file: string; item: Record<string, unknown>; count: number }
  /** A .cube file in demo/ with the result's fields. */
  | { kind: 'lut'; file: string; result: Record<string, unknown> }
  /** A short graded clip (.mp4) in demo/ with the result's fields (video grading). */
  | { kind: 'video'; file: string; result: Record<string, unknown> };

/** One feature's demos: the folder their files live in, and one demo per operation of the feature. */
export class FeatureDemos {
  constructor(
    readonly dir: string,
    readonly demos: Readonly<Partial<Record<OperationName, SandboxDemo>>>,
  ) {}
}

/**
 * The provider a feature module lists to register its demos (`sandboxDemos(path.join(__dirname, 'demo'), { analyze: … })`).
 * SandboxResults discovers every FeatureDemos at start and refuses to start when a
 * catalog operation has no demo, so sandbox mode covers every paid endpoint.
 */
export function sandboxDemos(dir: string, demos: Partial<Record<OperationName, SandboxDemo>>): Provider {
  return { provide: Symbol(`sandbox demos: ${Object.keys(demos).join(', ')}`), useValue: new FeatureDemos(dir, demos) };
}

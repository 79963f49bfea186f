import type { OperationName } from '@gradekit/contracts';
import analyzeDemo from './demo/analyze.json';
import lutDemo from './demo/lut-export-match.json';
import matchDemo from './demo/match.json';
import aiRefineDemo from './demo/ai-refine.json';
import aiSuggestDemo from './demo/ai-suggest.json';
import filmEffectsDemo from './demo/film-effects.json';
import lookDemo from './demo/look.json';
import presetDemo from './demo/preset.json';
import presetLutDemo from './demo/lut-export-preset.json';
import whiteBalanceDemo from './demo/white-balance.json';
import lutApplyDemo from './demo/lut-apply.json';
import beforeAfterLutDemo from './demo/lut-export-before-after.json';
import matchMultiDemo from './demo/match-multi.json';
import actionDemo from './demo/action.json';

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
  preset_apply: { kind: 'image', file: 'preset.jpg', result: presetDemo },
  film_effects_apply: { kind: 'image', file: 'film-effects.jpg', result: filmEffectsDemo },
  look_apply: { kind: 'image', file: 'look.jpg', result: lookDemo },
  lut_export_preset: { kind: 'lut', file: 'preset.cube', result: presetLutDemo },
  ai_suggest: { kind: 'image', file: 'ai-suggest.jpg', result: aiSuggestDemo },
  ai_refine: { kind: 'image', file: 'ai-refine.jpg', result: aiRefineDemo },
  white_balance_apply: { kind: 'image', file: 'white-balance.jpg', result: whiteBalanceDemo },
  lut_apply: { kind: 'image', file: 'lut-apply.jpg', result: lutApplyDemo },
  lut_export_before_after: { kind: 'lut', file: 'before-after.cube', result: beforeAfterLutDemo },
  match_multi: { kind: 'image', file: 'match-multi.jpg', result: matchMultiDemo },
  action_apply: { kind: 'image', file: 'action.jpg', result: actionDemo },
};

/** The demo image files the api serves (only these names). */
export const SANDBOX_DEMO_FILES: readonly string[] = [...new Set(Object.values(SANDBOX_DEMOS).flatMap((demo) => (demo.kind === 'data' ? [] : [demo.file])))];

import type { MatchTaskParams } from '../match/match.params';

/** `lut_export_match`: the match's method and params, baked at `size`. */
export type LutExportMatchTaskParams = MatchTaskParams & { size: number };

/** `lut_export_preset`: a built-in preset at an intensity, baked at `size` (no input image). */
export type LutExportPresetTaskParams = { preset: string; size: number; intensity: number };

/** `lut_export_before_after`: the LUT fitted from a before/after pair, at `size`. */
export type LutExportBeforeAfterTaskParams = { size: number };

/** `lut_apply`: a LUT fitted from the before/after pair (`examples`, at `size`) or an uploaded .cube (`cube`). */
export type LutApplyTaskParams = { size: number; source: 'examples' | 'cube' };

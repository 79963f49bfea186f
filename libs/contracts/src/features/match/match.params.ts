import type { MatchMethodName } from './match-request.dto';
import type { MultiBlendMode } from './match-multi-request.dto';

/** MatchParams as the api stores them on a task (snake_case, validated, only the fields the caller sent). */
export type MatchParamsInput = {
  strength?: number;
  luminance_transfer?: number;
  saturation?: number;
  contrast?: number;
  preserve_skin_tones?: number | boolean;
  preserve_neutrals?: number | boolean;
  lut_size?: number;
  seed?: number;
};

/** `match`: the method and its params. */
export type MatchTaskParams = { method: MatchMethodName; params: MatchParamsInput };

/** `match_batch`: one match applied to `count` targets (inputs `target:0` … `target:<count-1>`). */
export type MatchBatchTaskParams = MatchTaskParams & { count: number };

/** `match_multi`: the target matched to `count` references (inputs `reference:0` …). */
export type MatchMultiTaskParams = MatchTaskParams & {
  blend_mode: MultiBlendMode;
  /** One per reference; null for `uniform` (weights are not used) or when not sent. */
  weights: number[] | null;
  transition_width: number;
  angle: number;
  intensity: number;
  count: number;
};

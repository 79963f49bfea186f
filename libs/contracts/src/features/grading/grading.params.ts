import type { PublicEffectsConfig } from './grading-result';
import type { WhiteBalanceMethodName } from './white-balance-request.dto';

/** `preset_apply`: a built-in preset (its name from the path) at an intensity. */
export type PresetApplyTaskParams = { preset: string; intensity: number };

/** `film_effects_apply`: a film-effect preset, granular effects (snake_case, as sent) or both; `seed` when the caller gave one. */
export type FilmEffectsApplyTaskParams = { preset: string | null; effects: PublicEffectsConfig; intensity: number; seed?: number };

/** `look_apply`: a look (its name from the path) with its intensities and effect overrides. */
export type LookApplyTaskParams = {
  look: string;
  intensity: number;
  color_intensity: number;
  effects_intensity: number;
  effects_overrides: PublicEffectsConfig;
  seed?: number;
};

/** `white_balance_apply`: the estimation method; the neutral point only for `neutral_point`. */
export type WhiteBalanceTaskParams = { method: WhiteBalanceMethodName; intensity: number; neutral_x?: number; neutral_y?: number };

import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { FilmEffectsApplyRequestDto } from './film-effects-apply-request.dto';
import type { FilmEffectsImageResult, LookImageResult, PresetImageResult, WhiteBalanceImageResult } from './grading-result';
import type { FilmEffectsApplyTaskParams, LookApplyTaskParams, PresetApplyTaskParams, WhiteBalanceTaskParams } from './grading.params';
import { LookApplyRequestDto } from './look-apply-request.dto';
import { PresetApplyRequestDto } from './preset-apply-request.dto';
import { WhiteBalanceRequestDto } from './white-balance-request.dto';

/** Grading without a reference: presets, looks, film effects and white balance. */
export const GRADING_OPERATIONS = {
  preset_apply: {
    name: 'preset_apply',
    summary: 'A built-in colour preset (GET /presets) at an intensity, baked into a 33³ LUT and applied to the full image.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: PresetApplyRequestDto,
    params: typeOf<PresetApplyTaskParams>(),
    result: typeOf<PresetImageResult>(),
    inputs: [input('image')],
  },
  film_effects_apply: {
    name: 'film_effects_apply',
    summary: 'Spatial film and lens effects (grain, halation, bloom, vignette, chromatic aberration, fade) from a preset and/or granular settings.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: FilmEffectsApplyRequestDto,
    params: typeOf<FilmEffectsApplyTaskParams>(),
    result: typeOf<FilmEffectsImageResult>(),
    inputs: [input('image')],
  },
  look_apply: {
    name: 'look_apply',
    summary: 'A cinematic look (GET /looks): its colour part baked into a LUT and applied, then its spatial effects.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: LookApplyRequestDto,
    params: typeOf<LookApplyTaskParams>(),
    result: typeOf<LookImageResult>(),
    inputs: [input('image')],
  },
  white_balance_apply: {
    name: 'white_balance_apply',
    summary: 'White-balance correction (auto, gray world, white patch or a neutral point), adapted in linear light.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: WhiteBalanceRequestDto,
    params: typeOf<WhiteBalanceTaskParams>(),
    result: typeOf<WhiteBalanceImageResult>(),
    inputs: [input('image')],
  },
} as const satisfies OperationEntries;

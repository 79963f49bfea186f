import type { OperationDefinition } from './operation-definition';

/**
 * Every operation a user can ask for, one declaration each. ShotMatch endpoints,
 * saved actions, toolbox tools, pipelines, enhancement jobs and video grading are
 * facades over these. Adding a capability = one entry here + one worker handler + tests.
 */
export const OPERATION_CATALOG = {
  analyze: {
    name: 'analyze',
    summary: 'Colour statistics of an image: channel means, spread and percentiles, histograms, luminance, palette, white point.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'data',
    inputs: ['image'],
  },
  match: {
    name: 'match',
    summary: 'Colour-match a target image to a reference (natural, direct, smooth or balanced), baked into a 3D LUT and applied to the full image.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['reference', 'target'],
  },
  match_batch: {
    name: 'match_batch',
    summary: 'Colour-match many targets to one reference in one job; 1 credit per target, a failed target is refunded.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'images',
    inputs: ['reference', 'target'],
  },
  lut_export_match: {
    name: 'lut_export_match',
    summary: 'The 3D LUT of a colour match as a .cube file (the same LUT /match applies).',
    credits: 2,
    minPlan: 'pro',
    queue: 'image',
    output: 'lut',
    inputs: ['reference', 'target'],
  },
  preset_apply: {
    name: 'preset_apply',
    summary: 'A built-in colour preset (GET /presets) at an intensity, baked into a 33³ LUT and applied to the full image.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image'],
  },
  film_effects_apply: {
    name: 'film_effects_apply',
    summary: 'Spatial film and lens effects (grain, halation, bloom, vignette, chromatic aberration, fade) from a preset and/or granular settings.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image'],
  },
  look_apply: {
    name: 'look_apply',
    summary: 'A cinematic look (GET /looks): its colour part baked into a LUT and applied, then its spatial effects.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image'],
  },
  lut_export_preset: {
    name: 'lut_export_preset',
    summary: 'A built-in colour preset as a .cube LUT file (the same LUT /presets/{name}/apply applies).',
    credits: 2,
    minPlan: 'pro',
    queue: 'image',
    output: 'lut',
    inputs: [],
  },
  ai_suggest: {
    name: 'ai_suggest',
    summary: "A grading assistant: a prompt in colourists' words (and the image's statistics) → ColorGradeValues, applied to the image as one LUT.",
    credits: 2,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image'],
  },
  ai_refine: {
    name: 'ai_refine',
    summary: 'A follow-up instruction to the grading assistant, relative to the current values and the conversation; the original image is regraded from scratch.',
    credits: 2,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['original', 'last_result'],
  },
  white_balance_apply: {
    name: 'white_balance_apply',
    summary: 'White-balance correction (auto, gray world, white patch or a neutral point), adapted in linear light.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image'],
  },
  lut_apply: {
    name: 'lut_apply',
    summary: 'Apply a LUT to an image: fitted from a before/after example pair, or an uploaded .cube.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image', 'before', 'after', 'lut'],
  },
  lut_export_before_after: {
    name: 'lut_export_before_after',
    summary: 'Fit the 3D LUT that turns an image into its edited version, as a .cube file.',
    credits: 2,
    minPlan: 'pro',
    queue: 'image',
    output: 'lut',
    inputs: ['before', 'after'],
  },
  match_multi: {
    name: 'match_multi',
    summary: 'Colour-match a target to 2–4 references, pooled, weighted, by tonal range or as a spatial gradient.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['target', 'reference'],
  },
  action_apply: {
    name: 'action_apply',
    summary: 'Run a processing action (saved or inline steps) as one job; consecutive colour steps fuse into one LUT pass.',
    credits: 2,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    inputs: ['image', 'lut', 'reference'],
  },
} as const satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof OPERATION_CATALOG;

export const OPERATION_NAMES = Object.keys(OPERATION_CATALOG) as OperationName[];

export function operationOf(name: OperationName): OperationDefinition<OperationName> {
  return OPERATION_CATALOG[name];
}

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OPERATION_CATALOG, value);
}

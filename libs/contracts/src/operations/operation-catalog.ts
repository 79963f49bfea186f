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
} as const satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof OPERATION_CATALOG;

export const OPERATION_NAMES = Object.keys(OPERATION_CATALOG) as OperationName[];

export function operationOf(name: OperationName): OperationDefinition<OperationName> {
  return OPERATION_CATALOG[name];
}

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OPERATION_CATALOG, value);
}

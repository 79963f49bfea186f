import type { MatchParams, ResolvedMatchParams } from '@gradekit/color';

/** The API's snake_case MatchParams (validated by the api's DTO) → the colour engine's camelCase ones. */
export function toEngineMatchParams(params: Readonly<Record<string, unknown>> | undefined): MatchParams {
  const p = params ?? {};
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const unitOrBool = (value: unknown) => (typeof value === 'number' || typeof value === 'boolean' ? value : undefined);
  return {
    strength: number(p.strength),
    luminanceTransfer: number(p.luminance_transfer),
    saturation: number(p.saturation),
    contrast: number(p.contrast),
    preserveSkinTones: unitOrBool(p.preserve_skin_tones),
    preserveNeutrals: unitOrBool(p.preserve_neutrals),
    lutSize: number(p.lut_size),
    seed: number(p.seed),
  };
}

/** The applied parameters, defaults filled in, in the API's snake_case. */
export function toPublicMatchParams(params: ResolvedMatchParams): Record<string, number> {
  return {
    strength: params.strength,
    luminance_transfer: params.luminanceTransfer,
    saturation: params.saturation,
    contrast: params.contrast,
    preserve_skin_tones: params.preserveSkinTones,
    preserve_neutrals: params.preserveNeutrals,
    lut_size: params.lutSize,
    seed: params.seed,
  };
}

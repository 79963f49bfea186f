import type { MatchParams, ResolvedMatchParams } from '@gradekit/color';
import type { MatchParamsInput } from '@gradekit/contracts';

/** The API's snake_case MatchParams (validated by the api's DTO) → the colour engine's camelCase ones. */
export function toEngineMatchParams(params: Readonly<MatchParamsInput> | undefined): MatchParams {
  const p = params ?? {};
  return {
    strength: p.strength,
    luminanceTransfer: p.luminance_transfer,
    saturation: p.saturation,
    contrast: p.contrast,
    preserveSkinTones: p.preserve_skin_tones,
    preserveNeutrals: p.preserve_neutrals,
    lutSize: p.lut_size,
    seed: p.seed,
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

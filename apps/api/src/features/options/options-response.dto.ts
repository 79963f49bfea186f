import { ApiProperty } from '@nestjs/swagger';

export class EffectParamDto {
  @ApiProperty({ example: 'amount' })
  name!: string;

  @ApiProperty({ example: 0 })
  minimum!: number;

  @ApiProperty({ example: 100 })
  maximum!: number;

  @ApiProperty({ example: 25 })
  default!: number;

  @ApiProperty({ example: 'Strength: grain standard deviation in mid-tones = 0.12 × amount/100 of full scale. 0 = off.' })
  description!: string;
}

export class EffectDto {
  @ApiProperty({ example: 'grain', description: 'The key under `effects` / `effects_overrides`.' })
  name!: string;

  @ApiProperty({ example: 'Film grain: luminance-dependent (strongest in mid-tones), spatially correlated, seeded.' })
  description!: string;

  @ApiProperty({ example: 'amount', description: 'The parameter that `intensity` scales and 0 switches off.' })
  strength_param!: string;

  @ApiProperty({ type: [EffectParamDto] })
  params!: EffectParamDto[];
}

export class NamedOptionDto {
  @ApiProperty({ example: 'natural' })
  name!: string;

  @ApiProperty({ example: 'Oklab chroma transfer keeping the target’s tonal shape, with bounded gains: the most natural result and the best structure (default).' })
  description!: string;

  @ApiProperty({ example: true })
  default!: boolean;
}

export class WhiteBalanceMethodDto extends NamedOptionDto {
  @ApiProperty({ example: ['intensity'], description: 'Request fields of POST /white-balance/apply this method reads.' })
  fields!: string[];
}

export class BlendModeDto {
  @ApiProperty({ example: 'weighted', description: 'The value of `blend_mode` in POST /match/multi.' })
  name!: string;

  @ApiProperty({ example: 'Match to the pooled references, each counted by its weight.' })
  description!: string;

  @ApiProperty({ example: false, description: 'True when the blend varies across the frame: a single .cube LUT can only approximate it.' })
  spatial!: boolean;

  @ApiProperty({ example: ['weights', 'intensity'], description: 'Request fields of POST /match/multi this mode reads (besides the images, method and params).' })
  uses!: string[];

  @ApiProperty({ example: ['weights'], description: 'Fields this mode requires.' })
  required!: string[];
}

export class MultiMatchDefaultsDto {
  @ApiProperty({ example: 'uniform' })
  blend_mode!: string;

  @ApiProperty({ example: 0.2, description: 'gradient: width of each transition as a fraction of the frame (0–1).' })
  transition_width!: number;

  @ApiProperty({ example: 0.5, description: 'Overall strength of the multi-reference match (0–1).' })
  intensity!: number;
}

export class BlendModeListResponseDto {
  @ApiProperty({ type: [BlendModeDto] })
  items!: BlendModeDto[];

  @ApiProperty({ example: 4 })
  total!: number;

  @ApiProperty({ type: MultiMatchDefaultsDto })
  defaults!: MultiMatchDefaultsDto;
}

export class LutSizeDto {
  @ApiProperty({ example: 33, description: 'LUT_3D_SIZE: grid points per axis.' })
  size!: number;

  @ApiProperty({ example: 35937, description: 'size³ colour entries in the file.' })
  entries!: number;

  @ApiProperty({ example: 'default: the industry standard, visually lossless for most grades' })
  description!: string;

  @ApiProperty({ example: true })
  default!: boolean;
}

export class LutSizeListResponseDto {
  @ApiProperty({ type: [LutSizeDto], description: 'The recommended sizes, smallest first; any size from 2 to 129 is accepted by the export routes.' })
  items!: LutSizeDto[];

  @ApiProperty({ example: 3 })
  total!: number;

  @ApiProperty({ example: 33 })
  default!: number;

  @ApiProperty({ example: 2 })
  minimum!: number;

  @ApiProperty({ example: 129 })
  maximum!: number;
}

class CatalogEntryDto {
  @ApiProperty({ example: 'cinematic_warm' })
  name!: string;

  @ApiProperty({ example: 'Cinematic Warm' })
  display_name!: string;

  @ApiProperty({ example: 'Warm amber highlights over cool, slightly lifted shadows; gentle S-curve and rolled-off highlights.' })
  description!: string;

  @ApiProperty({ example: 'cinematic' })
  category!: string;
}

class FilmEffectPresetSummaryDto {
  @ApiProperty({ example: 'vintage_vignette' })
  name!: string;

  @ApiProperty({ example: 'Vintage Vignette' })
  display_name!: string;

  @ApiProperty({ example: 'Old-lens corner falloff and soft contrast.' })
  description!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { vignette: { amount: 45, midpoint: 45, roundness: 30, feather: 80 }, fade: { amount: 10 } } })
  effects!: Record<string, Record<string, number>>;
}

export class OptionsResponseDto {
  @ApiProperty({ type: [CatalogEntryDto], description: 'Colour presets (values: GET /api/v1/presets).' })
  presets!: CatalogEntryDto[];

  @ApiProperty({ example: ['cinematic', 'film', 'portrait', 'moody', 'vintage', 'black_white', 'landscape', 'creative'] })
  preset_categories!: string[];

  @ApiProperty({ type: [FilmEffectPresetSummaryDto], description: 'Film-effect presets with their effects.' })
  film_effect_presets!: FilmEffectPresetSummaryDto[];

  @ApiProperty({ type: [CatalogEntryDto], description: 'Looks (colour values and effects: GET /api/v1/looks).' })
  looks!: CatalogEntryDto[];

  @ApiProperty({ example: ['sci_fi', 'action', 'drama', 'romance', 'thriller', 'noir', 'period', 'neon'] })
  look_categories!: string[];

  @ApiProperty({ type: [EffectDto], description: 'The spatial effects in pipeline order, with every parameter’s range and default: build sliders from these.' })
  effects!: EffectDto[];

  @ApiProperty({ type: [NamedOptionDto], description: 'Methods of /match, /match/batch, /match/multi and /lut/export/match.' })
  match_methods!: NamedOptionDto[];

  @ApiProperty({ type: [BlendModeDto], description: 'Blend modes of /match/multi (also GET /api/v1/match/multi/modes).' })
  blend_modes!: BlendModeDto[];

  @ApiProperty({ type: MultiMatchDefaultsDto })
  multi_match_defaults!: MultiMatchDefaultsDto;

  @ApiProperty({ type: [WhiteBalanceMethodDto], description: 'Methods of /white-balance/apply.' })
  white_balance_methods!: WhiteBalanceMethodDto[];

  @ApiProperty({ type: [LutSizeDto], description: 'Recommended LUT sizes (also GET /api/v1/lut/sizes).' })
  lut_sizes!: LutSizeDto[];
}

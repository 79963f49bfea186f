import { Injectable } from '@nestjs/common';
import {
  BLEND_MODES,
  DEFAULT_LUT_SIZE,
  DEFAULT_MATCH_METHOD,
  EFFECT_NAMES,
  EFFECT_PARAMS,
  LOOK_CATEGORIES,
  MATCH_METHODS,
  PRESET_CATEGORIES,
  STRENGTH_PARAM,
  WHITE_BALANCE_METHODS,
  listLutSizes,
  type BlendMode,
  type MatchMethod,
  type WhiteBalanceMethod,
} from '@gradekit/color';
import { EFFECT_DOCS, PUBLIC_EFFECT_NAMES, type PublicEffectsConfig } from '@gradekit/contracts';
import { GradingCatalog } from '../grading/grading-catalog.service';

/** One-line descriptions of the /match methods (the maths is in the /match docs). */
const MATCH_METHOD_DESCRIPTIONS: Record<MatchMethod, string> = {
  natural: 'Oklab chroma transfer keeping the target’s tonal shape, with bounded gains: the most natural result and the best structure (default).',
  direct: 'Full Monge–Kantorovich linear transfer of the colour distribution: the strongest match.',
  smooth: 'Monotone, smoothed histogram transfer: the closest colour distribution.',
  balanced: 'A blend of natural and smooth.',
};

const WHITE_BALANCE_DESCRIPTIONS: Record<WhiteBalanceMethod, { description: string; fields: string[] }> = {
  auto: { description: 'Finds the light from the near-neutral surfaces (log-chroma peak near the daylight/tungsten locus); falls back to shades-of-gray (default).', fields: ['intensity'] },
  gray_world: { description: 'Assumes the scene averages to grey.', fields: ['intensity'] },
  white_patch: { description: 'Takes the brightest unclipped colours as white.', fields: ['intensity'] },
  neutral_point: { description: 'You point at a surface that should be neutral (neutral_x, neutral_y: 0–1 from the left/top).', fields: ['intensity', 'neutral_x', 'neutral_y'] },
};

/**
 * Which request fields of POST /match/multi each blend mode reads. Keyed by the
 * engine's BlendMode, so a new mode without an entry here is a type error.
 */
const BLEND_MODE_FIELDS: Record<BlendMode, { uses: string[]; required: string[] }> = {
  uniform: { uses: ['intensity'], required: [] },
  weighted: { uses: ['weights', 'intensity'], required: ['weights'] },
  gradient: { uses: ['transition_width', 'intensity'], required: [] },
  intensity: { uses: ['intensity'], required: [] },
};

/** The spec's defaults of POST /match/multi. */
export const MULTI_MATCH_DEFAULTS = { blend_mode: 'uniform', transition_width: 0.2, intensity: 0.5 } as const;

export interface EffectParamView {
  name: string;
  minimum: number;
  maximum: number;
  default: number;
  description: string;
}

export interface EffectView {
  name: string;
  description: string;
  /** The parameter `intensity` scales and 0 switches off. */
  strength_param: string;
  params: EffectParamView[];
}

export interface BlendModeView {
  name: string;
  description: string;
  /** True when the blend varies across the frame (a single .cube can only approximate it). */
  spatial: boolean;
  uses: string[];
  required: string[];
}

export interface LutSizeView {
  size: number;
  entries: number;
  description: string;
  default: boolean;
}

export interface NamedOption {
  name: string;
  description: string;
  default: boolean;
}

export interface OptionsView {
  presets: { name: string; display_name: string; description: string; category: string }[];
  preset_categories: string[];
  film_effect_presets: { name: string; display_name: string; description: string; effects: PublicEffectsConfig }[];
  looks: { name: string; display_name: string; description: string; category: string }[];
  look_categories: string[];
  effects: EffectView[];
  match_methods: NamedOption[];
  blend_modes: BlendModeView[];
  multi_match_defaults: typeof MULTI_MATCH_DEFAULTS;
  white_balance_methods: (NamedOption & { fields: string[] })[];
  lut_sizes: LutSizeView[];
}

/**
 * GET /api/v1/options and the small method/size lists: everything a client needs to
 * build a grading UI in one call — names, labels, categories, effect parameters with
 * ranges and defaults, methods with one-line descriptions, LUT sizes. Preset and look
 * colour values are left to GET /presets and GET /looks (they are most of the bytes).
 * Built once from the engine's registries.
 */
@Injectable()
export class OptionsCatalog {
  readonly lutSizes: readonly LutSizeView[] = listLutSizes().map((s) => ({ size: s.size, entries: s.entries, description: s.description, default: s.size === DEFAULT_LUT_SIZE }));

  readonly blendModes: readonly BlendModeView[] = BLEND_MODES.map((m) => ({ name: m.mode, description: m.description, spatial: m.spatial, ...BLEND_MODE_FIELDS[m.mode] }));

  readonly effects: readonly EffectView[] = EFFECT_NAMES.map((name) => ({
    name: PUBLIC_EFFECT_NAMES[name],
    description: EFFECT_DOCS[name].summary,
    strength_param: STRENGTH_PARAM[name],
    params: Object.entries(EFFECT_PARAMS[name] as Record<string, { range: readonly [number, number]; default: number }>).map(([param, spec]) => ({
      name: param,
      minimum: spec.range[0],
      maximum: spec.range[1],
      default: spec.default,
      description: (EFFECT_DOCS[name].params as Record<string, string>)[param],
    })),
  }));

  readonly options: OptionsView;

  constructor(catalog: GradingCatalog) {
    this.options = {
      presets: catalog.presets.map(({ name, display_name, description, category }) => ({ name, display_name, description, category })),
      preset_categories: [...PRESET_CATEGORIES],
      film_effect_presets: catalog.filmEffectPresets.map((p) => ({ ...p })),
      looks: catalog.looks.map(({ name, display_name, description, category }) => ({ name, display_name, description, category })),
      look_categories: [...LOOK_CATEGORIES],
      effects: [...this.effects],
      match_methods: MATCH_METHODS.map((name) => ({ name, description: MATCH_METHOD_DESCRIPTIONS[name], default: name === DEFAULT_MATCH_METHOD })),
      blend_modes: [...this.blendModes],
      multi_match_defaults: MULTI_MATCH_DEFAULTS,
      white_balance_methods: WHITE_BALANCE_METHODS.map((name) => ({ name, ...WHITE_BALANCE_DESCRIPTIONS[name], default: name === 'auto' })),
      lut_sizes: [...this.lutSizes],
    };
  }
}

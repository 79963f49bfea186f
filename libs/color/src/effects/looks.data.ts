import type { EffectsPatch } from './effects-config.model';
import type { GradeValuesPatch } from '../grade/grade-values.model';

export const LOOK_CATEGORIES = ['sci_fi', 'action', 'drama', 'romance', 'thriller', 'noir', 'period', 'neon'] as const;
export type LookCategory = (typeof LOOK_CATEGORIES)[number];

export interface LookDefinition {
  name: string;
  displayName: string;
  description: string;
  category: LookCategory;
  color: GradeValuesPatch;
  effects: EffectsPatch;
}

// Looks are impressions "in the style of" a film's photography, built from the
// same controls as any preset (split-toning hues are HSL degrees: 35 amber,
// 190 teal, 260 violet, 300 magenta). Names are API identifiers: never rename one.
export const LOOK_DEFINITIONS: readonly LookDefinition[] = [
  {
    name: 'blade_runner', displayName: 'Blade Runner', category: 'sci_fi',
    description: 'Neo-noir haze: teal shadows, amber neon, deep blacks, glowing lights.',
    color: { temperature: -10, tint: 8, contrast: 25, blacks: -15, highlights: -20, saturation: -10, fade: 5,
      hsl: { orange: { saturation: 20 }, blue: { hue: -15 } }, splitToning: { highlightHue: 30, highlightSaturation: 40, shadowHue: 190, shadowSaturation: 45 } },
    effects: { bloom: { strength: 35, threshold: 0.6, radius: 0.02 }, halation: { strength: 30, threshold: 0.75 }, grain: { amount: 15, size: 30 }, vignette: { amount: 30 } },
  },
  {
    name: 'mad_max', displayName: 'Mad Max', category: 'action',
    description: 'Scorched and saturated: burnt orange sand against a teal sky, hard contrast.',
    color: { temperature: 35, contrast: 40, saturation: 20, vibrance: 15, blacks: -20,
      hsl: { orange: { hue: -5, saturation: 30 }, blue: { hue: -15, saturation: 30 }, yellow: { hue: -15 } },
      splitToning: { highlightHue: 35, highlightSaturation: 30, shadowHue: 195, shadowSaturation: 30 } },
    effects: { grain: { amount: 20, size: 35 }, vignette: { amount: 25 } },
  },
  {
    name: 'matrix', displayName: 'The Matrix', category: 'sci_fi',
    description: 'The green code-world: green cast, muted colour, crisp contrast.',
    color: { tint: -35, temperature: -10, saturation: -30, contrast: 30, blacks: -15, hsl: { green: { saturation: 20 } },
      toneCurve: { green: [[0, 0], [0.5, 0.56], [1, 1]] }, splitToning: { highlightHue: 100, highlightSaturation: 25, shadowHue: 130, shadowSaturation: 35 } },
    effects: { grain: { amount: 15, size: 25 }, vignette: { amount: 20 } },
  },
  {
    name: 'amelie', displayName: 'Amélie', category: 'romance',
    description: 'Storybook Paris: golden warmth, rich reds and greens, muted blues.',
    color: { temperature: 25, tint: -8, saturation: 15, vibrance: 20, contrast: 15,
      hsl: { green: { hue: -15, saturation: 20 }, red: { saturation: 25 }, yellow: { saturation: 20 }, blue: { saturation: -30 } },
      splitToning: { highlightHue: 45, highlightSaturation: 30, shadowHue: 100, shadowSaturation: 20 } },
    effects: { vignette: { amount: 35, midpoint: 45, roundness: 40, feather: 70 }, grain: { amount: 12, size: 25 }, bloom: { strength: 15, threshold: 0.75, radius: 0.015 } },
  },
  {
    name: 'wes_anderson', displayName: 'Wes Anderson', category: 'period',
    description: 'Pastel storybook palette: creamy warmth, soft yellows and pinks, matte blacks.',
    color: { saturation: -5, vibrance: 10, fade: 12, contrast: -5, temperature: 12, tint: 8,
      hsl: { yellow: { saturation: 15 }, red: { luminance: 10 }, blue: { hue: -10, saturation: -20 } },
      splitToning: { highlightHue: 40, highlightSaturation: 15, shadowHue: 340, shadowSaturation: 10 } },
    effects: { grain: { amount: 10, size: 30 } },
  },
  {
    name: 'la_la_land', displayName: 'La La Land', category: 'romance',
    description: 'Technicolor dusk: violet shadows, golden highlights, saturated primaries, glow.',
    color: { vibrance: 30, saturation: 10, contrast: 15, tint: 10,
      hsl: { blue: { hue: 15, saturation: 20 }, purple: { saturation: 25 }, yellow: { saturation: 15 } },
      splitToning: { highlightHue: 45, highlightSaturation: 20, shadowHue: 260, shadowSaturation: 35 } },
    effects: { bloom: { strength: 30, threshold: 0.65, radius: 0.02 }, grain: { amount: 10, size: 25 } },
  },
  {
    name: 'moonlight', displayName: 'Moonlight', category: 'drama',
    description: 'Luminous skin against cyan and magenta: rich, saturated, intimate.',
    color: { contrast: 20, vibrance: 15, tint: 5, blacks: -10,
      hsl: { blue: { hue: -20, saturation: 20 }, aqua: { saturation: 20 }, orange: { saturation: 10, luminance: -10 } },
      splitToning: { highlightHue: 300, highlightSaturation: 20, shadowHue: 185, shadowSaturation: 40 } },
    effects: { grain: { amount: 18, size: 30 }, vignette: { amount: 20 } },
  },
  {
    name: 'joker', displayName: 'Joker', category: 'drama',
    description: 'Sickly city: yellow-green highlights, teal shadows, grimy grain.',
    color: { temperature: 15, tint: -15, saturation: -10, contrast: 20, fade: 8, blacks: -10,
      splitToning: { highlightHue: 60, highlightSaturation: 25, shadowHue: 170, shadowSaturation: 30 } },
    effects: { grain: { amount: 25, size: 40 }, vignette: { amount: 30 } },
  },
  {
    name: 'dune', displayName: 'Dune', category: 'sci_fi',
    description: 'Desert epic: beige and ochre, low contrast, bleached sky, dusty glow.',
    color: { temperature: 30, contrast: -5, saturation: -25, fade: 10, highlights: -20,
      hsl: { orange: { saturation: 10 }, blue: { hue: -20, saturation: -50 } },
      splitToning: { highlightHue: 35, highlightSaturation: 25, shadowHue: 30, shadowSaturation: 15 } },
    effects: { bloom: { strength: 15, threshold: 0.7, radius: 0.02 }, grain: { amount: 12, size: 30 } },
  },
  {
    name: 'sin_city', displayName: 'Sin City', category: 'noir',
    description: 'Graphic black and white with only the reds left in colour.',
    color: { contrast: 60, blacks: -35, whites: 20,
      hsl: { red: { saturation: 30 }, orange: { saturation: -100 }, yellow: { saturation: -100 }, green: { saturation: -100 },
        aqua: { saturation: -100 }, blue: { saturation: -100 }, purple: { saturation: -100 }, magenta: { saturation: -60 } } },
    effects: { grain: { amount: 30, size: 40 }, vignette: { amount: 30 } },
  },
  {
    name: 'grand_budapest', displayName: 'Grand Budapest', category: 'period',
    description: 'Confectioner’s palette: pinks and lilacs, soft warmth, gentle fade.',
    color: { temperature: 5, tint: 15, saturation: 5, vibrance: 15, fade: 10, contrast: 5,
      hsl: { red: { hue: -10, luminance: 10 }, magenta: { saturation: 20 }, purple: { saturation: 10 }, yellow: { saturation: 10 } },
      splitToning: { highlightHue: 350, highlightSaturation: 15, shadowHue: 280, shadowSaturation: 10 } },
    effects: { grain: { amount: 10, size: 25 }, vignette: { amount: 15 } },
  },
  {
    name: 'drive', displayName: 'Drive', category: 'neon',
    description: 'Night neon: hot magenta and teal, crushed blacks, glowing lights.',
    color: { temperature: -15, tint: 20, contrast: 30, vibrance: 20, blacks: -20, hsl: { orange: { saturation: 15 }, blue: { hue: 15 } },
      splitToning: { highlightHue: 320, highlightSaturation: 35, shadowHue: 200, shadowSaturation: 40 } },
    effects: { bloom: { strength: 35, threshold: 0.6, radius: 0.02 }, halation: { strength: 25, threshold: 0.75, radius: 0.005 }, grain: { amount: 15 } },
  },
  {
    name: 'her', displayName: 'Her', category: 'romance',
    description: 'Soft warm melancholy: coral reds, no blues, low contrast and glow.',
    color: { temperature: 25, tint: 10, contrast: -15, highlights: -20, shadows: 15, saturation: -5, fade: 12,
      hsl: { red: { hue: 5, saturation: 15 }, blue: { saturation: -40 } }, splitToning: { highlightHue: 15, highlightSaturation: 25, shadowHue: 20, shadowSaturation: 15 } },
    effects: { bloom: { strength: 30, threshold: 0.65, radius: 0.025 }, grain: { amount: 10 } },
  },
  {
    name: 'interstellar', displayName: 'Interstellar', category: 'sci_fi',
    description: 'Dusty naturalism: cool, desaturated, filmic grain.',
    color: { temperature: -8, saturation: -25, contrast: 15, fade: 6, highlights: -15,
      splitToning: { highlightHue: 40, highlightSaturation: 10, shadowHue: 210, shadowSaturation: 15 } },
    effects: { grain: { amount: 20, size: 40 }, vignette: { amount: 15 } },
  },
  {
    name: 'the_revenant', displayName: 'The Revenant', category: 'drama',
    description: 'Natural-light wilderness: cold blue, drained colour, open shadows.',
    color: { temperature: -30, saturation: -35, contrast: 15, highlights: -25, shadows: 10,
      splitToning: { highlightHue: 200, highlightSaturation: 10, shadowHue: 215, shadowSaturation: 25 } },
    effects: { grain: { amount: 12, size: 30 }, vignette: { amount: 20 } },
  },
  {
    name: 'mr_robot', displayName: 'Mr. Robot', category: 'thriller',
    description: 'Cold paranoia: green-cyan cast, drained skin, crushed blacks, heavy corners.',
    color: { temperature: -20, tint: -15, saturation: -30, contrast: 25, blacks: -25, hsl: { orange: { saturation: -10 } },
      splitToning: { highlightHue: 170, highlightSaturation: 15, shadowHue: 180, shadowSaturation: 30 } },
    effects: { grain: { amount: 20 }, vignette: { amount: 35 } },
  },
  {
    name: 'euphoria', displayName: 'Euphoria', category: 'neon',
    description: 'Glitter neon: violet and pink light, saturated, glowing highlights.',
    color: { tint: 30, temperature: -10, vibrance: 30, contrast: 20, hsl: { blue: { hue: 25, saturation: 20 }, magenta: { saturation: 20 } },
      splitToning: { highlightHue: 300, highlightSaturation: 35, shadowHue: 260, shadowSaturation: 40 } },
    effects: { bloom: { strength: 40, threshold: 0.55, radius: 0.02 }, halation: { strength: 20, threshold: 0.75 }, grain: { amount: 12 } },
  },
  {
    name: 'stranger_things', displayName: 'Stranger Things', category: 'period',
    description: 'Eighties film stock: warm, faded, grainy, with red halos on lights.',
    color: { temperature: 15, contrast: 10, fade: 15, saturation: -5, hsl: { red: { saturation: 15 }, blue: { hue: -10 } },
      splitToning: { highlightHue: 35, highlightSaturation: 20, shadowHue: 200, shadowSaturation: 20 } },
    effects: { grain: { amount: 30, size: 45, roughness: 60, color: 30 }, vignette: { amount: 25 }, halation: { strength: 20 } },
  },
  {
    name: 'the_godfather', displayName: 'The Godfather', category: 'period',
    description: 'Amber darkness: warm, underexposed, rich blacks and heavy vignette.',
    color: { exposure: -0.3, temperature: 30, tint: 5, contrast: 25, blacks: -20, highlights: -20, saturation: -15,
      splitToning: { highlightHue: 40, highlightSaturation: 30, shadowHue: 30, shadowSaturation: 20 } },
    effects: { vignette: { amount: 45, midpoint: 45 }, grain: { amount: 18 } },
  },
  {
    name: 'se7en', displayName: 'Se7en', category: 'thriller',
    description: 'Bleach-bypass grime: drained colour, hard contrast, sickly green-brown.',
    color: { saturation: -40, contrast: 45, tint: -10, temperature: 10, blacks: -20,
      splitToning: { highlightHue: 55, highlightSaturation: 20, shadowHue: 150, shadowSaturation: 15 } },
    effects: { grain: { amount: 30, size: 40 }, vignette: { amount: 30 } },
  },
  {
    name: 'the_dark_knight', displayName: 'The Dark Knight', category: 'thriller',
    description: 'Steel-blue city at night: cold, contrasty, restrained skin.',
    color: { temperature: -20, contrast: 35, saturation: -20, blacks: -15, hsl: { orange: { saturation: 10 } },
      splitToning: { highlightHue: 200, highlightSaturation: 10, shadowHue: 215, shadowSaturation: 30 } },
    effects: { grain: { amount: 12 }, vignette: { amount: 20 } },
  },
  {
    name: 'o_brother', displayName: 'O Brother', category: 'period',
    description: 'Dust-bowl sepia: greens turned straw-yellow, warm and faded.',
    color: { temperature: 35, saturation: -30, fade: 10, contrast: 10, hsl: { green: { hue: -50, saturation: -40 }, yellow: { saturation: 10 } },
      splitToning: { highlightHue: 45, highlightSaturation: 35, shadowHue: 35, shadowSaturation: 25 } },
    effects: { grain: { amount: 20 }, vignette: { amount: 25 } },
  },
  {
    name: 'schindlers_list', displayName: 'Schindler’s List', category: 'noir',
    description: 'Documentary black and white: deep blacks, grain, darkened reds.',
    color: { saturation: -100, contrast: 35, blacks: -20, hsl: { red: { luminance: -15 } } },
    effects: { grain: { amount: 30, size: 40, roughness: 60 }, vignette: { amount: 20 } },
  },
  {
    name: 'in_the_mood_for_love', displayName: 'In the Mood for Love', category: 'romance',
    description: 'Lush and warm: saturated reds and jade greens in amber light.',
    color: { saturation: 10, temperature: 20, contrast: 15, hsl: { red: { saturation: 30 }, green: { hue: 10, saturation: 10 } },
      splitToning: { highlightHue: 40, highlightSaturation: 20, shadowHue: 150, shadowSaturation: 15 } },
    effects: { grain: { amount: 15 }, vignette: { amount: 30 }, bloom: { strength: 15 } },
  },
];

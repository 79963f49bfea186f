import type { GradeValuesPatch } from './grade-values.model';

/** Preset categories (API values, snake_case already). */
export const PRESET_CATEGORIES = ['cinematic', 'film', 'portrait', 'moody', 'vintage', 'black_white', 'landscape', 'creative'] as const;
export type PresetCategory = (typeof PRESET_CATEGORIES)[number];

export interface PresetDefinition {
  name: string;
  displayName: string;
  description: string;
  category: PresetCategory;
  /** Written as a patch over the neutral grade; the catalog validates and completes it. */
  values: GradeValuesPatch;
}

// Split-toning hues are HSL hues: 30 orange, 40 amber, 60 yellow, 180 cyan,
// 195 teal, 215 steel blue, 300 magenta.
const S_CURVE_SOFT: [number, number][] = [[0, 0.02], [0.25, 0.22], [0.75, 0.8], [1, 0.98]];
const S_CURVE: [number, number][] = [[0, 0], [0.25, 0.19], [0.75, 0.83], [1, 1]];

/** The built-in colour presets (GET /presets). Names are API identifiers: never rename one. */
export const PRESET_DEFINITIONS: readonly PresetDefinition[] = [
  {
    name: 'cinematic_warm', displayName: 'Cinematic Warm', category: 'cinematic',
    description: 'Warm amber highlights over cool, slightly lifted shadows; gentle S-curve and rolled-off highlights.',
    values: { temperature: 18, tint: 4, contrast: 20, highlights: -20, shadows: 10, blacks: -10, vibrance: 10, saturation: -5,
      toneCurve: { master: S_CURVE_SOFT }, splitToning: { highlightHue: 38, highlightSaturation: 25, shadowHue: 200, shadowSaturation: 12, balance: 10 } },
  },
  {
    name: 'cinematic_cool', displayName: 'Cinematic Cool', category: 'cinematic',
    description: 'Cool steel-blue shadows, neutral highlights, restrained saturation — the thriller look.',
    values: { temperature: -20, tint: -3, contrast: 18, highlights: -15, shadows: 5, saturation: -10, toneCurve: { master: S_CURVE_SOFT },
      splitToning: { highlightHue: 200, highlightSaturation: 10, shadowHue: 215, shadowSaturation: 25, balance: -10 } },
  },
  {
    name: 'teal_orange', displayName: 'Teal & Orange', category: 'cinematic',
    description: 'The blockbuster complementary grade: skin and warm tones pushed orange, shadows and cool tones pushed teal.',
    values: { contrast: 25, vibrance: 20,
      hsl: { orange: { hue: -5, saturation: 15 }, yellow: { hue: -20, saturation: -10 }, green: { hue: 30, saturation: -30 },
        aqua: { hue: -10, saturation: 20 }, blue: { hue: -20, saturation: 10 } },
      liftGammaGain: { lift: { blue: 0.03 }, gain: { red: 1.03 } },
      splitToning: { highlightHue: 32, highlightSaturation: 35, shadowHue: 190, shadowSaturation: 40, balance: 0 } },
  },
  {
    name: 'moody_blue', displayName: 'Moody Blue', category: 'moody',
    description: 'Underexposed, cold and muted with deep blue shadows and a touch of fade.',
    values: { exposure: -0.3, temperature: -25, contrast: 15, highlights: -30, shadows: -10, saturation: -25, fade: 10,
      hsl: { blue: { saturation: 10, luminance: -20 } },
      splitToning: { highlightHue: 200, highlightSaturation: 10, shadowHue: 215, shadowSaturation: 35, balance: -15 } },
  },
  {
    name: 'moody_forest', displayName: 'Moody Forest', category: 'moody',
    description: 'Dark desaturated greens shifted toward teal, yellow foliage pulled green, matte shadows.',
    values: { exposure: -0.2, temperature: -5, tint: -10, contrast: 10, saturation: -20, fade: 12,
      hsl: { green: { hue: 20, saturation: -20, luminance: -20 }, yellow: { hue: 25, saturation: -30 } },
      splitToning: { highlightHue: 50, highlightSaturation: 10, shadowHue: 160, shadowSaturation: 25, balance: 0 } },
  },
  {
    name: 'bleach_bypass', displayName: 'Bleach Bypass', category: 'cinematic',
    description: 'Skipped-bleach film process: silver left in — low saturation, hard contrast, gritty metallic highlights.',
    values: { saturation: -45, vibrance: -10, contrast: 45, highlights: -10, whites: 10, blacks: -20, tint: -3,
      toneCurve: { master: S_CURVE }, liftGammaGain: { gamma: { master: -0.1 } } },
  },
  {
    name: 'vintage_fade', displayName: 'Vintage Fade', category: 'vintage',
    description: 'Faded print: milky lifted blacks, warm cast, softened colours, cyan-leaning shadows.',
    values: { fade: 35, contrast: -15, saturation: -20, temperature: 12,
      toneCurve: { red: [[0, 0.05], [1, 0.98]], blue: [[0, 0.08], [1, 0.92]] },
      splitToning: { highlightHue: 45, highlightSaturation: 20, shadowHue: 180, shadowSaturation: 15, balance: 0 } },
  },
  {
    name: 'retro_70s', displayName: 'Retro 70s', category: 'vintage',
    description: 'Seventies print stock: warm and yellowed, olive greens, muted blues, soft contrast.',
    values: { temperature: 30, tint: 8, saturation: -10, fade: 20, contrast: -10,
      hsl: { green: { hue: -30, saturation: -30 }, blue: { saturation: -40 }, orange: { saturation: 15 } },
      splitToning: { highlightHue: 40, highlightSaturation: 30, shadowHue: 30, shadowSaturation: 15, balance: 0 } },
  },
  {
    name: 'instant_film', displayName: 'Instant Film', category: 'vintage',
    description: 'Instant-camera print: cyan-green shadows, creamy warm highlights, low blue density.',
    values: { exposure: 0.2, fade: 25, contrast: -5, temperature: 8, tint: -8, saturation: -15,
      toneCurve: { blue: [[0, 0.1], [1, 0.9]] },
      splitToning: { highlightHue: 50, highlightSaturation: 20, shadowHue: 170, shadowSaturation: 25, balance: 0 } },
  },
  {
    name: 'kodachrome', displayName: 'Kodachrome-style', category: 'film',
    description: 'Classic slide film rendering: dense saturated reds and blues, deep blacks, slightly warm.',
    values: { contrast: 30, saturation: 15, vibrance: 10, temperature: 8, blacks: -15,
      hsl: { red: { saturation: 20, luminance: -10 }, blue: { hue: -8, saturation: 15, luminance: -15 }, yellow: { saturation: 10 } },
      liftGammaGain: { gain: { blue: 0.97 } },
      splitToning: { highlightHue: 45, highlightSaturation: 10, shadowHue: 210, shadowSaturation: 8, balance: 0 } },
  },
  {
    name: 'portra_400', displayName: 'Portrait 400 Film', category: 'film',
    description: 'Portrait colour negative: warm gentle skin, low contrast, open shadows, quiet greens and blues.',
    values: { contrast: -10, highlights: -15, shadows: 15, temperature: 10, tint: 4, saturation: -10, fade: 8,
      hsl: { orange: { saturation: -5, luminance: 10 }, red: { saturation: -10 }, green: { hue: -10, saturation: -20 }, blue: { hue: -10, saturation: -15 } },
      toneCurve: { master: [[0, 0.03], [0.5, 0.52], [1, 0.97]] } },
  },
  {
    name: 'velvia_vivid', displayName: 'Vivid Slide', category: 'film',
    description: 'Landscape slide film: very saturated greens and blues, punchy contrast, rich blacks.',
    values: { saturation: 30, vibrance: 20, contrast: 25, blacks: -15,
      hsl: { green: { saturation: 20 }, blue: { saturation: 25, luminance: -15 }, red: { saturation: 15 } } },
  },
  {
    name: 'cross_process', displayName: 'Cross Process', category: 'creative',
    description: 'Slide film developed as negative: contrasty reds, yellow-green highlights, flattened blue channel.',
    values: { saturation: 15, contrast: 15,
      toneCurve: { red: [[0, 0], [0.25, 0.18], [0.75, 0.85], [1, 1]], green: [[0, 0.03], [0.3, 0.3], [0.8, 0.9], [1, 1]], blue: [[0, 0.2], [1, 0.8]] } },
  },
  {
    name: 'noir', displayName: 'Noir', category: 'black_white',
    description: 'Film-noir black and white: hard contrast, crushed blacks, darkened reds and blues as through a yellow filter.',
    values: { saturation: -100, contrast: 50, blacks: -25, highlights: -10,
      hsl: { red: { luminance: -20 }, orange: { luminance: -10 }, blue: { luminance: -30 } } },
  },
  {
    name: 'mono_punch', displayName: 'Mono Punch', category: 'black_white',
    description: 'Bright, punchy black and white with clean whites and deep blacks.',
    values: { saturation: -100, contrast: 40, whites: 20, blacks: -30, toneCurve: { master: S_CURVE } },
  },
  {
    name: 'silver_matte', displayName: 'Silver Matte', category: 'black_white',
    description: 'Soft black and white on a matte print: lifted blacks, open shadows, gentle contrast.',
    values: { saturation: -100, fade: 25, contrast: -10, shadows: 15 },
  },
  {
    name: 'sepia', displayName: 'Sepia', category: 'vintage',
    description: 'Toned monochrome print in warm brown.',
    values: { saturation: -100, fade: 10, contrast: 5,
      splitToning: { highlightHue: 40, highlightSaturation: 35, shadowHue: 30, shadowSaturation: 45, balance: 0 } },
  },
  {
    name: 'golden_hour', displayName: 'Golden Hour', category: 'landscape',
    description: 'Late-sun warmth: golden highlights, warm shadows, softened highlights, lively oranges.',
    values: { temperature: 35, tint: 6, exposure: 0.15, highlights: -10, shadows: 10, vibrance: 15,
      hsl: { orange: { saturation: 10 }, yellow: { hue: -10 } },
      splitToning: { highlightHue: 40, highlightSaturation: 25, shadowHue: 30, shadowSaturation: 10, balance: 0 } },
  },
  {
    name: 'soft_portrait', displayName: 'Soft Portrait', category: 'portrait',
    description: 'Flattering skin: softened contrast, recovered highlights, open shadows, calmer reds.',
    values: { contrast: -15, highlights: -20, shadows: 20, saturation: -5, tint: 3, temperature: 5, fade: 5,
      hsl: { orange: { saturation: -8, luminance: 10 }, red: { saturation: -10 } } },
  },
  {
    name: 'bright_airy', displayName: 'Bright & Airy', category: 'portrait',
    description: 'Light, clean and pastel: lifted exposure and shadows, quiet greens and blues.',
    values: { exposure: 0.4, contrast: -15, highlights: -20, shadows: 25, blacks: 10, saturation: -15, temperature: 3, fade: 8,
      hsl: { blue: { hue: -10, saturation: -20 }, green: { saturation: -30, luminance: 10 } } },
  },
  {
    name: 'warm_skin', displayName: 'Warm Skin', category: 'portrait',
    description: 'Subtle warmth and glow on skin tones, otherwise natural.',
    values: { temperature: 12, vibrance: 5, contrast: 5, hsl: { orange: { saturation: 5, luminance: 8 }, red: { saturation: -5 } } },
  },
  {
    name: 'matte_pastel', displayName: 'Matte Pastel', category: 'creative',
    description: 'Dreamy pastel palette: matte blacks, soft pink highlights and powder-blue shadows.',
    values: { fade: 30, saturation: -25, vibrance: 10, contrast: -20, temperature: 5, tint: 5,
      splitToning: { highlightHue: 330, highlightSaturation: 12, shadowHue: 200, shadowSaturation: 12, balance: 0 } },
  },
  {
    name: 'cyberpunk', displayName: 'Cyberpunk', category: 'creative',
    description: 'Neon night: magenta highlights, cyan shadows, purple-shifted blues, punchy contrast.',
    values: { temperature: -15, tint: 25, contrast: 30, vibrance: 20, blacks: -10,
      hsl: { red: { hue: -20 }, blue: { hue: 20, saturation: 20 }, green: { hue: 30, saturation: -30 } },
      splitToning: { highlightHue: 300, highlightSaturation: 35, shadowHue: 190, shadowSaturation: 45, balance: -10 } },
  },
  {
    name: 'desert_heat', displayName: 'Desert Heat', category: 'cinematic',
    description: 'Sun-bleached heat: strong warmth, faded teal-leaning sky, dusty oranges.',
    values: { temperature: 40, tint: 5, contrast: 15, saturation: -10, fade: 8,
      hsl: { blue: { hue: -15, saturation: -40 }, orange: { saturation: 15 } },
      splitToning: { highlightHue: 40, highlightSaturation: 25, shadowHue: 30, shadowSaturation: 20, balance: 0 } },
  },
  {
    name: 'arctic_cold', displayName: 'Arctic Cold', category: 'landscape',
    description: 'Icy and clean: strongly cool, bright, with pale desaturated colour.',
    values: { temperature: -40, tint: -3, exposure: 0.2, contrast: 10, saturation: -20, highlights: -15,
      splitToning: { highlightHue: 200, highlightSaturation: 15, shadowHue: 220, shadowSaturation: 25, balance: 0 } },
  },
  {
    name: 'vivid_nature', displayName: 'Vivid Nature', category: 'landscape',
    description: 'Rich skies and foliage: vibrance, recovered highlights, opened shadows, deeper blues.',
    values: { vibrance: 35, saturation: 10, contrast: 15, highlights: -30, shadows: 20,
      hsl: { blue: { saturation: 15, luminance: -20 }, green: { hue: -5, saturation: 15 } } },
  },
  {
    name: 'autumn_tones', displayName: 'Autumn Tones', category: 'landscape',
    description: 'Greens turned to gold, rich oranges and reds.',
    values: { temperature: 15, contrast: 10,
      hsl: { green: { hue: -45, saturation: -20 }, yellow: { hue: -15, saturation: 20 }, orange: { saturation: 25 }, red: { saturation: 10 } } },
  },
  {
    name: 'night_city', displayName: 'Night City', category: 'moody',
    description: 'Urban night: cool blue shadows, sodium-orange lights, crisp contrast.',
    values: { temperature: -18, exposure: -0.2, contrast: 25, highlights: -20, blacks: -15, vibrance: 15,
      hsl: { orange: { saturation: 20 }, blue: { saturation: 20 } },
      splitToning: { highlightHue: 30, highlightSaturation: 25, shadowHue: 220, shadowSaturation: 30, balance: 0 } },
  },
  {
    name: 'faded_film', displayName: 'Faded Film', category: 'film',
    description: 'Expired colour negative: matte, green-lifted shadows, muted colour.',
    values: { fade: 22, contrast: -10, saturation: -15, toneCurve: { green: [[0, 0.04], [1, 1]] },
      splitToning: { highlightHue: 40, highlightSaturation: 12, shadowHue: 180, shadowSaturation: 15, balance: 0 } },
  },
  {
    name: 'tungsten_night', displayName: 'Tungsten Night', category: 'film',
    description: 'Tungsten-balanced film under mixed light: cool overall with warm practical lights.',
    values: { temperature: -30, tint: 5, contrast: 10, vibrance: 10,
      splitToning: { highlightHue: 20, highlightSaturation: 20, shadowHue: 200, shadowSaturation: 20, balance: 0 } },
  },
];

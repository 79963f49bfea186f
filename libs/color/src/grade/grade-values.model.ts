/**
 * ColorGradeValues (= PresetParams): the one documented set of grading
 * controls behind presets, custom presets, looks' colour parts, the AI grade
 * and /presets/custom/from-image. Every control is a pure per-pixel function,
 * so a full set bakes into one 3D LUT (see grade-transform.ts for the maths).
 *
 * Conventions: camelCase here (the API maps to snake_case); every field has a
 * neutral value and a neutral set is the identity transform exactly. Slider
 * controls use −100..100 (0 = off) like a photo editor; physical controls use
 * their natural unit (EV, mired, degrees).
 */

/** The eight hue bands of the HSL mixer (Lightroom's names and order). */
export const HSL_BANDS = ['red', 'orange', 'yellow', 'green', 'aqua', 'blue', 'purple', 'magenta'] as const;
export type HslBand = (typeof HSL_BANDS)[number];

export interface HslAdjustment {
  /** Hue rotation, −100..100 → −30°..+30° in Oklch hue (positive = counter-clockwise: red → orange). */
  hue: number;
  /** Chroma change, −100..100: chroma × (1 + s/100); −100 turns the band grey. */
  saturation: number;
  /** Lightness change, −100..100 → Oklab L ± 0.2 (weighted by chroma, so greys never move). */
  luminance: number;
}

/** A tone-curve control point [input, output], both sRGB-encoded 0..1. */
export type CurvePoint = [number, number];

/**
 * Point curves, Fritsch–Carlson monotone cubic through the points. Each list:
 * 2..16 points, inputs strictly increasing, outputs non-decreasing (so the
 * curve can never invert tones). Outside the first/last point the curve is
 * flat (holds the end value), as in every photo editor. Neutral: [[0,0],[1,1]].
 */
export interface ToneCurve {
  master: CurvePoint[];
  red: CurvePoint[];
  green: CurvePoint[];
  blue: CurvePoint[];
}

/** A colour-wheel value: a master amount plus per-channel amounts. */
export interface WheelValue {
  master: number;
  red: number;
  green: number;
  blue: number;
}

/**
 * Lift / gamma / gain (Resolve's primaries, on sRGB-encoded values per
 * channel; effective value = master + channel for lift and gamma,
 * master × channel for gain):
 *   y = (x · gain + lift · (1 − x)) ^ (2^−gamma)
 * lift −1..1 (0 = off; moves black, white fixed), gamma −1..1 (0 = off;
 * + brightens mids, exponent 2^−γ), gain 0..4 (1 = off; scales white, black fixed).
 */
export interface LiftGammaGain {
  lift: WheelValue;
  gamma: WheelValue;
  gain: WheelValue;
}

/**
 * Split toning (Lightroom's): tint shadows and highlights with two hues.
 * Hues are HSL hues in degrees (0 red, 30 orange, 60 yellow, 120 green,
 * 180 cyan, 240 blue, 300 magenta), applied as a chroma offset in Oklab in the
 * direction of that hue. Saturation 0..100 (0 = off) → offset up to 0.08 in
 * Oklab a/b. Balance −100..100: + lets the highlight tint reach further down.
 */
export interface SplitToning {
  highlightHue: number;
  highlightSaturation: number;
  shadowHue: number;
  shadowSaturation: number;
  balance: number;
}

export interface ColorGradeValues {
  /** Exposure in EV (stops), −5..5: linear light × 2^EV. Neutral 0. */
  exposure: number;
  /** −100..100: S-curve on luminance around middle grey; slope at the pivot 2^(c/100). */
  contrast: number;
  /** −100..100: lifts (+) or pulls (−) the upper tones, peak effect at 2/3 of the range. */
  highlights: number;
  /** −100..100: lifts (+) or deepens (−) the lower tones, peak effect at 1/3 of the range. */
  shadows: number;
  /** −100..100: moves the top end (white point) up to ±0.2 encoded. */
  whites: number;
  /** −100..100: moves the bottom end (black point) up to ±0.2 encoded. */
  blacks: number;
  /**
   * White-balance shift in MIREDS, −100..100 (mired = 10⁶ / kelvin): the image
   * is adapted (CAT16, linear light) from D65 to a white of
   * 10⁶ / (153.8 + temperature) K. + warms: +100 ≈ D65 → 3940 K; −100 ≈ D65 → 18600 K.
   */
  temperature: number;
  /** −100..100: + magenta, − green; shifts the target white by −tint × 0.0002 in Duv. */
  tint: number;
  /** −100..100: chroma boost weighted toward muted colours, skin hues protected. */
  vibrance: number;
  /** −100..100: Oklch chroma × (1 + s/100); −100 gives greys. */
  saturation: number;
  hsl: Record<HslBand, HslAdjustment>;
  toneCurve: ToneCurve;
  liftGammaGain: LiftGammaGain;
  splitToning: SplitToning;
  /** 0..100: lifts black to 0.25 × fade/100 and lowers white by 0.05 × fade/100 (encoded, per channel). */
  fade: number;
}

/** The same object under the name the API uses for custom presets. */
export type PresetParams = ColorGradeValues;

/** The single-number controls (each with its range in GRADE_RANGES). */
export type ScalarGradeControls = Pick<
  ColorGradeValues,
  'exposure' | 'contrast' | 'highlights' | 'shadows' | 'whites' | 'blacks' | 'temperature' | 'tint' | 'vibrance' | 'saturation' | 'fade'
>;

/** A deep partial: what clients send and what presets are written as. */
export interface GradeValuesPatch extends Partial<ScalarGradeControls> {
  hsl?: Partial<Record<HslBand, Partial<HslAdjustment>>>;
  toneCurve?: Partial<ToneCurve>;
  liftGammaGain?: { lift?: Partial<WheelValue>; gamma?: Partial<WheelValue>; gain?: Partial<WheelValue> };
  splitToning?: Partial<SplitToning>;
}

/** Allowed range of every scalar control, [min, max]; the single source for validation and docs. */
export const GRADE_RANGES = Object.freeze({
  exposure: [-5, 5],
  contrast: [-100, 100],
  highlights: [-100, 100],
  shadows: [-100, 100],
  whites: [-100, 100],
  blacks: [-100, 100],
  temperature: [-100, 100],
  tint: [-100, 100],
  vibrance: [-100, 100],
  saturation: [-100, 100],
  fade: [0, 100],
  hsl: [-100, 100],
  lift: [-1, 1],
  gamma: [-1, 1],
  gain: [0, 4],
  hue: [0, 360],
  splitSaturation: [0, 100],
  balance: [-100, 100],
} as const satisfies Record<string, readonly [number, number]>);

export const MAX_CURVE_POINTS = 16;

const identityCurve = (): CurvePoint[] => [
  [0, 0],
  [1, 1],
];

/** A fresh neutral set (the identity grade). */
export function neutralGradeValues(): ColorGradeValues {
  const hsl = {} as Record<HslBand, HslAdjustment>;
  for (const band of HSL_BANDS) hsl[band] = { hue: 0, saturation: 0, luminance: 0 };
  return {
    exposure: 0,
    contrast: 0,
    highlights: 0,
    shadows: 0,
    whites: 0,
    blacks: 0,
    temperature: 0,
    tint: 0,
    vibrance: 0,
    saturation: 0,
    hsl,
    toneCurve: { master: identityCurve(), red: identityCurve(), green: identityCurve(), blue: identityCurve() },
    liftGammaGain: {
      lift: { master: 0, red: 0, green: 0, blue: 0 },
      gamma: { master: 0, red: 0, green: 0, blue: 0 },
      gain: { master: 1, red: 1, green: 1, blue: 1 },
    },
    splitToning: { highlightHue: 0, highlightSaturation: 0, shadowHue: 0, shadowSaturation: 0, balance: 0 },
    fade: 0,
  };
}

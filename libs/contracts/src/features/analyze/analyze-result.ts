/**
 * The public JSON of an `analyze` result (what a completed analyze task stores in
 * `result` and what `POST /api/v1/analyze` answers under `result`). snake_case like
 * every public field. Stable: fields may be added, never removed or renamed.
 *
 * Every statistic is computed on a proxy of the image (long side ≤ 512 px, EXIF
 * orientation applied, converted to sRGB, alpha ignored); `sample_width` ×
 * `sample_height` says which. `width`, `height`, `format`, `has_alpha` and `bytes`
 * describe the original file (width and height as displayed, after orientation).
 */
export interface AnalyzePercentiles {
  p1: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

export interface AnalyzeChannelStats {
  mean: number;
  /** Population standard deviation. */
  std: number;
  min: number;
  max: number;
  percentiles: AnalyzePercentiles;
}

export interface AnalyzeLuminance {
  /** Mean of the sRGB-encoded relative luminance, 0–255. */
  mean: number;
  median: number;
  /** log2(log-average luminance / 0.18): 0 averages to middle grey, +1 is one stop over. */
  exposure_ev: number;
  /** Standard deviation of the encoded luminance on 0–1. */
  rms_contrast: number;
  /** % of pixels whose every channel is crushed to black (≤ 2 of 255). */
  clipped_shadows_percent: number;
  /** % of pixels with at least one blown channel (≥ 253 of 255). */
  clipped_highlights_percent: number;
  /** log2(p99 / p1) of the linear luminance, in stops. */
  dynamic_range_ev: number;
  /** Encoded luminance percentiles, 0–255. */
  percentiles: AnalyzePercentiles;
}

export interface AnalyzePaletteColor {
  /** '#rrggbb' */
  hex: string;
  /** sRGB 0–255. */
  rgb: [number, number, number];
  oklab: [number, number, number];
  /** Share of the image's pixels nearest to this colour, 0–1. */
  fraction: number;
}

export interface AnalyzeWhitePoint {
  /** Colour a white surface takes in the image, sRGB 0–255, max channel scaled to 255. */
  rgb: [number, number, number];
  hex: string;
  /** CIE 1931 chromaticity of that white. */
  xy: [number, number];
  /** Correlated colour temperature in kelvin; a neutral sRGB image reads ≈ 6504 K (D65). */
  cct_kelvin: number;
  /** Distance from the Planckian locus (CIE 1960 uv): > 0 green, < 0 magenta. */
  duv: number;
  /** 0–1 support of the estimate. */
  confidence: number;
}

export interface AnalyzeResult {
  /** Width of the original as displayed (after EXIF orientation), px. */
  width: number;
  height: number;
  /** Decoded container format: jpeg, png, webp, tiff, gif, avif or heif. */
  format: string;
  has_alpha: boolean;
  /** Size of the original file in bytes. */
  bytes: number;
  /** Size of the proxy every figure below was computed on. */
  sample_width: number;
  sample_height: number;
  /** Per-channel statistics of the sRGB values, 0–255. */
  rgb: { r: AnalyzeChannelStats; g: AnalyzeChannelStats; b: AnalyzeChannelStats };
  /** Per-channel statistics in CIELAB (D65): L 0–100, a and b roughly −128..127. */
  lab: { l: AnalyzeChannelStats; a: AnalyzeChannelStats; b: AnalyzeChannelStats };
  /** 256-bin pixel counts of the proxy; luminance bins are the sRGB-encoded relative luminance. */
  histograms: { r: number[]; g: number[]; b: number[]; luminance: number[] };
  luminance: AnalyzeLuminance;
  /** Hasler–Süsstrunk colourfulness (0 ≈ grey; > 82 highly colourful). */
  colorfulness: number;
  /** Dominant colours (k-means in Oklab), largest share first. */
  palette: AnalyzePaletteColor[];
  white_point: AnalyzeWhitePoint;
}

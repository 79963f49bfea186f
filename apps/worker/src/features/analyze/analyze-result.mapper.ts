import type { ChannelStats, ImageAnalysis } from '@gradekit/color';
import type { AnalyzeChannelStats, AnalyzeResult } from '@gradekit/contracts';
import type { SourceImageInfo } from '../../media/image-decoder';

/** Rounds to `digits` decimals (JSON stays short; figures are far more precise than their meaning). */
function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function channel(stats: ChannelStats): AnalyzeChannelStats {
  const p = stats.percentiles;
  return {
    mean: round(stats.mean),
    std: round(stats.std),
    min: round(stats.min),
    max: round(stats.max),
    percentiles: { p1: round(p.p1), p5: round(p.p5), p25: round(p.p25), p50: round(p.p50), p75: round(p.p75), p95: round(p.p95), p99: round(p.p99) },
  };
}

/**
 * The colour engine's camelCase analysis → the public snake_case result, with the
 * original file's own facts (displayed size, format, alpha, bytes) in front.
 * The engine's width/height/channels/bitDepth describe the proxy it was given, so
 * they are replaced by the original's; its sample size is the proxy's.
 */
export function toAnalyzeResult(source: SourceImageInfo, analysis: ImageAnalysis): AnalyzeResult {
  const lum = analysis.luminance;
  const white = analysis.whitePoint;
  return {
    width: source.width,
    height: source.height,
    format: source.format,
    has_alpha: source.hasAlpha,
    bytes: source.bytes,
    sample_width: analysis.sampleWidth,
    sample_height: analysis.sampleHeight,
    rgb: { r: channel(analysis.rgb.r), g: channel(analysis.rgb.g), b: channel(analysis.rgb.b) },
    lab: { l: channel(analysis.lab.l), a: channel(analysis.lab.a), b: channel(analysis.lab.b) },
    histograms: {
      r: [...analysis.histograms.r],
      g: [...analysis.histograms.g],
      b: [...analysis.histograms.b],
      luminance: [...analysis.histograms.luminance],
    },
    luminance: {
      mean: round(lum.mean),
      median: round(lum.median),
      exposure_ev: round(lum.exposureEv),
      rms_contrast: round(lum.rmsContrast),
      clipped_shadows_percent: round(lum.clippedShadowsPercent),
      clipped_highlights_percent: round(lum.clippedHighlightsPercent),
      dynamic_range_ev: round(lum.dynamicRangeEv),
      percentiles: {
        p1: round(lum.percentiles.p1),
        p5: round(lum.percentiles.p5),
        p25: round(lum.percentiles.p25),
        p50: round(lum.percentiles.p50),
        p75: round(lum.percentiles.p75),
        p95: round(lum.percentiles.p95),
        p99: round(lum.percentiles.p99),
      },
    },
    colorfulness: round(analysis.colorfulness),
    palette: analysis.palette.map((color) => ({
      hex: color.hex,
      rgb: [color.rgb[0], color.rgb[1], color.rgb[2]],
      oklab: [round(color.oklab[0], 5), round(color.oklab[1], 5), round(color.oklab[2], 5)],
      fraction: round(color.fraction, 5),
    })),
    white_point: {
      rgb: [white.rgb[0], white.rgb[1], white.rgb[2]],
      hex: white.hex,
      xy: [round(white.xy[0], 6), round(white.xy[1], 6)],
      cct_kelvin: round(white.cctKelvin, 1),
      duv: round(white.duv, 6),
      confidence: round(white.confidence),
    },
  };
}

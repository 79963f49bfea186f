import { imageToRgbFloat } from '../image/image-float';
import { proxyOf } from '../image/proxy-of';
import { RgbImage, assertImage, bitDepthOf } from '../image/rgb-image';
import { xyToCct } from '../space/cct';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { linearToSrgb } from '../space/srgb';
import { SRGB_TO_XYZ, xyzToXy } from '../space/xyz';
import { mat3Apply } from '../util/mat3';
import { estimateIlluminant } from '../wb/illuminant-estimate';
import { ChannelStats, channelStats, channelStatsFromHistogram } from './channel-stats';
import { colorfulness } from './colorfulness';
import { histogram256 } from './histogram';
import { LuminanceStats, encodedLuminance, luminanceOf, luminanceStatsOf } from './luminance-stats';
import { PaletteColor, dominantPalette, toHex } from './palette';

export interface AnalyzeOptions {
  /** Long side of the proxy the statistics run on. Default 512. */
  proxySize?: number;
  /** Palette size (k of k-means). Default 5. */
  paletteSize?: number;
  /** Seed of the palette's k-means++ initialisation. Default 42. */
  seed?: number;
  /** Shadow / highlight clipping codes on the 0–255 scale. Defaults 2 and 253. */
  shadowClip?: number;
  highlightClip?: number;
}

export interface WhitePointEstimate {
  /** Colour a white surface takes in the image, sRGB 0–255, scaled so the max channel is 255. */
  rgb: [number, number, number];
  hex: string;
  /** CIE 1931 chromaticity of that white. */
  xy: [number, number];
  /** Correlated colour temperature, kelvin (1000–20000). A balanced sRGB image reads ≈ 6504 K (D65). */
  cctKelvin: number;
  /** Distance from the Planckian locus in CIE 1960 uv; > 0 green, < 0 magenta. D65 itself is +0.0032. */
  duv: number;
  /** 0–1 support of the estimate (share of near-neutral, bright pixels). */
  confidence: number;
}

/**
 * The /analyze payload (camelCase; the API maps to snake_case). Shape is
 * stable: fields may be added, never removed or renamed.
 */
export interface ImageAnalysis {
  width: number;
  height: number;
  channels: 3 | 4;
  bitDepth: 8 | 16;
  /** Size of the proxy every figure below was computed on. */
  sampleWidth: number;
  sampleHeight: number;
  /** Per-channel statistics of sRGB values on the 0–255 scale (whatever the bit depth). */
  rgb: { r: ChannelStats; g: ChannelStats; b: ChannelStats };
  /** Per-channel statistics in CIELAB (D65): L 0–100, a and b roughly −128..127. */
  lab: { l: ChannelStats; a: ChannelStats; b: ChannelStats };
  /** 256-bin pixel counts of the proxy; luminance bins are the sRGB-encoded relative luminance. */
  histograms: { r: number[]; g: number[]; b: number[]; luminance: number[] };
  luminance: LuminanceStats;
  /** Hasler–Süsstrunk colourfulness M (0 ≈ grey; > 82 highly colourful). */
  colorfulness: number;
  /** Dominant colours, k-means in Oklab, sorted by fraction. */
  palette: PaletteColor[];
  whitePoint: WhitePointEstimate;
}

export function analyzeImage(image: RgbImage, options: AnalyzeOptions = {}): ImageAnalysis {
  assertImage(image);
  const proxy = proxyOf(image, options.proxySize ?? 512);
  const rgb = imageToRgbFloat(proxy);
  const lab = srgbToLabBuffer(rgb);
  const Y = luminanceOf(rgb);
  const lumEncoded = encodedLuminance(Y);
  const hist = proxy.data instanceof Uint8Array ? codeHistograms(proxy.data, proxy.channels) : [0, 1, 2].map((c) => histogram256(rgb, c));
  // 8-bit values are whole codes: their statistics come exactly from the histograms.
  const rgbStats = (c: number): ChannelStats => (proxy.data instanceof Uint8Array ? channelStatsFromHistogram(hist[c]) : channelStats(rgb, c, 3, 255));

  const illuminant = estimateIlluminant(rgb, { method: 'auto' });
  const white = illuminant.rgb;
  const [x, y] = xyzToXy(...mat3Apply(SRGB_TO_XYZ, white));
  const { cct, duv } = xyToCct(x, y);
  const peak = Math.max(...white);
  const white8 = white.map((v) => Math.round(linearToSrgb(v / peak) * 255)) as [number, number, number];

  return {
    width: image.width,
    height: image.height,
    channels: image.channels,
    bitDepth: bitDepthOf(image.data),
    sampleWidth: proxy.width,
    sampleHeight: proxy.height,
    rgb: { r: rgbStats(0), g: rgbStats(1), b: rgbStats(2) },
    lab: { l: channelStats(lab, 0), a: channelStats(lab, 1), b: channelStats(lab, 2) },
    histograms: {
      r: hist[0],
      g: hist[1],
      b: hist[2],
      luminance: histogram256(lumEncoded, 0, 1),
    },
    luminance: luminanceStatsOf(rgb, Y, lumEncoded, { shadowClip: options.shadowClip, highlightClip: options.highlightClip }),
    colorfulness: colorfulness(rgb),
    palette: dominantPalette(rgb, { k: options.paletteSize ?? 5, seed: options.seed ?? 42 }),
    whitePoint: { rgb: white8, hex: toHex(white8), xy: [x, y], cctKelvin: cct, duv, confidence: illuminant.confidence },
  };
}

/** histogram256 of each of r, g, b straight from 8-bit codes (the same bins: code c's float rounds to c). */
function codeHistograms(data: Uint8Array, channels: number): number[][] {
  const h = [new Float64Array(256), new Float64Array(256), new Float64Array(256)];
  const [hr, hg, hb] = h;
  for (let i = 0; i < data.length; i += channels) {
    hr[data[i]]++;
    hg[data[i + 1]]++;
    hb[data[i + 2]]++;
  }
  return h.map((x) => Array.from(x));
}

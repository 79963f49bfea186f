import type { ColorGap, ColorGapOptions } from '@gradekit/color';
import type { ColorGapBody, MatchImageResult } from '@gradekit/contracts';

/**
 * How the colour gap is measured: on 256 px proxies, W1 and palettes from 4096 points
 * each. Against the 512 px proxy with 16384 points, W1 and the mean ΔE stay within ~1 %
 * (the palette ΔE, a k-means figure, within ~20 %, as it moves with any sample) at a
 * sixth of the cost; libs/color's metrics spec checks the agreement.
 */
export const GAP_OPTIONS: ColorGapOptions = { proxySize: 256, maxSamples: 4096 };

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function body(gap: ColorGap): ColorGapBody {
  return { w1_lab: round(gap.w1Lab), mean_delta_e2000: round(gap.meanDeltaE2000), palette_delta_e2000: round(gap.paletteDeltaE2000) };
}

/** Before/after colour gaps for a match's response, and how much of the W1 gap was closed. */
export function colorGapReport(before: ColorGap, after: ColorGap): MatchImageResult['color_gap'] {
  const reduction = before.w1Lab > 0 ? 100 * (1 - after.w1Lab / before.w1Lab) : 0;
  return { before: body(before), after: body(after), w1_reduction_percent: Math.round(reduction * 10) / 10 };
}

import type { ColorGap, ColorGapOptions } from '@gradekit/color';
import type { ColorGapBody, MatchImageResult } from '@gradekit/contracts';

/**
 * How the colour gap is measured: on 256 px proxies, W1 and palettes from 4096 points
 * each. Against the 512 px proxy with 16384 points (all 56 ordered pairs of the fixture
 * photos): W1 within 1.3 % on average (6 % at worst), the mean ΔE within 0.3 %; the
 * palette ΔE, a k-means figure, moves by ~25 % on average with any change of sample
 * (512 → 256 px alone). About a sixth of the cost; libs/color's metrics spec checks
 * the agreement.
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

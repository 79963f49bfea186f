import type { RgbImage } from '@gradekit/color';
import type { StyleTransferImageResult } from '@gradekit/contracts';
import { bandGrams, gramDistance, structureKept } from './band-statistics';

const round = (v: number) => Math.round(v * 10000) / 10000;

/**
 * The response's figures, measured on the proxies (long side ≤ 512; the output's proxy
 * has the content proxy's size): the style's Gram distance to the content (before) and to
 * the output (after), and the content's structure kept by the output.
 */
export function styleMetrics(
  content: RgbImage,
  output: RgbImage,
  style: RgbImage,
): Pick<StyleTransferImageResult, 'style_distance' | 'structure_kept'> {
  const target = bandGrams(style);
  const before = gramDistance(bandGrams(content), target);
  const after = gramDistance(bandGrams(output), target);
  const reduction = before > 0 ? 100 * (1 - after / before) : 0;
  return {
    style_distance: { before: round(before), after: round(after), reduction_percent: Math.round(reduction * 10) / 10 },
    structure_kept: { before: 1, after: round(structureKept(content, output)) },
  };
}

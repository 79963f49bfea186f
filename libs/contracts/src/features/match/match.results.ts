import type { ColorGapBody, ImageResult } from '../../operations/image-result';

/** One reference of a multi-reference match: the colour gap to it before and after. */
export type MultiMatchColorGap = {
  reference_index: number;
  before: ColorGapBody;
  after: ColorGapBody;
  w1_reduction_percent: number;
};

export interface MultiMatchImageResult extends ImageResult {
  method: string;
  blend_mode: string;
  intensity: number;
  /** The spatial blend, for `gradient`. */
  gradient?: { angle: number; transition_width: number; weights: number[] };
  params: Record<string, number>;
  color_gaps: MultiMatchColorGap[];
}

import type { ImageResult } from '../../operations/image-result';

/** `style_transfer_apply`: the seed and strength as validated; `style_model` when the caller named one. */
export type StyleTransferTaskParams = { seed: number; strength: number; style_model?: string };

/** A figure measured on the input and on the output. */
export type StyleMetricPair = { before: number; after: number };

export interface StyleTransferImageResult extends ImageResult {
  /** `builtin` (the graph of colour matching + Laplacian band gains + grain) or the manifest model's name. */
  style_model: string;
  seed: number;
  strength: number;
  /**
   * Normalised Gram-matrix distance (0 = same band statistics, 1 = nothing in common) between the style and
   * the content (before) / the output (after), on Laplacian-pyramid band features (RGB × levels, not VGG).
   */
  style_distance: StyleMetricPair & { reduction_percent: number };
  /** Correlation of the Sobel gradients of the content's and the output's luminance (1 = every edge kept); before is 1 by definition. */
  structure_kept: StyleMetricPair;
  /** The content's own size when it was larger than the working cap (4096 px long side): the output is then scaled down to the cap. Absent otherwise. */
  downscaled_from?: { width: number; height: number };
}

import type { ImageResult } from '../../operations/image-result';

/** A box in the source image's pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the time of one /bg-remove/apply went, in ms (the same stages bench/models/bg-remove.bench.ts reports). */
export interface BgRemoveTimings {
  /** The input (and background image) decoded to pixels. */
  decode: number;
  /** The image resized and normalised into the model's input tensor. */
  preprocess: number;
  /** The model run (queueing for a run slot included). */
  inference: number;
  /** The model's map back to full resolution, and the guided filter when refine_edges. */
  refine: number;
  /** The cutout, mask or composite built (and cropped). */
  compose: number;
  /** PNG/WebP encode, thumbnail and the storage write. */
  encode: number;
}

/** POST /bg-remove/apply. */
export interface BgRemoveImageResult extends ImageResult {
  output: string;
  model: string;
  refine_edges: boolean;
  /** The subject's bounding box (alpha ≥ 50 %) in the source image; null when nothing is foreground. */
  subject_box: PixelBox | null;
  /** The crop applied (crop_to_subject: the box plus padding, clamped), or null. */
  crop: PixelBox | null;
  /** Mean alpha over the source image (0–1): how much of it is subject. */
  foreground_fraction: number;
  timings_ms: BgRemoveTimings;
}

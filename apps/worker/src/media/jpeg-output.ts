import type { JpegOptions } from 'sharp';
import { DEFAULT_JPEG_QUALITY } from '@gradekit/contracts';

/**
 * How every graded JPEG is written (a user's jpeg_quality preference replaces only the
 * quality). Quality 92 (DEFAULT_JPEG_QUALITY, the preference's default) with full-resolution chroma keeps
 * a grade's colour edges intact. Huffman tables are the standard ones, not
 * optimised per image: with sharp's libjpeg, optimising them costs a second
 * entropy pass that tripled the encode of a 12 MP image (≈ 234 → 75 ms on the
 * bench VM) for a file only ≈ 3.5 % smaller — see bench/README.md.
 */
export const JPEG_OUTPUT_OPTIONS: Readonly<JpegOptions> = Object.freeze({
  quality: DEFAULT_JPEG_QUALITY,
  chromaSubsampling: '4:4:4',
  mozjpeg: false,
  optimiseCoding: false,
});

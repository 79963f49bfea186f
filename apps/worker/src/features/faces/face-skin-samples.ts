import { fitSkinEllipse, srgbToOklab, type RgbImage, type SkinEllipse, type SkinModel } from '@gradekit/color';
import type { FaceDetection } from './blazeface.decoder';

/** A pixel rectangle [x0, x1) × [y0, y1). */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Most samples taken per face: a 1-in-k grid beyond it (statistics of a few thousand pixels are stable). */
const MAX_SAMPLES_PER_FACE = 4096;

const point = (face: FaceDetection, name: string) => face.landmarks.find((l) => l.name === name);

/**
 * Where a face's skin is sampled: the band of cheeks and nose between the eyes and
 * the mouth, as wide as the eyes plus a tenth of their distance each side. Starting
 * a fifth of the eye-to-mouth distance below the eyes leaves out eyes, brows and
 * lashes; stopping a quarter above the mouth's centre leaves out the lips. Without
 * usable landmarks (or for a face upside down), the box's centre: 25–75 % across,
 * 45–70 % down. Clamped to the image; may be empty.
 */
export function skinRegion(face: FaceDetection, width: number, height: number): PixelRect {
  const right = point(face, 'right_eye');
  const left = point(face, 'left_eye');
  const mouth = point(face, 'mouth');
  let rect: PixelRect;
  const eyeY = right && left ? (right.y + left.y) / 2 : 0;
  const eyeDistance = right && left ? Math.abs(left.x - right.x) : 0;
  if (right && left && mouth && eyeDistance >= 2 && mouth.y - eyeY >= 2) {
    const drop = mouth.y - eyeY;
    const margin = 0.1 * eyeDistance;
    rect = { x0: Math.min(right.x, left.x) - margin, x1: Math.max(right.x, left.x) + margin, y0: eyeY + 0.2 * drop, y1: mouth.y - 0.25 * drop };
  } else {
    const { x, y, width: w, height: h } = face.box;
    rect = { x0: x + 0.25 * w, x1: x + 0.75 * w, y0: y + 0.45 * h, y1: y + 0.7 * h };
  }
  const clampX = (v: number) => Math.max(0, Math.min(width, Math.round(v)));
  const clampY = (v: number) => Math.max(0, Math.min(height, Math.round(v)));
  return { x0: clampX(rect.x0), x1: clampX(rect.x1), y0: clampY(rect.y0), y1: clampY(rect.y1) };
}

/** The Oklab colours (interleaved L, a, b) of an 8-bit image's pixels inside `rect`, at most MAX_SAMPLES_PER_FACE of them. */
export function oklabSamples(image: RgbImage, rect: PixelRect): Float32Array {
  const w = Math.max(0, rect.x1 - rect.x0);
  const h = Math.max(0, rect.y1 - rect.y0);
  const step = Math.max(1, Math.ceil(Math.sqrt((w * h) / MAX_SAMPLES_PER_FACE)));
  const scale = image.data instanceof Uint16Array ? 1 / 65535 : 1 / 255;
  const out: number[] = [];
  for (let y = rect.y0; y < rect.y1; y += step) {
    for (let x = rect.x0; x < rect.x1; x += step) {
      const p = (y * image.width + x) * image.channels;
      const [L, a, b] = srgbToOklab(image.data[p] * scale, image.data[p + 1] * scale, image.data[p + 2] * scale);
      out.push(L, a, b);
    }
  }
  return Float32Array.from(out);
}

/**
 * The skin model of an image's detected faces (coordinates in its pixels): one robust
 * Oklab ellipsoid per face whose skin region holds enough pixels. Null when no face
 * gives one (faces too small, or none): the caller keeps the generic skin weight.
 */
export function faceSkinModel(image: RgbImage, faces: readonly FaceDetection[]): SkinModel | null {
  const ellipses: SkinEllipse[] = [];
  for (const face of faces) {
    const ellipse = fitSkinEllipse(oklabSamples(image, skinRegion(face, image.width, image.height)));
    if (ellipse) ellipses.push(ellipse);
  }
  return ellipses.length > 0 ? { ellipses } : null;
}

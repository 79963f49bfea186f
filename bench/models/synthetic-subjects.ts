/**
 * The background-removal evaluation set: synthetic composites with a known matte. A
 * "subject" is a region of a real photo (the fixture photos) cut out by an analytic
 * shape — a lobed blob, optionally with thin strands (a stand-in for hair and fur) —
 * and pasted over another photo (sharp or defocused) or a plain colour; the shape,
 * supersampled 4×4 for anti-aliased edges, is the ground-truth matte. Deterministic:
 * the same case gives the same pixels.
 *
 * What it does not test: real object boundaries (the shapes are smooth analytic curves),
 * semi-transparent materials, and subjects that a salient-object model would not call
 * salient. No package ships masked images for this (@imgly/background-removal-data holds
 * only the model and WebAssembly files), so the set is made here.
 */
import * as path from 'node:path';
import sharp from 'sharp';
import { PHOTO_DIR, type PhotoName } from '../common/photos';

export interface SubjectCase {
  name: string;
  /** The photo whose pixels fill the shape. */
  subject: PhotoName;
  /** The photo behind it, or a plain colour. */
  background: PhotoName | [number, number, number];
  /** Gaussian blur σ of the background in px at 1 MP (a defocused backdrop), 0: sharp. */
  blur: number;
  /** Thin strands from the rim (hair/fur stand-in). */
  strands: boolean;
  /** Phase of the lobes (varies the shape). */
  seed: number;
}

export interface SyntheticComposite {
  /** The composite, 8-bit RGB. */
  rgb: Uint8Array;
  /** Ground-truth alpha, 0–255. */
  alpha: Uint8Array;
  width: number;
  height: number;
}

/** The bench's evaluation set: every subject photo over sharp, defocused and plain backgrounds, with and without strands. */
export const EVALUATION_CASES: SubjectCase[] = [
  { name: 'chelsea on rocket (defocused)', subject: 'chelsea', background: 'rocket', blur: 6, strands: false, seed: 1 },
  { name: 'chelsea on rocket (defocused), strands', subject: 'chelsea', background: 'rocket', blur: 6, strands: true, seed: 1 },
  { name: 'coffee on motorcycle_right (sharp)', subject: 'coffee', background: 'motorcycle_right', blur: 0, strands: false, seed: 2 },
  { name: 'astronaut on hubble (sharp), strands', subject: 'astronaut', background: 'hubble_deep_field', blur: 0, strands: true, seed: 3 },
  { name: 'motorcycle_left on grey', subject: 'motorcycle_left', background: [200, 200, 200], blur: 0, strands: false, seed: 4 },
  { name: 'retina on coffee (defocused), strands', subject: 'retina', background: 'coffee', blur: 4, strands: true, seed: 5 },
  { name: 'rocket on chelsea (sharp)', subject: 'rocket', background: 'chelsea', blur: 0, strands: false, seed: 6 },
  { name: 'astronaut on white, strands', subject: 'astronaut', background: [245, 245, 245], blur: 0, strands: true, seed: 7 },
];

/**
 * The shape at (x, y) in canvas pixels: 1 inside, 0 outside, or -1 within 1.5 px of an
 * edge (where the pixel is supersampled).
 */
function shapeTest(width: number, height: number, c: SubjectCase): (x: number, y: number, exact: boolean) => number {
  const cx = width * 0.5;
  const cy = height * 0.55;
  const radius = Math.min(width, height) * 0.3;
  const phase = c.seed * 1.7;
  const rim = (theta: number) => radius * (1 + 0.16 * Math.sin(3 * theta + phase) + 0.08 * Math.sin(5 * theta + 2 * phase));
  // Strands: 24 thin spokes in the upper half, ≈ 0.3 % of the short side wide, reaching 20–40 % past the rim.
  const strandWidth = Math.max(1.2, Math.min(width, height) * 0.003);
  const strands = c.strands
    ? Array.from({ length: 24 }, (_, k) => {
        const theta = Math.PI * (1.1 + (0.8 * k) / 23) + 0.05 * Math.sin(k * 3.1 + phase);
        return { ux: Math.cos(theta), uy: Math.sin(theta), length: rim(theta) * (1.2 + 0.2 * Math.sin(k * 1.3 + phase)) };
      })
    : [];
  const band = 1.5;
  return (x, y, exact) => {
    const dx = x - cx;
    const dy = y - cy;
    // The rim's radial distance is a fair stand-in for the distance to it (the lobes are gentle); the band is generous.
    const radial = Math.hypot(dx, dy) - rim(Math.atan2(dy, dx));
    if (radial <= 0 && (exact || radial < -band * 2)) return 1;
    let near = !exact && radial < band * 2;
    for (const s of strands) {
      const along = dx * s.ux + dy * s.uy;
      const across = Math.abs(-dx * s.uy + dy * s.ux) - strandWidth / 2;
      if (along < -band || along > s.length + band) continue;
      if (exact) {
        if (along >= 0 && along <= s.length && across <= 0) return 1;
      } else if (across < band) near = true;
    }
    return near ? -1 : 0;
  };
}

/** The ground-truth matte: the shape's coverage of each pixel (4×4 samples near its edges). */
export function groundTruthAlpha(width: number, height: number, c: SubjectCase): Uint8Array {
  const shape = shapeTest(width, height, c);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const coarse = shape(x + 0.5, y + 0.5, false);
      if (coarse >= 0) {
        out[y * width + x] = coarse * 255;
        continue;
      }
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) hits += shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4, true);
      out[y * width + x] = Math.round((hits * 255) / 16);
    }
  }
  return out;
}

async function photoCovering(name: PhotoName, width: number, height: number, blur: number): Promise<Uint8Array> {
  let pipeline = sharp(path.join(PHOTO_DIR, `${name}.jpg`)).removeAlpha().resize(width, height, { fit: 'cover', kernel: 'cubic' });
  if (blur > 0) pipeline = pipeline.blur(blur * Math.sqrt((width * height) / 1e6));
  const { data } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** One case rendered at width × height: composite = α·subject + (1 − α)·background. */
export async function syntheticComposite(c: SubjectCase, width: number, height: number): Promise<SyntheticComposite> {
  const alpha = groundTruthAlpha(width, height, c);
  const fg = await photoCovering(c.subject, width, height, 0);
  const bg = Array.isArray(c.background) ? null : await photoCovering(c.background, width, height, c.blur);
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, p = 0; i < alpha.length; i++, p += 3) {
    const a = alpha[i] / 255;
    for (let k = 0; k < 3; k++) rgb[p + k] = Math.round(a * fg[p + k] + (1 - a) * (bg ? bg[p + k] : (c.background as number[])[k]));
  }
  return { rgb, alpha, width, height };
}

/** The composite as a PNG (what a test uploads). */
export function compositePng(composite: SyntheticComposite): Promise<Buffer> {
  return sharp(Buffer.from(composite.rgb), { raw: { width: composite.width, height: composite.height, channels: 3 } }).png().toBuffer();
}

import { ChromaticAberrationParams } from './effects-config.model';
import { Planes } from './effect-planes.util';

/**
 * Lateral chromatic aberration on LINEAR planes (in place): the lens images
 * red and blue at slightly different magnifications, so colour fringes grow
 * toward the corners. Green stays; red is resampled magnified and blue
 * shrunk by the same amount about the frame centre c:
 *   R'(p) = R(c + (p − c)·(1 − k)),  B'(p) = B(c + (p − c)·(1 + k)),
 *   k = 2 · amount  (amount = shift at the corner as a fraction of the diagonal,
 *   since the corner sits half a diagonal from the centre).
 * The mapping is separable (x and y scale independently), so source columns,
 * rows and bilinear weights are precomputed per axis; edges clamp.
 */
export function chromaticAberrationPass(planes: Planes, p: ChromaticAberrationParams): void {
  if (p.amount === 0) return;
  if (planes.domain !== 'linear') throw new Error('chromaticAberrationPass: planes must be linear');
  const k = 2 * p.amount;
  planes.c[0] = resampleScaled(planes.c[0], planes.width, planes.height, 1 - k);
  planes.c[2] = resampleScaled(planes.c[2], planes.width, planes.height, 1 + k);
}

function resampleScaled(src: Float32Array, w: number, h: number, scale: number): Float32Array {
  const axis = (len: number) => {
    const i0 = new Int32Array(len);
    const i1 = new Int32Array(len);
    const f = new Float32Array(len);
    const c = len / 2;
    for (let x = 0; x < len; x++) {
      const s = c + (x + 0.5 - c) * scale - 0.5;
      const i = Math.floor(s);
      f[x] = s - i;
      i0[x] = Math.min(len - 1, Math.max(0, i));
      i1[x] = Math.min(len - 1, Math.max(0, i + 1));
    }
    return { i0, i1, f };
  };
  const ax = axis(w);
  const ay = axis(h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const r0 = ay.i0[y] * w;
    const r1 = ay.i1[y] * w;
    const fy = ay.f[y];
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const a0 = ax.i0[x];
      const a1 = ax.i1[x];
      const fx = ax.f[x];
      const top = src[r0 + a0] + fx * (src[r0 + a1] - src[r0 + a0]);
      const bot = src[r1 + a0] + fx * (src[r1 + a1] - src[r1 + a0]);
      out[o + x] = top + fy * (bot - top);
    }
  }
  return out;
}

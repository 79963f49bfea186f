import { Lut3D } from './lut3d';

export type Interpolation = 'tetrahedral' | 'trilinear';

/**
 * Evaluate a LUT at arbitrary points (packed triples, in place), in float.
 * Used to compose LUTs and to fuse LUT steps with other transforms; the
 * integer fast path for images is in lut-apply. Inputs outside the domain
 * are clamped to it, as every LUT applier does.
 */
export function sampleLut(lut: Lut3D, rgb: Float32Array, interpolation: Interpolation = 'tetrahedral'): Float32Array {
  const { size, data } = lut;
  const n1 = size - 1;
  const sR = 3;
  const sG = 3 * size;
  const sB = 3 * size * size;
  const lo = lut.domainMin;
  const span = [0, 1, 2].map((c) => n1 / (lut.domainMax[c] - lo[c]));
  for (let p = 0; p < rgb.length; p += 3) {
    const xr = clampTo(rgb[p] - lo[0], span[0], n1);
    const xg = clampTo(rgb[p + 1] - lo[1], span[1], n1);
    const xb = clampTo(rgb[p + 2] - lo[2], span[2], n1);
    const ir = Math.min(n1 - 1, Math.floor(xr));
    const ig = Math.min(n1 - 1, Math.floor(xg));
    const ib = Math.min(n1 - 1, Math.floor(xb));
    const fr = xr - ir;
    const fg = xg - ig;
    const fb = xb - ib;
    const base = ir * sR + ig * sG + ib * sB;
    for (let c = 0; c < 3; c++) {
      const o = base + c;
      const c000 = data[o];
      const c111 = data[o + sR + sG + sB];
      let v: number;
      if (interpolation === 'trilinear') {
        const c100 = data[o + sR];
        const c010 = data[o + sG];
        const c110 = data[o + sR + sG];
        const c001 = data[o + sB];
        const c101 = data[o + sR + sB];
        const c011 = data[o + sG + sB];
        const x00 = c000 + fr * (c100 - c000);
        const x10 = c010 + fr * (c110 - c010);
        const x01 = c001 + fr * (c101 - c001);
        const x11 = c011 + fr * (c111 - c011);
        const y0 = x00 + fg * (x10 - x00);
        const y1 = x01 + fg * (x11 - x01);
        v = y0 + fb * (y1 - y0);
      } else {
        v = tetra(data, o, sR, sG, sB, fr, fg, fb, c000, c111);
      }
      rgb[p + c] = v;
    }
  }
  return rgb;
}

/**
 * Tetrahedral interpolation in the cell at offset `o`: the cube is split along
 * its neutral diagonal into six tetrahedra chosen by the order of the
 * fractions (Kasson et al. 1995; the same split as ffmpeg's lut3d and Resolve),
 * so greys interpolate only along the grey axis.
 */
export function tetra(
  d: Float32Array,
  o: number,
  sR: number,
  sG: number,
  sB: number,
  fr: number,
  fg: number,
  fb: number,
  c000: number,
  c111: number,
): number {
  if (fr > fg) {
    if (fg > fb) {
      const c100 = d[o + sR];
      const c110 = d[o + sR + sG];
      return c000 + fr * (c100 - c000) + fg * (c110 - c100) + fb * (c111 - c110);
    }
    if (fr > fb) {
      const c100 = d[o + sR];
      const c101 = d[o + sR + sB];
      return c000 + fr * (c100 - c000) + fb * (c101 - c100) + fg * (c111 - c101);
    }
    const c001 = d[o + sB];
    const c101 = d[o + sR + sB];
    return c000 + fb * (c001 - c000) + fr * (c101 - c001) + fg * (c111 - c101);
  }
  if (fb > fg) {
    const c001 = d[o + sB];
    const c011 = d[o + sG + sB];
    return c000 + fb * (c001 - c000) + fg * (c011 - c001) + fr * (c111 - c011);
  }
  if (fb > fr) {
    const c010 = d[o + sG];
    const c011 = d[o + sG + sB];
    return c000 + fg * (c010 - c000) + fb * (c011 - c010) + fr * (c111 - c011);
  }
  const c010 = d[o + sG];
  const c110 = d[o + sR + sG];
  return c000 + fg * (c010 - c000) + fr * (c110 - c010) + fb * (c111 - c110);
}

function clampTo(v: number, scale: number, max: number): number {
  const x = v * scale;
  return x > 0 ? (x < max ? x : max) : 0;
}

import { imageToRgbFloat } from '../image/image-float';
import { RgbImage } from '../image/rgb-image';
import { sceneImage } from '../test-support/synthetic';
import { createRng } from '../util/rng';
import { ColorTransform, chainTransforms, withStrength } from './color-transform';
import { fuseColorSteps, planFusedSegments } from './fuse-steps';
import { applyLut } from './lut-apply';
import { wasmLutKernel } from './lut-apply-wasm';
import { bakeLut } from './lut-bake';
import { composeLuts, resizeLut } from './lut-compose';
import { sampleLut } from './lut-sample';
import { LUT_SIZES, identityLut, latticePoints, listLutSizes } from './lut3d';

const affine: ColorTransform = (rgb) => {
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i], rgb[i + 1], rgb[i + 2]];
    rgb[i] = 0.05 + 0.8 * r + 0.1 * g;
    rgb[i + 1] = 0.1 + 0.7 * g + 0.1 * b;
    rgb[i + 2] = 0.02 + 0.2 * r + 0.6 * b;
  }
};
const curvy: ColorTransform = (rgb) => {
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i], rgb[i + 1], rgb[i + 2]];
    rgb[i] = Math.pow(r, 0.7) * (0.9 + 0.1 * b);
    rgb[i + 1] = g * g * 0.5 + 0.5 * Math.sin(1.5 * g) * (0.8 + 0.2 * r);
    rgb[i + 2] = 0.5 + 0.5 * Math.tanh(3 * (b - 0.5)) * (0.9 + 0.1 * g);
  }
};

function exact(image: RgbImage, t: ColorTransform): Float32Array {
  const rgb = imageToRgbFloat(image);
  t(rgb);
  return rgb;
}

function maxCodeError(image: RgbImage, out: RgbImage, want: Float32Array): number {
  const max = image.data instanceof Uint16Array ? 65535 : 255;
  let worst = 0;
  for (let i = 0, p = 0; i < want.length; i += 3, p += image.channels) {
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(out.data[p + c] - Math.min(1, Math.max(0, want[i + c])) * max));
  }
  return worst;
}

/** Largest code difference and the share of values that differ at all. */
function codeDifference(a: ArrayLike<number>, b: ArrayLike<number>): { worst: number; differ: number } {
  let worst = 0;
  let differ = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
    if (d !== 0) differ++;
    if (d > worst) worst = d;
  }
  return { worst, differ: differ / a.length };
}

/** Pixels of an RGBA result whose alpha differs from the source's (one expect, not one per pixel: jest's are slow). */
function alphaMismatches(out: ArrayLike<number>, src: ArrayLike<number>): number {
  let bad = 0;
  for (let i = 3; i < src.length; i += 4) if (out[i] !== src[i]) bad++;
  return bad;
}

describe('LUT type', () => {
  it('stores red fastest (the .cube / ffmpeg order)', () => {
    const p = latticePoints(3);
    expect(Array.from(p.slice(0, 9))).toEqual([0, 0, 0, 0.5, 0, 0, 1, 0, 0]);
    expect(Array.from(p.slice(9, 12))).toEqual([0, 0.5, 0]);
    expect(Array.from(p.slice(27, 30))).toEqual([0, 0, 0.5]);
    expect(LUT_SIZES).toEqual([17, 33, 65]);
    expect(listLutSizes().map((s) => s.entries)).toEqual([4913, 35937, 274625]);
    expect(() => identityLut(1)).toThrow(/2\.\.129/);
    expect(() => identityLut(130)).toThrow();
  });
});

describe('applyLut', () => {
  const img8 = sceneImage(37, 23, 1, 8, 4);
  const img16 = sceneImage(37, 23, 2, 16, 3);

  it.each([2, 17, 33, 65])('identity LUT of size %i leaves 8- and 16-bit images bit-identical', (size) => {
    const lut = identityLut(size);
    for (const interpolation of ['tetrahedral', 'trilinear'] as const) {
      expect(Array.from(applyLut(img8, lut, { interpolation }).data)).toEqual(Array.from(img8.data));
      expect(Array.from(applyLut(img16, lut, { interpolation }).data)).toEqual(Array.from(img16.data));
    }
  });

  it('accepts the largest size, 129', () => {
    expect(Array.from(applyLut(img8, identityLut(129)).data)).toEqual(Array.from(img8.data));
  });

  it('reproduces an affine transform exactly (tetrahedral and trilinear are exact on affine maps)', () => {
    const lut = bakeLut(affine, 5);
    for (const img of [img8, img16]) {
      for (const interpolation of ['tetrahedral', 'trilinear'] as const) {
        expect(maxCodeError(img, applyLut(img, lut, { interpolation }), exact(img, affine))).toBeLessThanOrEqual(0.5 + 1e-3 * (img === img16 ? 65535 / 255 : 1));
      }
    }
  });

  it('approximates a curved transform within a code at 33³ and keeps alpha', () => {
    const lut = bakeLut(curvy, 33);
    const out = applyLut(img8, lut);
    expect(maxCodeError(img8, out, exact(img8, curvy))).toBeLessThan(1.6);
    expect(alphaMismatches(out.data, img8.data)).toBe(0);
    const out16 = applyLut(img16, lut);
    expect(maxCodeError(img16, out16, exact(img16, curvy)) / 257).toBeLessThan(1.2);
  });

  it('matches the float sampler and works in place', () => {
    const lut = bakeLut(curvy, 17);
    for (const interpolation of ['tetrahedral', 'trilinear'] as const) {
      const out = applyLut(img8, lut, { interpolation });
      const f = sampleLut(lut, imageToRgbFloat(img8), interpolation);
      let worst = 0;
      for (let i = 0, p = 0; i < f.length; i += 3, p += 4) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(out.data[p + c] - f[i + c] * 255));
      expect(worst).toBeLessThanOrEqual(0.5001);
    }
    const copy = { ...img8, data: img8.data.slice() };
    applyLut(copy, lut, { out: copy.data });
    expect(Array.from(copy.data)).toEqual(Array.from(applyLut(img8, lut).data));
    expect(() => applyLut(img8, lut, { out: new Uint16Array(img8.data.length) })).toThrow(/type and length/);
  });

  it('tetrahedral keeps greys on the grey axis; trilinear need not', () => {
    // A LUT that is identity except at one off-axis corner: greys must not move under tetrahedral.
    const lut = identityLut(2);
    lut.data.set([0.2, 0.9, 0.1], 3 * 1); // node r=1,g=0,b=0
    const grey: RgbImage = { width: 256, height: 1, channels: 3, data: new Uint8Array(768).map((_, i) => Math.floor(i / 3)) };
    expect(Array.from(applyLut(grey, lut).data)).toEqual(Array.from(grey.data));
  });

  it('honours a non-default domain', () => {
    const lut = identityLut(9);
    lut.domainMin = [0, 0, 0];
    lut.domainMax = [2, 2, 2];
    for (let i = 0; i < lut.data.length; i++) lut.data[i] *= 2;
    expect(Array.from(applyLut(img8, lut).data)).toEqual(Array.from(img8.data));
  });
});

describe('WebAssembly SIMD kernel', () => {
  it('is available on Node 20 and agrees with the TypeScript kernel (≤ 1 code, ≥ 99.9 % identical)', () => {
    expect(wasmLutKernel()).not.toBeNull();
    const lut = bakeLut(curvy, 33);
    for (const channels of [3, 4] as const) {
      // Larger than one wasm chunk (65536 px) so chunking is exercised.
      const img = sceneImage(260, 256, 5, 8, channels);
      const js = applyLut(img, lut, { engine: 'js' });
      const wasm = applyLut(img, lut, { engine: 'wasm' });
      const { worst, differ } = codeDifference(js.data, wasm.data);
      expect(worst).toBeLessThanOrEqual(1);
      expect(differ).toBeLessThan(1e-3);
      if (channels === 4) expect(alphaMismatches(wasm.data, img.data)).toBe(0);
    }
  });

  it('agrees with the TypeScript kernel on a lattice of codes, at every size class and on a non-default domain', () => {
    // Codes 0, 5, …, 255 on each axis (plus 1, 128, 254): cell boundaries, the
    // 255 edge and ties, RGB and RGBA, the smallest to the largest LUT.
    const codes = [...Array.from({ length: 52 }, (_, i) => i * 5), 1, 254, 128];
    const n = codes.length ** 3;
    const wide = bakeLut(curvy, 9);
    wide.domainMin = [-0.1, 0, 0.05];
    wide.domainMax = [1.2, 1, 0.9];
    // 129³ with a polynomial map: `curvy` (Math.pow, sin, tanh) takes seconds to bake under jest.
    const poly: ColorTransform = (rgb) => {
      for (let i = 0; i < rgb.length; i += 3) {
        const [r, g, b] = [rgb[i], rgb[i + 1], rgb[i + 2]];
        rgb[i] = 0.0137 + r * (1.173 - 0.2913 * r) + 0.0571 * g * b;
        rgb[i + 1] = 0.0311 + g * (0.8377 + 0.1249 * g * g) - 0.0219 * r;
        rgb[i + 2] = b * (0.7713 + 0.1931 * b) + 0.0427 * r * g;
      }
    };
    const luts = [bakeLut(curvy, 2), bakeLut(curvy, 5), bakeLut(curvy, 17), bakeLut(curvy, 33), bakeLut(poly, 129), wide];
    for (const channels of [3, 4] as const) {
      const img: RgbImage = { width: n, height: 1, channels, data: new Uint8Array(n * channels) };
      let p = 0;
      for (const b of codes) for (const g of codes) for (const r of codes) {
        img.data[p] = r;
        img.data[p + 1] = g;
        img.data[p + 2] = b;
        if (channels === 4) img.data[p + 3] = (r + 2 * g + 3 * b) & 255;
        p += channels;
      }
      for (const lut of luts) {
        const { worst, differ } = codeDifference(applyLut(img, lut, { engine: 'js' }).data, applyLut(img, lut, { engine: 'wasm' }).data);
        expect(worst).toBeLessThanOrEqual(1);
        expect(differ).toBeLessThan(1e-3);
        if (channels === 4) expect(alphaMismatches(applyLut(img, lut, { engine: 'wasm' }).data, img.data)).toBe(0);
      }
    }
  });

  it('is exact on the identity and works in place', () => {
    const img = sceneImage(70, 50, 6, 8, 3);
    expect(Array.from(applyLut(img, identityLut(33), { engine: 'wasm' }).data)).toEqual(Array.from(img.data));
    const copy = { ...img, data: img.data.slice() };
    applyLut(copy, bakeLut(curvy, 17), { out: copy.data, engine: 'wasm' });
    expect(Array.from(copy.data)).toEqual(Array.from(applyLut(img, bakeLut(curvy, 17), { engine: 'wasm' }).data));
  });
});

describe('composition, resizing and fusion', () => {
  it('composeLuts equals applying one then the other', () => {
    const a = bakeLut(curvy, 33);
    const b = bakeLut(affine, 33);
    const ab = composeLuts(a, b);
    const rng = createRng(9);
    const pts = new Float32Array(3000).map(() => rng());
    const viaBoth = sampleLut(b, sampleLut(a, pts.slice()));
    const viaComposed = sampleLut(ab, pts.slice());
    let worst = 0;
    for (let i = 0; i < pts.length; i++) worst = Math.max(worst, Math.abs(viaBoth[i] - viaComposed[i]));
    expect(worst).toBeLessThan(2e-3);
    expect(Array.from(composeLuts(identityLut(17), a).data)).toEqual(Array.from(resizeLut(a, 33).data));
  });

  it('fuses transforms and LUT steps into one LUT equal to the sequence', () => {
    const l = bakeLut(curvy, 33);
    const fused = fuseColorSteps([affine, l, withStrength(curvy, 0.5)], 33);
    const img = sceneImage(40, 30, 4);
    const stepwise = applyLut(applyLut(applyLut(img, bakeLut(affine, 33)), l), bakeLut(withStrength(curvy, 0.5), 33));
    const once = applyLut(img, fused);
    let sum = 0;
    for (let i = 0; i < once.data.length; i++) sum += Math.abs(once.data[i] - stepwise.data[i]);
    expect(sum / once.data.length).toBeLessThan(0.6);
    const chained = bakeLut(chainTransforms(affine, curvy), 17);
    expect(Array.from(fuseColorSteps([affine, curvy], 17).data)).toEqual(Array.from(chained.data));
  });

  it('plans pipeline segments around spatial steps', () => {
    const steps = ['wb', 'preset', 'grain', 'match', 'lut', 'vignette'];
    const plan = planFusedSegments(steps, (s) => !['grain', 'vignette'].includes(s));
    expect(plan).toEqual([
      { kind: 'color', steps: ['wb', 'preset'] },
      { kind: 'spatial', steps: ['grain'] },
      { kind: 'color', steps: ['match', 'lut'] },
      { kind: 'spatial', steps: ['vignette'] },
    ]);
  });
});

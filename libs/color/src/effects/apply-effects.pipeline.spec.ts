import { applyEffects } from './apply-effects.pipeline';
import { EffectsConfig, EffectsPatch } from './effects-config.model';
import { mergeEffects, validateEffectsConfig } from './effects-config.validate';
import { RgbImage } from '../image/rgb-image';
import { sceneImage } from '../test-support/synthetic';

const cfg = (patch: EffectsPatch): EffectsConfig => mergeEffects({}, patch);

function flat(w: number, h: number, code: number, depth: 8 | 16 = 8, channels: 3 | 4 = 3): RgbImage {
  const data = depth === 16 ? new Uint16Array(w * h * channels) : new Uint8Array(w * h * channels);
  data.fill(code);
  if (channels === 4) for (let i = 3; i < data.length; i += 4) data[i] = (i * 13) % (depth === 16 ? 65536 : 256);
  return { width: w, height: h, channels, data };
}

/** Channel c of pixel (x, y). */
const at = (img: RgbImage, x: number, y: number, c: number) => img.data[(y * img.width + x) * img.channels + c];

/** Grain statistics of `out − base` on the red channel: std and autocorrelation at a lag (pixels, along rows). */
function grainStats(out: RgbImage, base: RgbImage, lag: number): { std: number; corr: number } {
  const { width: w, height: h } = out;
  const d = new Float64Array(w * h);
  let mean = 0;
  for (let i = 0; i < w * h; i++) mean += d[i] = out.data[i * out.channels] - base.data[i * base.channels];
  mean /= w * h;
  let v = 0;
  let c = 0;
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = d[y * w + x] - mean;
      v += a * a;
      if (x + lag < w) {
        c += a * (d[y * w + x + lag] - mean);
        n++;
      }
    }
  }
  return { std: Math.sqrt(v / (w * h)), corr: c / n / (v / (w * h)) };
}

describe('validateEffectsConfig', () => {
  it('fills defaults and reports unknown effects, unknown params and ranges', () => {
    const ok = validateEffectsConfig({ grain: { amount: 40 } });
    expect(ok).toEqual({ ok: true, value: { grain: { amount: 40, size: 30, roughness: 50, color: 0 } } });
    const bad = validateEffectsConfig({ grain: { amount: 400, sparkle: 1 }, glitter: {}, vignette: 3, chromaticAberration: { amount: '2' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['chromaticAberration.amount', 'glitter', 'grain.amount', 'grain.sparkle', 'vignette']);
  });
});

describe('applyEffects: identity and formats', () => {
  const img = sceneImage(48, 32, 2, 8, 4);

  it('no effect, strength 0 or intensity 0 is the identity bit for bit; the input is never modified', () => {
    const before = img.data.slice();
    expect(applyEffects(img, {}).data).toEqual(img.data);
    const zero = cfg({ grain: { amount: 0 }, halation: { strength: 0 }, bloom: { strength: 0 }, vignette: { amount: 0 }, chromaticAberration: { amount: 0 }, fade: { amount: 0 } });
    expect(applyEffects(img, zero).data).toEqual(img.data);
    const all = cfg({ grain: {}, halation: {}, bloom: {}, vignette: {}, chromaticAberration: {}, fade: {} });
    expect(applyEffects(img, all, { intensity: 0 }).data).toEqual(img.data);
    applyEffects(img, all);
    expect(img.data).toEqual(before);
  });

  it('a linear-light pass leaves pixels it does not touch bit-exact (8- and 16-bit decode/encode round trip)', () => {
    for (const depth of [8, 16] as const) {
      const s = sceneImage(40, 30, 4, depth);
      // Vignette with midpoint 100 and no feather touches nothing inside the corners.
      const out = applyEffects(s, cfg({ vignette: { amount: 50, midpoint: 100, feather: 0 } }));
      expect(out.data).toEqual(s.data);
    }
  });

  it('keeps 16-bit depth and RGBA alpha for every effect', () => {
    const src = sceneImage(40, 30, 5, 16, 4);
    const params: EffectsPatch = { grain: { size: 100 }, halation: { threshold: 0.3 }, bloom: { threshold: 0.3 }, vignette: {}, chromaticAberration: {}, fade: {} };
    for (const name of ['grain', 'halation', 'bloom', 'vignette', 'chromaticAberration', 'fade'] as const) {
      const out = applyEffects(src, cfg({ [name]: params[name] }), { seed: 3 });
      expect(out.data).toBeInstanceOf(Uint16Array);
      expect(out.channels).toBe(4);
      let changed = 0;
      for (let i = 0; i < out.data.length; i++) {
        if (i % 4 === 3) expect(out.data[i]).toBe(src.data[i]);
        else if (out.data[i] !== src.data[i]) changed++;
      }
      expect({ name, changed: changed > 0 }).toEqual({ name, changed: true });
    }
  });
});

describe('grain', () => {
  const grain = (img: RgbImage, p: EffectsPatch['grain'], seed = 1) => applyEffects(img, cfg({ grain: p }), { seed });

  it('is deterministic per seed and different across seeds', () => {
    const img = flat(64, 48, 128);
    expect(grain(img, { amount: 50 }, 7).data).toEqual(grain(img, { amount: 50 }, 7).data);
    expect(grain(img, { amount: 50 }, 7).data).not.toEqual(grain(img, { amount: 50 }, 8).data);
  });

  it('is luminance-dependent: strongest in mid-tones, none in pure black or white', () => {
    const p = { amount: 60, size: 60 };
    const std = (code: number) => grainStats(grain(flat(128, 96, code), p), flat(128, 96, code), 1).std;
    expect(std(128)).toBeGreaterThan(2 * std(20));
    expect(std(128)).toBeGreaterThan(2 * std(235));
    expect(std(0)).toBe(0);
    expect(std(255)).toBe(0);
  });

  it('is spatially correlated (not white noise) and coarser with size', () => {
    // 640 × 480: cells of 1.3 px (size 70) and 2.9 px (size 100).
    const base = flat(640, 480, 30000, 16);
    const fine = grainStats(grain(base, { amount: 60, size: 70, roughness: 0 }), base, 1);
    const coarse = grainStats(grain(base, { amount: 60, size: 100, roughness: 0 }), base, 1);
    expect(fine.corr).toBeGreaterThan(0.2);
    expect(coarse.corr).toBeGreaterThan(0.5);
    expect(coarse.corr).toBeGreaterThan(fine.corr + 0.1);
  });

  it('is resolution-independent: a 2× upscaled copy gets the same grain statistics at twice the lag', () => {
    const small = flat(320, 240, 30000, 16);
    const big = flat(640, 480, 30000, 16);
    const p = { amount: 60, size: 100, roughness: 40 };
    const s = grainStats(grain(small, p, 5), small, 1);
    const b = grainStats(grain(big, p, 5), big, 2);
    expect(Math.abs(b.std / s.std - 1)).toBeLessThan(0.08);
    expect(Math.abs(b.corr - s.corr)).toBeLessThan(0.08);
    expect(s.corr).toBeGreaterThan(0.2);
  });

  it('is monochrome at color 0 and per-channel at color 100', () => {
    const img = flat(240, 180, 128);
    const mono = grain(img, { amount: 50, size: 100, color: 0 });
    const colour = grain(img, { amount: 50, size: 100, color: 100 });
    let monoDiff = 0;
    let colourDiff = 0;
    for (let i = 0; i < mono.data.length; i += 3) {
      monoDiff += Math.abs(mono.data[i] - mono.data[i + 2]);
      colourDiff += Math.abs(colour.data[i] - colour.data[i + 2]);
    }
    expect(monoDiff).toBe(0);
    expect(colourDiff).toBeGreaterThan(mono.data.length);
  });
});

describe('vignette', () => {
  it('darkens corners, not the centre; a negative amount lightens; the shape is resolution-independent', () => {
    const ratio = (w: number, h: number, amount: number) => {
      const out = applyEffects(flat(w, h, 160), cfg({ vignette: { amount } }));
      expect(at(out, w / 2, h / 2, 0)).toBe(160);
      return at(out, 0, 0, 1) / 160;
    };
    expect(ratio(60, 40, 60)).toBeLessThan(0.7);
    expect(ratio(60, 40, -60)).toBeGreaterThan(1.2);
    expect(Math.abs(ratio(120, 80, 60) - ratio(60, 40, 60))).toBeLessThan(0.03);
  });
});

describe('halation and bloom', () => {
  /** Dark grey frame with a bright white disc in the middle. */
  function spot(w: number, h: number): RgbImage {
    const img = flat(w, h, 40);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (Math.hypot(x + 0.5 - w / 2, y + 0.5 - h / 2) < w / 16) img.data.fill(255, (y * w + x) * 3, (y * w + x) * 3 + 3);
      }
    }
    return img;
  }

  it('halation tints around a bright spot red-orange and leaves far pixels alone', () => {
    const img = spot(128, 96);
    const out = applyEffects(img, cfg({ halation: { strength: 80, radius: 0.02 } }));
    const x = 64 + 12;
    const dr = at(out, x, 48, 0) - at(img, x, 48, 0);
    const dg = at(out, x, 48, 1) - at(img, x, 48, 1);
    const db = at(out, x, 48, 2) - at(img, x, 48, 2);
    expect(dr).toBeGreaterThan(5);
    expect(dr).toBeGreaterThan(dg + 2);
    expect(dg).toBeGreaterThan(db);
    expect(Math.abs(at(out, 2, 2, 0) - 40)).toBeLessThanOrEqual(1);
    // Resolution-independent: the same relative point of a 2× larger frame gets the same halo.
    const big = spot(256, 192);
    const outBig = applyEffects(big, cfg({ halation: { strength: 80, radius: 0.02 } }));
    expect(Math.abs(at(outBig, 128 + 24, 96, 0) - at(big, 128 + 24, 96, 0) - dr)).toBeLessThanOrEqual(0.12 * dr);
  });

  it('bloom spreads a neutral glow from highlights only', () => {
    const img = spot(128, 96);
    const out = applyEffects(img, cfg({ bloom: { strength: 80, radius: 0.02 } }));
    const x = 64 + 12;
    const d = [0, 1, 2].map((c) => at(out, x, 48, c) - at(img, x, 48, c));
    expect(d[0]).toBeGreaterThan(5);
    expect(Math.abs(d[0] - d[2])).toBeLessThanOrEqual(1);
    const dim = flat(64, 48, 100);
    expect(applyEffects(dim, cfg({ bloom: { strength: 100, threshold: 0.7 } })).data).toEqual(dim.data);
  });
});

describe('chromatic aberration and fade', () => {
  it('shifts red outward and blue inward (opposite directions)', () => {
    const w = 200;
    const h = 20;
    const img = flat(w, h, 0);
    for (let y = 0; y < h; y++) img.data.fill(255, (y * w + 170) * 3, (y * w + 171) * 3);
    const out = applyEffects(img, cfg({ chromaticAberration: { amount: 0.008 } }));
    const centroid = (c: number) => {
      let s = 0;
      let m = 0;
      for (let x = 0; x < w; x++) {
        s += x * at(out, x, 10, c);
        m += at(out, x, 10, c);
      }
      return s / m;
    };
    expect(centroid(1)).toBeCloseTo(170, 5);
    expect(centroid(0)).toBeGreaterThan(170.5);
    expect(centroid(2)).toBeLessThan(169.5);
  });

  it('fade lifts black to 0.25 × amount/100', () => {
    const out = applyEffects(flat(8, 8, 0), cfg({ fade: { amount: 40 } }));
    expect(out.data[0]).toBe(Math.round(0.1 * 255));
  });
});

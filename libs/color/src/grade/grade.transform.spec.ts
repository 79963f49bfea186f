import { GradeValuesPatch, neutralGradeValues } from './grade-values.model';
import { mergeGradeValues } from './grade-values.merge';
import { gradeTransform } from './grade.transform';
import { monotoneCurve } from './monotone-curve.math';
import { bakeLut } from '../lut/lut-bake';
import { identityLut } from '../lut/lut3d';
import { hslToRgb } from '../space/hsl';
import { linearSrgbToOklab, oklabToOklch } from '../space/oklab';
import { srgbToLinear } from '../space/srgb';
import { createRng } from '../util/rng';

const grade = (patch: GradeValuesPatch, intensity = 1) => gradeTransform(mergeGradeValues(neutralGradeValues(), patch), intensity);
const apply = (patch: GradeValuesPatch, rgb: number[], intensity = 1): number[] => {
  const a = Float32Array.from(rgb);
  grade(patch, intensity)(a);
  return Array.from(a);
};
const lin = (v: number[]) => v.map(srgbToLinear);
const lch = (rgb: number[]) => oklabToOklch(...linearSrgbToOklab(...(lin(rgb) as [number, number, number])));
const randomTriples = (n: number, seed = 1): Float32Array => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * 3 }, () => rng());
};

describe('gradeTransform: neutral and intensity', () => {
  it('neutral values are the identity (within 1e-6) and bake to the identity LUT', () => {
    const input = randomTriples(2000);
    const out = input.slice();
    gradeTransform(neutralGradeValues())(out);
    for (let i = 0; i < out.length; i++) expect(Math.abs(out[i] - input[i])).toBeLessThanOrEqual(1e-6);
    expect(bakeLut(gradeTransform(neutralGradeValues()), 17).data).toEqual(identityLut(17).data);
  });

  it('intensity 0 is the identity for a strong grade; the change grows steadily with intensity', () => {
    const strong: GradeValuesPatch = { exposure: 1, contrast: 60, saturation: -80, temperature: 50, fade: 40, toneCurve: { master: [[0, 0.1], [1, 0.9]] } };
    const input = randomTriples(500, 3);
    const out0 = input.slice();
    grade(strong, 0)(out0);
    expect(out0).toEqual(input);
    const change = (t: number): number => {
      const out = input.slice();
      grade(strong, t)(out);
      let d = 0;
      for (let i = 0; i < out.length; i++) d += Math.abs(out[i] - input[i]);
      return d / out.length;
    };
    const d = [0.25, 0.5, 0.75, 1].map(change);
    for (let k = 1; k < d.length; k++) expect(d[k]).toBeGreaterThan(d[k - 1] * 1.1);
    expect(d[1]).toBeGreaterThan(0.3 * d[3]);
    expect(d[1]).toBeLessThan(0.7 * d[3]);
    expect(() => grade(strong, 1.5)).toThrow(RangeError);
  });
});

describe('gradeTransform: each control', () => {
  it('exposure +1 EV doubles linear light; −1 EV halves it', () => {
    const input = [0.2, 0.35, 0.5];
    const up = lin(apply({ exposure: 1 }, input));
    const down = lin(apply({ exposure: -1 }, input));
    lin(input).forEach((v, c) => {
      expect(up[c]).toBeCloseTo(2 * v, 5);
      expect(down[c]).toBeCloseTo(v / 2, 5);
    });
  });

  it('saturation −100 gives greys; +50 increases Oklch chroma', () => {
    const out = apply({ saturation: -100 }, [0.9, 0.2, 0.1, 0.1, 0.6, 0.8, 0.3, 0.3, 0.3]);
    for (let i = 0; i < out.length; i += 3) {
      expect(Math.abs(out[i] - out[i + 1])).toBeLessThan(1e-4);
      expect(Math.abs(out[i + 1] - out[i + 2])).toBeLessThan(1e-4);
    }
    expect(lch(apply({ saturation: 50 }, [0.6, 0.4, 0.35]))[1]).toBeGreaterThan(lch([0.6, 0.4, 0.35])[1] * 1.3);
  });

  it('temperature + warms (R/B up), − cools; tint + is magenta (G down), keeping grey luminance', () => {
    const grey = [0.5, 0.5, 0.5];
    const warm = apply({ temperature: 50 }, grey);
    const cool = apply({ temperature: -50 }, grey);
    expect(warm[0] / warm[2]).toBeGreaterThan(1.15);
    expect(cool[0] / cool[2]).toBeLessThan(0.87);
    const magenta = apply({ tint: 60 }, grey);
    expect(magenta[1]).toBeLessThan(Math.min(magenta[0], magenta[2]));
    const Y = (v: number[]) => 0.2126 * srgbToLinear(v[0]) + 0.7152 * srgbToLinear(v[1]) + 0.0722 * srgbToLinear(v[2]);
    expect(Y(warm)).toBeCloseTo(Y(grey), 3);
  });

  it('contrast + darkens shadows, brightens highlights and keeps middle grey; − does the opposite', () => {
    const mid = 0.4613;
    const plus = apply({ contrast: 50 }, [0.2, 0.2, 0.2, mid, mid, mid, 0.8, 0.8, 0.8]);
    expect(plus[0]).toBeLessThan(0.19);
    expect(plus[3]).toBeCloseTo(mid, 3);
    expect(plus[6]).toBeGreaterThan(0.81);
    const minus = apply({ contrast: -50 }, [0.2, 0.2, 0.2, 0.8, 0.8, 0.8]);
    expect(minus[0]).toBeGreaterThan(0.21);
    expect(minus[3]).toBeLessThan(0.79);
  });

  it('shadows, highlights, whites and blacks each move their own tonal region most', () => {
    const ramp = [0.05, 0.3, 0.5, 0.7, 0.95].flatMap((v) => [v, v, v]);
    const delta = (patch: GradeValuesPatch) => apply(patch, ramp).filter((_, i) => i % 3 === 0).map((v, k) => v - ramp[k * 3]);
    const sh = delta({ shadows: 80 });
    expect(sh[1]).toBeGreaterThan(0.05);
    expect(sh[1]).toBeGreaterThan(sh[3]);
    expect(Math.abs(sh[4])).toBeLessThan(0.01);
    const hi = delta({ highlights: -80 });
    expect(hi[3]).toBeLessThan(-0.05);
    expect(Math.abs(hi[3])).toBeGreaterThan(Math.abs(hi[1]));
    const bl = delta({ blacks: 80 });
    expect(bl[0]).toBeGreaterThan(bl[2]);
    expect(bl[0]).toBeGreaterThan(0.05);
    const wh = delta({ whites: -80 });
    expect(wh[4]).toBeLessThan(-0.05);
    expect(Math.abs(wh[4])).toBeGreaterThan(Math.abs(wh[2]));
  });

  it('tonal controls keep hue (Oklch hue of a colour barely moves under contrast)', () => {
    const c = [0.7, 0.45, 0.3];
    expect(Math.abs(lch(apply({ contrast: 60, shadows: 30 }, c))[2] - lch(c)[2])).toBeLessThan(2);
  });

  it('tone curves are monotone cubics (Fritsch–Carlson): through the points, no overshoot, never decreasing', () => {
    const pts: [number, number][] = [[0, 0], [0.1, 0.4], [0.2, 0.42], [0.6, 0.45], [1, 1]];
    const f = monotoneCurve(pts);
    for (const [x, y] of pts) expect(f(x)).toBeCloseTo(y, 12);
    let prev = -1;
    for (let i = 0; i <= 1000; i++) {
      const y = f(i / 1000);
      expect(y).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = y;
    }
    for (let x = 0.2; x <= 0.6; x += 0.01) expect(f(x)).toBeLessThanOrEqual(0.45 + 1e-12); // a natural spline overshoots here
    // Through the grade, per channel: the red curve moves only red.
    const out = apply({ toneCurve: { red: [[0, 0], [0.5, 0.7], [1, 1]] } }, [0.5, 0.5, 0.5]);
    expect(out[0]).toBeCloseTo(0.7, 5);
    expect(out[1]).toBeCloseTo(0.5, 6);
  });

  it('HSL band edits affect only their hue region, smoothly', () => {
    const green = [0.2, 0.7, 0.2];
    const red = [0.8, 0.15, 0.15];
    const blue = [0.15, 0.2, 0.8];
    const grey = [0.5, 0.5, 0.5];
    const out = apply({ hsl: { green: { saturation: -100, hue: 40, luminance: 50 } } }, [...green, ...red, ...blue, ...grey]);
    expect(lch(out.slice(0, 3))[1]).toBeLessThan(lch(green)[1] * 0.2);
    [red, blue, grey].forEach((c, k) => c.forEach((v, j) => expect(Math.abs(out[3 + k * 3 + j] - v)).toBeLessThan(1e-5)));
    // No hard edges: sweeping the hue circle, neighbouring outputs never jump.
    const sweep: number[] = [];
    for (let h = 0; h < 360; h += 0.5) sweep.push(...hslToRgb(h, 0.6, 0.5));
    const swept = apply({ hsl: { yellow: { saturation: -100, hue: 100 } } }, sweep);
    for (let i = 3; i < swept.length; i++) expect(Math.abs(swept[i] - swept[i - 3])).toBeLessThan(0.03);
  });

  it('vibrance boosts muted colours relatively more than saturated ones', () => {
    const muted = [0.55, 0.5, 0.45];
    const vivid = [0.9, 0.2, 0.6];
    const out = apply({ vibrance: 60 }, [...muted, ...vivid]);
    const gMuted = lch(out.slice(0, 3))[1] / lch(muted)[1];
    const gVivid = lch(out.slice(3))[1] / lch(vivid)[1];
    expect(gMuted).toBeGreaterThan(1.3);
    expect(gMuted).toBeGreaterThan(gVivid);
  });

  it('split toning tints shadows and highlights toward their hues, leaving black and white', () => {
    const out = apply(
      { splitToning: { shadowHue: 200, shadowSaturation: 60, highlightHue: 30, highlightSaturation: 60 } },
      [0.25, 0.25, 0.25, 0.8, 0.8, 0.8, 0, 0, 0, 1, 1, 1],
    );
    expect(out[2]).toBeGreaterThan(out[0] + 0.03); // shadow: blue over red
    expect(out[3]).toBeGreaterThan(out[5] + 0.03); // highlight: red over blue
    expect(out.slice(6, 9).every((v) => Math.abs(v) < 1e-5)).toBe(true);
    expect(out.slice(9).every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
  });

  it('lift raises black, gain scales white, gamma + brightens mid-tones, fade lifts black to 0.25·f', () => {
    expect(apply({ liftGammaGain: { lift: { master: 0.1 } } }, [0, 0, 0])[0]).toBeCloseTo(0.1, 6);
    expect(apply({ liftGammaGain: { gain: { red: 0.8 } } }, [1, 1, 1])).toEqual([expect.closeTo(0.8, 6), 1, 1]);
    expect(apply({ liftGammaGain: { gamma: { master: 0.5 } } }, [0.4, 0.4, 0.4])[0]).toBeGreaterThan(0.45);
    const faded = apply({ fade: 40 }, [0, 0, 0, 1, 1, 1]);
    expect(faded[0]).toBeCloseTo(0.1, 6);
    expect(faded[3]).toBeCloseTo(0.98, 6);
  });

  it('a full grade bakes to a finite LUT', () => {
    const lut = bakeLut(grade({ exposure: 0.5, contrast: 40, hsl: { blue: { hue: -30 } }, vibrance: 30, temperature: -20, splitToning: { shadowSaturation: 30, shadowHue: 190 } }), 9);
    expect(lut.data.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });
});

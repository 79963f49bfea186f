import { createRng } from '../util/rng';
import { srgbToOklab } from '../space/convert-buffer';
import { withMatchModifiers } from './match-modifiers';
import { resolveMatchParams } from './match-params';
import { SKIN_MIN_SAMPLES, fitSkinEllipse, invert3, mahalanobis2, skinModelWeight, type SkinModel } from './skin-model';

/** n Oklab samples around `mean` with the given standard deviations (seeded Box–Muller). */
function cloud(n: number, mean: number[], std: number[], seed = 7): number[] {
  const rng = createRng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      const g = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      out.push(mean[c] + std[c] * g);
    }
  }
  return out;
}

describe('skin model (faces → preserve_skin_tones)', () => {
  it('inverts a 3×3 matrix and refuses a singular one', () => {
    const m = [4, 1, 0, 1, 3, 0.5, 0, 0.5, 2];
    const inv = invert3(m) as number[];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        const v = m[3 * r] * inv[c] + m[3 * r + 1] * inv[3 + c] + m[3 * r + 2] * inv[6 + c];
        expect(v).toBeCloseTo(r === c ? 1 : 0, 12);
      }
    }
    expect(invert3([1, 2, 3, 2, 4, 6, 1, 1, 1])).toBeNull();
  });

  it('fits the mean and spread of a sample cloud and ignores outliers', () => {
    const mean = [0.7, 0.045, 0.06];
    const samples = cloud(2000, mean, [0.05, 0.02, 0.02]);
    // 5 % of the samples are hair (dark, near-neutral): far outside the skin's ellipsoid.
    samples.push(...cloud(100, [0.2, 0.005, 0.01], [0.01, 0.003, 0.003], 9));
    const e = fitSkinEllipse(samples);
    expect(e).not.toBeNull();
    expect(e!.mean[0]).toBeCloseTo(0.7, 2);
    expect(e!.mean[1]).toBeCloseTo(0.045, 2);
    expect(e!.mean[2]).toBeCloseTo(0.06, 2);
    expect(e!.samples).toBeLessThan(2000);
    // One standard deviation along a is ~1 Mahalanobis unit (the lightness is widened ×1.5).
    expect(Math.sqrt(mahalanobis2(e!.inverseCovariance, e!.mean, 0.7, 0.065, 0.06))).toBeGreaterThan(0.85);
    expect(Math.sqrt(mahalanobis2(e!.inverseCovariance, e!.mean, 0.7, 0.065, 0.06))).toBeLessThan(1.15);
  });

  it('needs enough samples and floors a flat face (one colour) instead of collapsing', () => {
    expect(fitSkinEllipse(cloud(SKIN_MIN_SAMPLES - 1, [0.7, 0.04, 0.05], [0.01, 0.01, 0.01]))).toBeNull();
    const flat = fitSkinEllipse(new Array(100).fill([0.7, 0.04, 0.05]).flat());
    expect(flat).not.toBeNull();
    const model: SkinModel = { ellipses: [flat!] };
    expect(skinModelWeight(model, 0.7, 0.04, 0.05)).toBe(1);
    expect(skinModelWeight(model, 0.7, 0.055, 0.05)).toBeGreaterThan(0.5); // 0.015 away in a: within the floored spread
    expect(skinModelWeight(model, 0.7, -0.05, -0.05)).toBe(0); // blue
  });

  it('weighs 1 near a face colour, 0 far from every face, the largest over faces', () => {
    const pale = fitSkinEllipse(cloud(500, [0.8, 0.03, 0.04], [0.03, 0.008, 0.008]))!;
    const dark = fitSkinEllipse(cloud(500, [0.45, 0.05, 0.07], [0.03, 0.008, 0.008], 3))!;
    const model: SkinModel = { ellipses: [pale, dark] };
    expect(skinModelWeight(model, 0.8, 0.03, 0.04)).toBe(1);
    expect(skinModelWeight(model, 0.45, 0.05, 0.07)).toBe(1);
    const between = skinModelWeight(model, 0.8, 0.03, 0.075);
    expect(between).toBeGreaterThan(0);
    expect(between).toBeLessThan(1);
    expect(skinModelWeight(model, 0.6, 0.12, 0.02)).toBe(0); // a saturated pink-red: skin hue for the generic weight, not this skin
  });

  it("preserveSkinTones with a face model keeps the face's colour and grades colours the model does not hold", () => {
    // A transform that pushes everything toward blue; skin at preserve 1 keeps 85 % of itself.
    const blue = (rgb: Float32Array) => {
      for (let i = 0; i < rgb.length; i += 3) rgb[i + 2] = Math.min(1, rgb[i + 2] + 0.3);
    };
    const skinRgb = [0.85, 0.65, 0.55];
    const sand = [0.8, 0.6, 0.3]; // skin hue (≈ 70°) for the generic weight, far from this face in b
    const [L, a, b] = srgbToOklab(skinRgb[0], skinRgb[1], skinRgb[2]);
    const model: SkinModel = { ellipses: [fitSkinEllipse(cloud(400, [L, a, b], [0.02, 0.006, 0.006]))!] };
    const p = resolveMatchParams('natural', { preserveSkinTones: 1 });
    const run = (skin: SkinModel | null) => {
      const rgb = Float32Array.from([...skinRgb, ...sand]);
      withMatchModifiers(blue, p, skin)(rgb);
      return rgb;
    };
    const faces = run(model);
    const generic = run(null);
    const shift = (rgb: Float32Array, o: number, ref: number[]) => Math.abs(rgb[o + 2] - ref[2]);
    expect(shift(faces, 0, skinRgb)).toBeLessThan(0.3 * 0.2); // the face's colour barely moves
    expect(shift(faces, 0, skinRgb)).toBeLessThan(shift(generic, 0, skinRgb));
    expect(shift(faces, 3, sand)).toBeGreaterThan(0.25); // sand is graded in full
    expect(shift(generic, 3, sand)).toBeLessThan(0.25); // the generic weight protects it too
  });
});

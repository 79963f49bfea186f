import { GradeValuesPatch, neutralGradeValues } from './grade-values.model';
import { mergeGradeValues } from './grade-values.merge';
import { gradeTransform } from './grade.transform';
import { extractPresetFromImage } from './preset-from-image.extract';
import { RgbImage } from '../image/rgb-image';
import { applyLut } from '../lut/lut-apply';
import { bakeLut } from '../lut/lut-bake';
import { linearSrgbToOklab, oklabToLinearSrgb } from '../space/oklab';
import { linearToSrgb, srgbToLinear } from '../space/srgb';

/**
 * A "photo-like" test image calibrated to the extractor's ungraded reference:
 * encoded luminance concentrated in the mid-tones (p1 ≈ 0.03, p5–p95 ≈ 0.72),
 * a quarter of the rows neutral, the rest with hues sweeping the circle.
 */
function photoLike(w: number, h: number, phase: number): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = (x + 0.5) / w;
      const v = 2 * u - 1;
      const e = 0.5 + 0.5 * Math.sign(v) * Math.pow(Math.abs(v), 3.1);
      const L = Math.cbrt(srgbToLinear(e));
      const C = Math.floor((y * 8) / h) % 4 === 0 ? 0 : 0.11 * Math.sqrt(Math.sin(Math.PI * u));
      const hue = ((phase + (1080 * y) / h) * Math.PI) / 180;
      const rgb = oklabToLinearSrgb(L, C * Math.cos(hue), C * Math.sin(hue));
      for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = Math.round(Math.min(1, Math.max(0, linearToSrgb(rgb[c]))) * 255);
    }
  }
  return { width: w, height: h, channels: 3, data };
}

function grade(image: RgbImage, patch: GradeValuesPatch | ReturnType<typeof neutralGradeValues>): RgbImage {
  return applyLut(image, bakeLut(gradeTransform(mergeGradeValues(neutralGradeValues(), patch)), 17));
}

/** Statistics the extracted preset should carry over: black level, chroma, warmth, shadow tint. */
function stats(image: RgbImage) {
  const n = image.width * image.height;
  const lum: number[] = [];
  let chroma = 0;
  let warm = 0;
  let shA = 0;
  let shB = 0;
  let shN = 0;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [0, 1, 2].map((c) => srgbToLinear(image.data[i * 3 + c] / 255));
    const [L, A, B] = linearSrgbToOklab(r, g, b);
    lum.push(linearToSrgb(0.2126 * r + 0.7152 * g + 0.0722 * b));
    chroma += Math.hypot(A, B);
    warm += Math.log((r + 0.01) / (b + 0.01));
    if (L < 0.45) {
      shA += A;
      shB += B;
      shN++;
    }
  }
  lum.sort((a, b) => a - b);
  return { p1: lum[Math.floor(0.01 * n)], chroma: chroma / n, warm: warm / n, shadowA: shA / shN, shadowB: shB / shN };
}

describe('extractPresetFromImage', () => {
  const neutral = photoLike(96, 64, 40);

  it('reads an ungraded image as (nearly) neutral, deterministically', () => {
    const v = extractPresetFromImage(neutral);
    expect(extractPresetFromImage(neutral)).toEqual(v);
    expect(Math.abs(v.temperature)).toBeLessThanOrEqual(5);
    expect(Math.abs(v.contrast)).toBeLessThanOrEqual(10);
    expect(Math.abs(v.saturation)).toBeLessThanOrEqual(15);
    expect(v.fade).toBeLessThanOrEqual(3);
    expect(v.splitToning.shadowSaturation + v.splitToning.highlightSaturation).toBe(0);
  });

  it('recovers the direction of known grades', () => {
    const read = (patch: GradeValuesPatch) => extractPresetFromImage(grade(photoLike(96, 64, 0), patch));
    const warm = read({ temperature: 35, saturation: -40 });
    expect(warm.temperature).toBeGreaterThan(8);
    expect(warm.saturation).toBeLessThan(-20);
    expect(read({ temperature: -35 }).temperature).toBeLessThan(-15);
    expect(read({ fade: 30 }).fade).toBeGreaterThan(10);
    expect(read({ contrast: 40 }).contrast).toBeGreaterThan(10);
    const toned = read({ splitToning: { shadowHue: 190, shadowSaturation: 50, highlightHue: 40, highlightSaturation: 40 } });
    expect(toned.splitToning.shadowSaturation).toBeGreaterThan(10);
    expect(toned.splitToning.shadowHue).toBeGreaterThan(150);
    expect(toned.splitToning.shadowHue).toBeLessThan(240);
    expect(toned.splitToning.highlightSaturation).toBeGreaterThan(10);
    expect(toned.splitToning.highlightHue).toBeGreaterThan(10);
    expect(toned.splitToning.highlightHue).toBeLessThan(70);
  });

  it('applied to a neutral image, moves its statistics toward the example’s', () => {
    const examples: GradeValuesPatch[] = [
      { temperature: 35, fade: 30, saturation: -40, splitToning: { shadowHue: 190, shadowSaturation: 50 } },
      { temperature: -30, saturation: 30, contrast: 30 },
      { saturation: -100, fade: 20 },
    ];
    for (const patch of examples) {
      const target = stats(grade(photoLike(96, 64, 0), patch));
      const before = stats(neutral);
      const after = stats(grade(neutral, extractPresetFromImage(grade(photoLike(96, 64, 0), patch))));
      // Statistics the example changed noticeably (per-statistic noise floors).
      const floors = { p1: 0.01, chroma: 0.005, warm: 0.03, shadowA: 0.004, shadowB: 0.004 };
      const keys = (Object.keys(floors) as (keyof typeof floors)[]).filter((k) => Math.abs(target[k] - before[k]) > floors[k]);
      expect(keys.length).toBeGreaterThanOrEqual(2);
      const dist = (s: typeof before) => keys.reduce((acc, k) => acc + Math.abs(s[k] - target[k]) / Math.abs(before[k] - target[k]), 0);
      expect(dist(after)).toBeLessThan(0.6 * dist(before));
      for (const k of keys) expect({ k, closer: Math.abs(after[k] - target[k]) < Math.abs(before[k] - target[k]) }).toEqual({ k, closer: true });
    }
  });

  it('reads a black-and-white example as saturation −100', () => {
    expect(extractPresetFromImage(grade(photoLike(64, 48, 0), { saturation: -100 })).saturation).toBe(-100);
  });
});

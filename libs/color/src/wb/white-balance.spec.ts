import { applyLut } from '../lut/lut-apply';
import { imageToRgbFloat } from '../image/image-float';
import { RgbImage } from '../image/rgb-image';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { deltaE2000 } from '../space/delta-e';
import { litScene } from '../test-support/scenes';
import { whiteBalance, whiteBalanceMatrix } from './white-balance';

function meanDeltaE(a: RgbImage, b: RgbImage): number {
  const la = srgbToLabBuffer(imageToRgbFloat(a));
  const lb = srgbToLabBuffer(imageToRgbFloat(b));
  let s = 0;
  for (let i = 0; i < la.length; i += 3) s += deltaE2000(la[i], la[i + 1], la[i + 2], lb[i], lb[i + 1], lb[i + 2]);
  return s / (la.length / 3);
}

describe('whiteBalance', () => {
  const light = [1.25, 1, 0.68];
  const truth = litScene(160, 120, [0.8, 0.8, 0.8], { greyShare: 0.3, seed: 9 });
  const cast = litScene(160, 120, light.map((v) => 0.8 * v), { greyShare: 0.3, seed: 9 });

  it.each(['auto', 'gray_world'] as const)('%s removes a uniform cast (analytic scene)', (method) => {
    const before = meanDeltaE(cast, truth);
    const result = whiteBalance(cast, { method });
    const after = meanDeltaE(applyLut(cast, result.lut), truth);
    expect(before).toBeGreaterThan(5);
    expect(after).toBeLessThan(method === 'auto' ? 1.5 : 2.5);
    expect(result.cctKelvin).toBeLessThan(5000);
  });

  it('neutral_point uses the named patch and validates its coordinates', () => {
    const result = whiteBalance(cast, { method: 'neutral_point', neutralX: 0.03, neutralY: 0.03, radius: 0.01 });
    expect(result.illuminant[0]).toBeGreaterThan(result.illuminant[2]);
    expect(() => whiteBalance(cast, { method: 'neutral_point' })).toThrow(/neutral_x and neutral_y/);
    expect(() => whiteBalance(cast, { method: 'neutral_point', neutralX: 2, neutralY: 0.5 })).toThrow(/0\.\.1/);
  });

  it('intensity 0 is the identity and intensity scales the correction', () => {
    const none = whiteBalance(cast, { intensity: 0 });
    expect(Array.from(applyLut(cast, none.lut).data)).toEqual(Array.from(cast.data));
    const half = meanDeltaE(applyLut(cast, whiteBalance(cast, { intensity: 0.5 }).lut), truth);
    const full = meanDeltaE(applyLut(cast, whiteBalance(cast).lut), truth);
    expect(half).toBeGreaterThan(full);
    expect(half).toBeLessThan(meanDeltaE(cast, truth));
    expect(() => whiteBalance(cast, { intensity: 1.2 })).toThrow(/intensity/);
  });

  it('keeps the white luminance (adaptation preserves Y of the illuminant)', () => {
    const m = whiteBalanceMatrix([1.3, 0.95, 0.7]);
    const out = [0, 1, 2].map((r) => m[r * 3] * 1.3 + m[r * 3 + 1] * 0.95 + m[r * 3 + 2] * 0.7);
    expect(out[0]).toBeCloseTo(out[1], 10);
    expect(out[1]).toBeCloseTo(out[2], 10);
    expect(0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]).toBeCloseTo(0.2126 * 1.3 + 0.7152 * 0.95 + 0.0722 * 0.7, 10);
  });

  it('white_patch finds a warm white', () => {
    expect(whiteBalance(cast, { method: 'white_patch' }).illuminant[0]).toBeGreaterThan(1);
  });
});

import { applyLut } from '../lut/lut-apply';
import { imageToRgbFloat } from '../image/image-float';
import { RgbImage } from '../image/rgb-image';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { castImage, sceneImage } from '../test-support/synthetic';
import { BLEND_MODES, applyMultiMatch, bandWeights, matchMulti } from './match-multi';

function meanLab(img: RgbImage, x0 = 0, x1 = img.width): number[] {
  const lab = srgbToLabBuffer(imageToRgbFloat(img));
  const s = [0, 0, 0];
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = x0; x < x1; x++) {
    const i = (y * img.width + x) * 3;
    for (let c = 0; c < 3; c++) s[c] += lab[i + c];
    n++;
  }
  return s.map((v) => v / n);
}

describe('matchMulti', () => {
  const target = sceneImage(80, 60, 3);
  const warm = castImage(sceneImage(70, 50, 8), [1.5, 1, 0.55]);
  const cool = castImage(sceneImage(70, 50, 9), [0.6, 1, 1.5]);

  it('lists the four blend modes', () => {
    expect(BLEND_MODES.map((m) => m.mode)).toEqual(['uniform', 'weighted', 'gradient', 'intensity']);
  });

  it('weighted pulls toward the heavier reference', () => {
    const towardWarm = applyLut(target, matchMulti(target, [warm, cool], { blendMode: 'weighted', weights: [0.9, 0.1], params: { lutSize: 17 } }).lut);
    const towardCool = applyLut(target, matchMulti(target, [warm, cool], { blendMode: 'weighted', weights: [0.1, 0.9], params: { lutSize: 17 } }).lut);
    expect(meanLab(towardWarm)[2]).toBeGreaterThan(meanLab(towardCool)[2] + 5);
    expect(() => matchMulti(target, [warm, cool], { blendMode: 'weighted' })).toThrow(/weights are required/);
    expect(() => matchMulti(target, [warm, cool], { weights: [1] })).toThrow(/one entry per reference/);
    expect(() => matchMulti(target, [warm], {})).toThrow(/2 to 4/);
  });

  it('uniform sits between the two single matches', () => {
    const u = meanLab(applyLut(target, matchMulti(target, [warm, cool], { params: { lutSize: 17 } }).lut))[2];
    const w = meanLab(applyLut(target, matchMulti(target, [warm, cool], { blendMode: 'weighted', weights: [1, 0], params: { lutSize: 17 } }).lut))[2];
    const c = meanLab(applyLut(target, matchMulti(target, [warm, cool], { blendMode: 'weighted', weights: [0, 1], params: { lutSize: 17 } }).lut))[2];
    expect(u).toBeLessThan(w);
    expect(u).toBeGreaterThan(c);
  });

  it('gradient: the left edge follows the first reference, the right the second', () => {
    const r = matchMulti(target, [warm, cool], { blendMode: 'gradient', transitionWidth: 0.2, params: { lutSize: 17 } });
    expect(r.referenceLuts).toHaveLength(2);
    const out = applyMultiMatch(target, r);
    const first = applyLut(target, r.referenceLuts![0]);
    const second = applyLut(target, r.referenceLuts![1]);
    // Outside the transition band each side is exactly its reference's match.
    meanLab(out, 0, 30).forEach((v, c) => expect(v).toBeCloseTo(meanLab(first, 0, 30)[c], 1));
    meanLab(out, 50, 80).forEach((v, c) => expect(v).toBeCloseTo(meanLab(second, 50, 80)[c], 1));
    expect(meanLab(first, 0, 30)[2]).toBeGreaterThan(meanLab(second, 0, 30)[2] + 5);
    const w = new Float64Array(3);
    bandWeights(0.5, 3, 0.2, w);
    expect(w[1]).toBeCloseTo(1, 9);
    bandWeights(1 / 3, 3, 0.2, w);
    expect(w[0]).toBeCloseTo(0.5, 9);
    expect(w[0] + w[1] + w[2]).toBeCloseTo(1, 12);
  });

  it('intensity mode and overall intensity 0', () => {
    const dark = castImage(sceneImage(70, 50, 10), [0.3, 0.3, 0.3]);
    const r = matchMulti(target, [warm, dark], { blendMode: 'intensity', params: { lutSize: 17 } });
    expect(r.lut.size).toBe(17);
    const none = applyLut(target, matchMulti(target, [warm, cool], { intensity: 0, params: { lutSize: 17 } }).lut);
    let worst = 0;
    none.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - target.data[i]))));
    expect(worst).toBeLessThanOrEqual(2);
  });
});

import { imageToRgbFloat } from '../image/image-float';
import { RgbImage } from '../image/rgb-image';
import { proxyOf } from '../image/proxy-of';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { deltaE2000 } from '../space/delta-e';
import { sceneImage } from '../test-support/synthetic';
import { applyLut } from './lut-apply';
import { bakeLut } from './lut-bake';
import { lutFromExamples } from './lut-from-examples';
import { sampleLut } from './lut-sample';
import { identityLut } from './lut3d';

function meanDeltaE(a: RgbImage, b: RgbImage): number {
  const la = srgbToLabBuffer(imageToRgbFloat(a));
  const lb = srgbToLabBuffer(imageToRgbFloat(b));
  let s = 0;
  for (let i = 0; i < la.length; i += 3) s += deltaE2000(la[i], la[i + 1], la[i + 2], lb[i], lb[i + 1], lb[i + 2]);
  return s / (la.length / 3);
}

describe('lutFromExamples', () => {
  const before = sceneImage(240, 180, 6);
  const grade = bakeLut((rgb) => {
    for (let i = 0; i < rgb.length; i += 3) {
      const [r, g, b] = [rgb[i], rgb[i + 1], rgb[i + 2]];
      rgb[i] = Math.min(1, 0.05 + 0.95 * Math.pow(r, 0.8));
      rgb[i + 1] = 0.9 * g + 0.05 * r;
      rgb[i + 2] = 0.2 + 0.7 * b;
    }
  }, 33);

  it('recovers a known grade from a before/after pair of different sizes', () => {
    const afterFull = applyLut(before, grade);
    const after = proxyOf(afterFull, 120); // half the size of `before`
    const { lut, coverage, rmsError } = lutFromExamples(before, after, { size: 17 });
    expect(coverage).toBeGreaterThan(0.01);
    expect(rmsError).toBeLessThan(3);
    expect(meanDeltaE(applyLut(before, lut), afterFull)).toBeLessThan(1.5);
  });

  it('an identical pair gives (nearly) the identity LUT everywhere, including unvisited nodes', () => {
    const { lut } = lutFromExamples(before, before, { size: 17 });
    let worst = 0;
    const id = identityLut(17).data;
    lut.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - id[i]))));
    expect(worst).toBeLessThan(0.01);
  });

  it('fills unvisited colours smoothly (continues the edit) and stays finite', () => {
    const { lut } = lutFromExamples(before, applyLut(before, grade), { size: 17 });
    const probe = new Float32Array([1, 0, 1, 0, 1, 0, 0.02, 0.98, 0.02]);
    const out = sampleLut(lut, probe.slice());
    expect(out.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    // The grade lifts blue blacks to 0.2: the extension carries the lift to unvisited dark colours.
    expect(out[5]).toBeGreaterThan(0.1);
    // Smooth: no jump between neighbouring nodes anywhere in the cube.
    let jump = 0;
    for (let i = 0; i + 3 < lut.data.length; i += 3) if ((i / 3) % 17 !== 16) for (let c = 0; c < 3; c++) jump = Math.max(jump, Math.abs(lut.data[i + 3 + c] - lut.data[i + c]) - 1 / 16);
    expect(jump).toBeLessThan(0.08);
  });

  it('rejects pairs of different framing', () => {
    expect(() => lutFromExamples(before, sceneImage(100, 100, 1))).toThrow(/same frame/);
  });
});

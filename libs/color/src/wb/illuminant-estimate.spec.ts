import { imageToRgbFloat } from '../image/image-float';
import { angularErrorDeg, litScene } from '../test-support/scenes';
import { estimateIlluminant } from './illuminant-estimate';

describe('estimateIlluminant', () => {
  const light = [1.3, 1, 0.62];

  it('every method recovers a uniform cast on a grey-rich scene', () => {
    const rgb = imageToRgbFloat(litScene(200, 200, light, { greyShare: 0.4 }));
    for (const method of ['auto', 'gray_world', 'shades_of_gray'] as const) {
      expect(angularErrorDeg(estimateIlluminant(rgb, { method }).rgb, light)).toBeLessThan(method === 'auto' ? 1.5 : 4);
    }
  });

  it('auto beats gray world on a scene dominated by one colour', () => {
    let autoErr = 0;
    let grayErr = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const rgb = imageToRgbFloat(litScene(200, 200, light, { dominant: 0.7, greyShare: 0.08, seed }));
      autoErr += angularErrorDeg(estimateIlluminant(rgb, { method: 'auto' }).rgb, light) / 5;
      grayErr += angularErrorDeg(estimateIlluminant(rgb, { method: 'gray_world' }).rgb, light) / 5;
    }
    expect(autoErr).toBeLessThan(2);
    expect(grayErr).toBeGreaterThan(8);
  });

  it('white_patch and neutral_point read a known white', () => {
    const img = litScene(100, 100, light, { greyShare: 0 });
    // Paint a white-ish card (reflectance 0.8 under the light) in the top-left corner.
    const rgb = imageToRgbFloat(img);
    const card = light.map((l) => Math.pow(Math.min(1, 0.6 * l), 1 / 2.2));
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) rgb.set(card, (y * 100 + x) * 3);
    const np = estimateIlluminant(rgb, { method: 'neutral_point', width: 100, height: 100, x: 0.1, y: 0.1 });
    expect(angularErrorDeg(np.rgb, light)).toBeLessThan(3);
    expect(() => estimateIlluminant(rgb, { method: 'neutral_point', x: 0.5, y: 0.5 })).toThrow(/width/);
    const wp = estimateIlluminant(rgb, { method: 'white_patch', percentile: 99.5 });
    expect(wp.rgb[0]).toBeGreaterThan(wp.rgb[2]);
  });
});

import { litScene } from '../test-support/scenes';
import { sceneImage, solidImage } from '../test-support/synthetic';
import { cctToXy } from '../space/cct';
import { XYZ_TO_SRGB, xyToXyz } from '../space/xyz';
import { mat3Apply } from '../util/mat3';
import { analyzeImage } from './analyze-image';

describe('analyzeImage', () => {
  it('has the documented shape and is deterministic', () => {
    const img = sceneImage(600, 240, 3);
    const a = analyzeImage(img);
    expect(a).toEqual(analyzeImage(img));
    expect([a.width, a.height, a.channels, a.bitDepth]).toEqual([600, 240, 3, 8]);
    expect([a.sampleWidth, a.sampleHeight]).toEqual([512, 205]);
    for (const h of Object.values(a.histograms)) {
      expect(h).toHaveLength(256);
      expect(h.reduce((x, y) => x + y)).toBe(512 * 205);
    }
    expect(Object.keys(a.rgb.r.percentiles)).toEqual(['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99']);
    expect(a.palette).toHaveLength(5);
    expect(a.palette.reduce((s, c) => s + c.fraction, 0)).toBeCloseTo(1, 9);
    for (let i = 1; i < a.palette.length; i++) expect(a.palette[i - 1].fraction).toBeGreaterThanOrEqual(a.palette[i].fraction);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('reports exact statistics of a flat colour', () => {
    const a = analyzeImage(solidImage(20, 10, [255, 0, 0], 4));
    expect(a.rgb.r.mean).toBe(255);
    expect(a.rgb.g.std).toBe(0);
    expect(a.lab.l.mean).toBeCloseTo(53.24, 1);
    expect(a.lab.a.percentiles.p99).toBeCloseTo(80.09, 1);
    expect(a.histograms.r[255]).toBe(200);
    expect(a.luminance.clippedHighlightsPercent).toBe(100);
    expect(a.palette).toHaveLength(1);
    expect(a.palette[0].hex).toBe('#ff0000');
    expect(a.channels).toBe(4);
  });

  it('reads a neutral scene near D65 and a warm cast as a lower CCT', () => {
    const neutral = analyzeImage(litScene(256, 256, [1, 1, 1], { greyShare: 0.3 }));
    expect(Math.abs(neutral.whitePoint.cctKelvin - 6504)).toBeLessThan(250);
    expect(Math.abs(neutral.whitePoint.duv - 0.0032)).toBeLessThan(0.003);
    // Linear-sRGB colour of a 3200 K Planckian light (white balanced for D65).
    const light = mat3Apply(XYZ_TO_SRGB, xyToXyz(...cctToXy(3200)));
    const warm = analyzeImage(litScene(256, 256, light.map((v) => (0.8 * v) / light[0]), { greyShare: 0.3 }));
    expect(Math.abs(warm.whitePoint.cctKelvin - 3200)).toBeLessThan(100);
    expect(Math.abs(warm.whitePoint.duv)).toBeLessThan(0.002);
    expect(warm.whitePoint.rgb[0]).toBe(255);
    expect(warm.whitePoint.rgb[2]).toBeLessThan(200);
  });
});

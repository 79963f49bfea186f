import { analyzeImage, type RgbImage } from '@gradekit/color';
import { toAnalyzeResult } from './analyze-result.mapper';

function flat(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height, channels: 3 };
}

describe('toAnalyzeResult', () => {
  const source = { format: 'jpeg', width: 4000, height: 3000, hasAlpha: false, bytes: 123456 };

  it('maps the engine analysis to the snake_case public shape with the original file facts', () => {
    const result = toAnalyzeResult(source, analyzeImage(flat(40, 30, [255, 0, 0])));
    expect(Object.keys(result)).toEqual([
      'width', 'height', 'format', 'has_alpha', 'bytes', 'sample_width', 'sample_height',
      'rgb', 'lab', 'histograms', 'luminance', 'colorfulness', 'palette', 'white_point',
    ]);
    expect([result.width, result.height, result.format, result.has_alpha, result.bytes]).toEqual([4000, 3000, 'jpeg', false, 123456]);
    expect([result.sample_width, result.sample_height]).toEqual([40, 30]);
    expect(result.rgb.r).toEqual({ mean: 255, std: 0, min: 255, max: 255, percentiles: { p1: 255, p5: 255, p25: 255, p50: 255, p75: 255, p95: 255, p99: 255 } });
    expect(result.rgb.g.mean).toBe(0);
    expect(result.lab.l.mean).toBeCloseTo(53.24, 1);
    expect(result.histograms.r[255]).toBe(1200);
    expect(result.histograms.luminance).toHaveLength(256);
    expect(Object.keys(result.luminance).sort()).toEqual(
      ['clipped_highlights_percent', 'clipped_shadows_percent', 'dynamic_range_ev', 'exposure_ev', 'mean', 'median', 'percentiles', 'rms_contrast'],
    );
    expect(result.luminance.clipped_highlights_percent).toBe(100);
    expect(result.palette).toEqual([expect.objectContaining({ hex: '#ff0000', rgb: [255, 0, 0], fraction: 1 })]);
    expect(Object.keys(result.white_point).sort()).toEqual(['cct_kelvin', 'confidence', 'duv', 'hex', 'rgb', 'xy']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('rounds figures to a few decimals', () => {
    const data = new Uint8Array(3 * 3 * 3);
    data.set([10, 20, 30, 40, 50, 60, 70, 80, 91]);
    const result = toAnalyzeResult(source, analyzeImage({ data, width: 3, height: 3, channels: 3 }));
    const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;
    expect(decimals(result.rgb.r.mean)).toBeLessThanOrEqual(4);
    expect(decimals(result.rgb.r.std)).toBeLessThanOrEqual(4);
    expect(decimals(result.white_point.xy[0])).toBeLessThanOrEqual(6);
  });
});

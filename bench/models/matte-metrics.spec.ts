import { boundary, boundaryFScore, dilate, iou, matteScores, meanAbsoluteError } from './matte-metrics';
import { EVALUATION_CASES, groundTruthAlpha } from './synthetic-subjects';

/** A w × h plane with the rectangle [x0, x1) × [y0, y1) at 255. */
function rect(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[y * w + x] = 255;
  return out;
}

describe('matte metrics', () => {
  it('IoU and MAE of known rectangles', () => {
    const a = rect(20, 10, 0, 0, 10, 10);
    const b = rect(20, 10, 5, 0, 15, 10);
    expect(iou(a, a)).toBe(1);
    expect(iou(a, b)).toBeCloseTo(50 / 150, 6);
    expect(meanAbsoluteError(a, b)).toBeCloseTo(100 / 200, 6);
    expect(iou(new Uint8Array(4), new Uint8Array(4))).toBe(1);
  });

  it('dilates by a square of radius r, and finds 4-connected boundaries', () => {
    const dot = new Uint8Array(49);
    dot[3 * 7 + 3] = 1;
    const grown = dilate(dot, 7, 7, 2);
    expect(grown.reduce((s, v) => s + v, 0)).toBe(25);
    expect(grown[1 * 7 + 1]).toBe(1);
    expect(grown[0]).toBe(0);
    const b = boundary(rect(6, 6, 1, 1, 5, 5), 6, 6);
    expect(b.reduce((s, v) => s + v, 0)).toBe(12);
  });

  it('boundary F: 1 within the tolerance, falls when the edge moves past it', () => {
    const truth = rect(40, 40, 10, 10, 30, 30);
    expect(boundaryFScore(truth, truth, 40, 40)).toBe(1);
    expect(boundaryFScore(rect(40, 40, 12, 10, 32, 30), truth, 40, 40, 3)).toBe(1);
    const far = boundaryFScore(rect(40, 40, 16, 10, 36, 30), truth, 40, 40, 3);
    expect(far).toBeLessThan(0.7);
    expect(far).toBeGreaterThan(0.3);
    expect(matteScores(new Uint8Array(1600), truth, 40, 40).boundaryF).toBe(0);
  });

  it('the synthetic subjects have anti-aliased rims and strands thinner than the blob', () => {
    const [w, h] = [200, 150];
    const blob = groundTruthAlpha(w, h, EVALUATION_CASES[0]);
    const withStrands = groundTruthAlpha(w, h, EVALUATION_CASES[1]);
    const count = (a: Uint8Array, f: (v: number) => boolean) => a.reduce((s, v) => s + (f(v) ? 1 : 0), 0);
    expect(count(blob, (v) => v > 0 && v < 255)).toBeGreaterThan(100);
    expect(count(blob, (v) => v === 255) / (w * h)).toBeGreaterThan(0.15);
    expect(count(withStrands, (v) => v > 0)).toBeGreaterThan(count(blob, (v) => v > 0));
    expect(blob[0]).toBe(0);
  });
});

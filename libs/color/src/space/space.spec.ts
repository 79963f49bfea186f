import { adaptationMatrix, linearRgbAdaptationMatrix } from './chromatic-adaptation';
import { cctToXy, xyToCct } from './cct';
import { labToSrgbBuffer, oklabToSrgb, srgbToLab, srgbToLabBuffer, srgbToOklab } from './convert-buffer';
import { deltaE2000, deltaE76 } from './delta-e';
import { hslToRgb, hsvToRgb, rgbToHsl, rgbToHsv } from './hsl';
import { labToLch, labToXyz, lchToLab, xyzToLab } from './lab';
import { linearSrgbToOklab, oklabToLinearSrgb, oklabToOklch, oklchToOklab, xyzToOklab } from './oklab';
import { linearToSrgb, srgbToLinear, srgbToLinearTable16, srgbToLinearTable8 } from './srgb';
import { D65_XYZ, SRGB_TO_XYZ, XYZ_TO_SRGB } from './xyz';
import { mat3Apply, mat3Mul } from '../util/mat3';
import { createRng } from '../util/rng';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};

describe('sRGB transfer', () => {
  it('matches IEC 61966-2-1 values', () => {
    expect(srgbToLinear(0.5)).toBeCloseTo(0.21404114, 7);
    expect(srgbToLinear(0.04045)).toBeCloseTo(0.04045 / 12.92, 9);
    expect(linearToSrgb(0.18)).toBeCloseTo(0.46135613, 6);
    expect(srgbToLinear(1)).toBe(1);
    expect(srgbToLinear(0)).toBe(0);
  });
  it('round-trips and tables agree', () => {
    for (let i = 0; i <= 1000; i++) expect(linearToSrgb(srgbToLinear(i / 1000))).toBeCloseTo(i / 1000, 12);
    expect(srgbToLinear(-0.5)).toBeCloseTo(-srgbToLinear(0.5), 12);
    expect(srgbToLinearTable8()[128]).toBeCloseTo(srgbToLinear(128 / 255), 6);
    expect(srgbToLinearTable16()[40000]).toBeCloseTo(srgbToLinear(40000 / 65535), 6);
  });
});

describe('XYZ and CIELAB', () => {
  it('derives the sRGB→XYZ matrix (Lindbloom’s published values)', () => {
    close(SRGB_TO_XYZ, [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041], 5e-4);
    close(mat3Mul(SRGB_TO_XYZ, XYZ_TO_SRGB), [1, 0, 0, 0, 1, 0, 0, 0, 1], 1e-12);
    close(D65_XYZ, [0.95046, 1, 1.08906], 1e-4);
  });
  it('gives published Lab of the sRGB primaries', () => {
    close(srgbToLab(1, 0, 0), [53.2408, 80.0925, 67.2032], 0.02);
    close(srgbToLab(0, 1, 0), [87.7347, -86.1827, 83.1793], 0.02);
    close(srgbToLab(0, 0, 1), [32.297, 79.1875, -107.8602], 0.02);
    close(srgbToLab(1, 1, 1), [100, 0, 0], 1e-6);
    close(srgbToLab(0.5, 0.5, 0.5), [53.3889, 0, 0], 1e-3);
  });
  it('round-trips XYZ↔Lab including the linear toe, and LCh', () => {
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const xyz = [rng() * 0.95, rng() * 0.02 + (i % 2) * rng(), rng() * 1.08];
      close(labToXyz(...xyzToLab(xyz[0], xyz[1], xyz[2])), xyz, 1e-12);
      const lab = [rng() * 100, rng() * 200 - 100, rng() * 200 - 100] as const;
      close(lchToLab(...labToLch(...lab)), lab, 1e-9);
    }
  });
  it('round-trips sRGB buffers through Lab', () => {
    const rgb = new Float32Array(300);
    const rng = createRng(2);
    for (let i = 0; i < rgb.length; i++) rgb[i] = rng();
    close(labToSrgbBuffer(srgbToLabBuffer(rgb)), rgb, 1e-5);
  });
});

describe('Oklab', () => {
  it('matches Ottosson’s published XYZ table', () => {
    close(xyzToOklab(0.95, 1, 1.089), [1, 0, 0], 1e-3);
    close(xyzToOklab(1, 0, 0), [0.45, 1.236, -0.019], 1e-3);
    close(xyzToOklab(0, 1, 0), [0.922, -0.671, 0.263], 1e-3);
    close(xyzToOklab(0, 0, 1), [0.153, -1.415, -0.449], 1e-3);
  });
  it('maps sRGB red and white to their CSS Color 4 values', () => {
    close(srgbToOklab(1, 0, 0), [0.627955, 0.224863, 0.125846], 1e-5);
    close(srgbToOklab(1, 1, 1), [1, 0, 0], 1e-6);
    close(oklabToOklch(...srgbToOklab(1, 0, 0)), [0.627955, 0.257683, 29.2339], 1e-3);
  });
  it('round-trips', () => {
    const rng = createRng(3);
    for (let i = 0; i < 500; i++) {
      const c = [rng(), rng(), rng()];
      close(oklabToLinearSrgb(...linearSrgbToOklab(c[0], c[1], c[2])), c, 1e-9);
      close(oklabToSrgb(...srgbToOklab(c[0], c[1], c[2])), c, 1e-9);
      const lab = [rng(), rng() * 0.4 - 0.2, rng() * 0.4 - 0.2] as const;
      close(oklchToOklab(...oklabToOklch(...lab)), lab, 1e-12);
    }
  });
});

describe('HSL / HSV', () => {
  it('known values', () => {
    close(rgbToHsl(1, 0, 0), [0, 1, 0.5], 1e-12);
    close(rgbToHsl(0, 0.5, 0.5), [180, 1, 0.25], 1e-12);
    close(rgbToHsv(0, 0, 1), [240, 1, 1], 1e-12);
    close(rgbToHsv(0.5, 0.5, 0.5), [0, 0, 0.5], 1e-12);
    close(hslToRgb(120, 1, 0.25), [0, 0.5, 0], 1e-12);
  });
  it('round-trips', () => {
    const rng = createRng(4);
    for (let i = 0; i < 500; i++) {
      const c = [rng(), rng(), rng()] as const;
      close(hslToRgb(...rgbToHsl(...c)), c, 1e-9);
      close(hsvToRgb(...rgbToHsv(...c)), c, 1e-9);
    }
  });
});

describe('chromatic adaptation', () => {
  it('reproduces Lindbloom’s Bradford D65→D50 matrix', () => {
    const m = adaptationMatrix([0.95047, 1, 1.08883], [0.96422, 1, 0.82521], 'bradford');
    close(m, [1.0478112, 0.0228866, -0.050127, 0.0295424, 0.9904844, -0.0170491, -0.0092345, 0.0150436, 0.7521316], 2e-6);
  });
  it('maps the source white exactly to the destination white (both CATs)', () => {
    for (const method of ['bradford', 'cat16'] as const) {
      const src = [1.09850, 1, 0.35585];
      close(mat3Apply(adaptationMatrix(src, D65_XYZ, method), src), D65_XYZ, 1e-12);
      const lin = linearRgbAdaptationMatrix([1.3, 1, 0.6], [1, 1, 1], method);
      close(mat3Apply(lin, [1.3, 1, 0.6]), [1, 1, 1], 1e-12);
    }
  });
});

describe('CCT and Duv', () => {
  it('gives the standard illuminants’ published CCT', () => {
    const d65 = xyToCct(0.31271, 0.32902);
    expect(Math.abs(d65.cct - 6504)).toBeLessThan(4);
    expect(d65.duv).toBeCloseTo(0.0032, 3);
    expect(Math.abs(xyToCct(0.34567, 0.3585).cct - 5003)).toBeLessThan(4);
    const a = xyToCct(0.44757, 0.40745);
    expect(Math.abs(a.cct - 2856)).toBeLessThan(4);
    expect(Math.abs(a.duv)).toBeLessThan(3e-4);
  });
  it('round-trips temperature and tint', () => {
    for (const T of [2000, 3200, 4500, 6500, 9000, 14000]) {
      for (const duv of [-0.02, 0, 0.01]) {
        const r = xyToCct(...cctToXy(T, duv));
        expect(Math.abs(r.cct - T) / T).toBeLessThan(1e-3);
        expect(r.duv).toBeCloseTo(duv, 5);
      }
    }
  });
});

describe('ΔE', () => {
  it('ΔE2000 matches Sharma, Wu & Dalal’s test data', () => {
    const pairs: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    ];
    for (const [p, q, want] of pairs) expect(deltaE2000(p[0], p[1], p[2], q[0], q[1], q[2])).toBeCloseTo(want, 4);
  });
  it('ΔE76 is Euclidean and both vanish on equal colours', () => {
    expect(deltaE76(50, 0, 0, 53, 4, 0)).toBeCloseTo(5, 12);
    expect(deltaE2000(40, 10, -5, 40, 10, -5)).toBe(0);
  });
});

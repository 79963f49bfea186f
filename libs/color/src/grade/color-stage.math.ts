import { HSL_BANDS, HslAdjustment, HslBand, SplitToning } from './grade-values.model';
import { bandWeights } from './hue-bands.math';
import { hslToRgb } from '../space/hsl';
import { linearSrgbToOklab } from '../space/oklab';
import { srgbToLinear } from '../space/srgb';
import { smoothstep } from '../util/clamp';

export interface ColorControls {
  vibrance: number;
  saturation: number;
  hsl: Record<HslBand, HslAdjustment>;
  splitToning: SplitToning;
}

/** Largest chroma of an sRGB colour in Oklab (≈ 0.32, blue/magenta): the vibrance scale. */
const C_MAX = 0.32;
/** Chroma offset of split toning at saturation 100. */
const SPLIT_MAX = 0.08;
/** Oklch hue of skin tones (≈ 50°) and half-width of the vibrance protection. */
const SKIN_HUE = 50;
const SKIN_HALF_WIDTH = 35;

/**
 * The chroma/hue part of the grade, on an Oklab triple (L, a, b) in place —
 * Oklab because its hue lines are straight (changing chroma does not shift
 * hue, which it does in HSL and CIELAB blues). With C = √(a² + b²), h = atan2(b, a):
 *
 * 1. HSL mixer: band weights w_j(h) (hue-bands.math.ts) blend the bands' values:
 *      h += Σ w_j·hue_j/100 · 30°,  C ×= 1 + Σ w_j·sat_j/100,
 *      L += χ(C)·Σ w_j·lum_j/100 · 0.2,  χ(C) = C²/(C² + 0.03²)
 *    (χ keeps greys — which have no hue — from moving.)
 * 2. Vibrance v: C ×= 1 + v/100 · (1 − C/0.32)₊ · (1 − 0.6·skin(h)) for v > 0;
 *    muted colours move most, saturated ones barely, skin hues are protected;
 *    C·(1 + a(1 − C/0.32)) stays monotone in C for |a| ≤ 1. v < 0 has no skin term.
 * 3. Saturation s: C ×= 1 + s/100 (−100 → C = 0, an exact grey).
 * 4. Split toning: (a, b) += S_sh·dir(h_sh)·w_sh(L) + S_hi·dir(h_hi)·w_hi(L), where
 *    dir(h) is the Oklab direction of the HSL hue h, S = sat/100 · 0.08,
 *    w_hi = smoothstep(p − 0.35, p + 0.35, L), w_sh = 1 − w_hi, pivot
 *    p = 0.5 − 0.35·balance/100, both faded to 0 at L = 0 and at L = 1 so
 *    pure black and pure white stay neutral.
 * Returns null when nothing here is active.
 */
export function buildColorStage(c: ColorControls): ((lab: Float64Array) => void) | null {
  const bands = HSL_BANDS.map((b) => c.hsl[b]);
  const hslActive = bands.some((b) => b.hue !== 0 || b.saturation !== 0 || b.luminance !== 0);
  const st = c.splitToning;
  const splitActive = st.highlightSaturation !== 0 || st.shadowSaturation !== 0;
  if (!hslActive && c.vibrance === 0 && c.saturation === 0 && !splitActive) return null;

  const hueShift = bands.map((b) => (b.hue / 100) * 30);
  const satGain = bands.map((b) => b.saturation / 100);
  const lumShift = bands.map((b) => (b.luminance / 100) * 0.2);
  const vib = c.vibrance / 100;
  const sat = 1 + c.saturation / 100;
  const hiDir = hueDirection(st.highlightHue);
  const shDir = hueDirection(st.shadowHue);
  const hiAmt = (st.highlightSaturation / 100) * SPLIT_MAX;
  const shAmt = (st.shadowSaturation / 100) * SPLIT_MAX;
  const pivot = 0.5 - (0.35 * st.balance) / 100;
  const w = new Float64Array(HSL_BANDS.length);

  return (lab) => {
    let L = lab[0];
    let a = lab[1];
    let b = lab[2];
    let C = Math.hypot(a, b);
    if (C > 1e-9 && (hslActive || vib !== 0)) {
      let h = (Math.atan2(b, a) * 180) / Math.PI;
      if (h < 0) h += 360;
      let C2 = C;
      let h2 = h;
      if (hslActive) {
        const i = bandWeights(h, w);
        const j = (i + 1) % HSL_BANDS.length;
        h2 += w[i] * hueShift[i] + w[j] * hueShift[j];
        C2 *= Math.max(0, 1 + w[i] * satGain[i] + w[j] * satGain[j]);
        const chi = (C * C) / (C * C + 0.0009);
        L = Math.max(0, L + chi * (w[i] * lumShift[i] + w[j] * lumShift[j]));
      }
      if (vib !== 0) {
        const room = Math.max(0, 1 - C2 / C_MAX);
        const protect = vib > 0 ? 1 - 0.6 * skinWeight(h) : 1;
        C2 *= 1 + vib * room * protect;
      }
      if (h2 !== h) {
        const r = (h2 * Math.PI) / 180;
        a = C2 * Math.cos(r);
        b = C2 * Math.sin(r);
      } else {
        a *= C2 / C;
        b *= C2 / C;
      }
      C = C2;
    }
    a *= sat;
    b *= sat;
    if (splitActive) {
      const env = smoothstep(0, 0.2, L) * (1 - smoothstep(0.9, 1, L));
      const wh = smoothstep(pivot - 0.35, pivot + 0.35, L) * env;
      const ws = env - wh;
      a += ws * shAmt * shDir[0] + wh * hiAmt * hiDir[0];
      b += ws * shAmt * shDir[1] + wh * hiAmt * hiDir[1];
    }
    lab[0] = L;
    lab[1] = a;
    lab[2] = b;
  };
}

/** Unit Oklab (a, b) direction of the fully saturated HSL colour of hue h. */
export function hueDirection(h: number): [number, number] {
  const [r, g, b] = hslToRgb(h, 1, 0.5).map(srgbToLinear);
  const [, A, B] = linearSrgbToOklab(r, g, b);
  const n = Math.hypot(A, B) || 1;
  return [A / n, B / n];
}

function skinWeight(h: number): number {
  let d = Math.abs(h - SKIN_HUE);
  if (d > 180) d = 360 - d;
  if (d >= SKIN_HALF_WIDTH) return 0;
  const c = Math.cos((Math.PI * d) / (2 * SKIN_HALF_WIDTH));
  return c * c;
}

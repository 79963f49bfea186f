import { ColorTransform } from '../lut/color-transform';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { FitImage, labAt, labSample } from './fit-image';
import { labToSrgbGamut } from './lab-gamut';
import { fitToneCurve, kneeFunction, neighbourPairs } from './tone-fit';
import { evalCurve, transferCurve } from './transfer-curve';
import { ZoneMaps, fitZoneMaps, lightness } from './zone-maps';

export interface NaturalOptions {
  /** Lowest gradient correlation of L* with the target's that the fit may cause. Default 0.96. */
  minGradientCorrelation?: number;
  /** Gains of the zone maps are kept within [1/maxGain, maxGain]. Default 4. */
  maxGain?: number;
  /** Number of tonal zones. Default 5. */
  zones?: number;
}

/**
 * `natural` (default), in CIELAB.
 *
 * Colour: tonal-zone Monge–Kantorovich maps (see zone-maps): five soft zones
 * by lightness rank, each a linear optimal-transport map between the two
 * zones' Lab distributions with gains clamped to [1/4, 4] (so near-neutral
 * colours cannot be amplified into a cast); the output chroma (a*, b*) is
 * their zone-weighted blend.
 *
 * Tone: output L* = knee((1 − α)·A_k(L) + α·h(L) + β·c), where h is a
 * regularised histogram match of L*, A_k an affine match, c the zone maps'
 * lightness-from-chroma term, and (k, α, β) the combination closest to the
 * reference's lightness distribution whose gradient correlation on the
 * target's own edges stays ≥ 0.96 (see tone-fit). The target's luminance
 * structure is kept by construction, not by hope.
 *
 * Gamut mapping reduces chroma at constant L* and hue, so the output L* is
 * exactly the fitted one.
 */
export function fitNatural(src: FitImage, ref: FitImage, o: NaturalOptions = {}): ColorTransform {
  const s = labSample(src.rgb);
  const r = labSample(ref.rgb);
  const sL = lightness(s);
  const rL = lightness(r);
  const maps = fitZoneMaps(s, r, { zones: o.zones ?? 5, maxGain: o.maxGain ?? 4 });
  const h = transferCurve(sL, rL, { knots: 17, lowPercent: 0.5, highPercent: 99.5, smoothing: 1, minSlope: 1 / 3, maxSlope: 3 });
  const tone = fitToneCurve(
    { src: sL, ref: rL, histogramMatch: h, coupling: couplingOf(s, maps), edges: edgesOf(src, maps) },
    { minGradientCorrelation: o.minGradientCorrelation ?? 0.96 },
  );
  const knee = kneeFunction(100);
  const beta = tone.beta;
  return (rgb) => {
    const lab = srgbToLabBuffer(rgb);
    const out = [0, 0, 0];
    for (let i = 0; i < lab.length; i += 3) {
      maps.evaluate(lab[i], lab[i + 1], lab[i + 2], out);
      const L = beta === 0 ? evalCurve(tone.curve, lab[i]) : knee(evalCurve(tone.curve, lab[i]) + beta * out[2]);
      labToSrgbGamut(L, out[0], out[1], rgb, i);
    }
  };
}

function couplingOf(lab: Float32Array, maps: ZoneMaps): Float64Array {
  const c = new Float64Array(lab.length / 3);
  const m = [0, 0, 0];
  for (let i = 0; i < c.length; i++) {
    maps.evaluate(lab[i * 3], lab[i * 3 + 1], lab[i * 3 + 2], m);
    c[i] = m[2];
  }
  return c;
}

/** Lightness and coupling at both ends of the target's sampled edge pairs. */
export function edgesOf(src: FitImage, maps: ZoneMaps | null): { L: Float64Array; coupling: Float64Array | null } | null {
  const pairs = neighbourPairs(src.width, src.height);
  if (!pairs || src.width! * src.height! * 3 !== src.rgb.length) return null;
  const lab = labAt(src.rgb, pairs);
  return { L: lightness(lab), coupling: maps ? couplingOf(lab, maps) : null };
}

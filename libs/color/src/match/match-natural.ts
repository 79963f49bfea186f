import { ColorTransform } from '../lut/color-transform';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { FitImage, labAt, labSample } from './fit-image';
import { labToSrgbGamut } from './lab-gamut';
import { fitToneCurve, kneeFunction, neighbourPairs } from './tone-fit';
import { evalCurve, transferCurve } from './transfer-curve';
import { ZoneMaps, fitZoneMaps, lightness } from './zone-maps';
import { fitChromaIdt } from './chroma-idt';

export interface NaturalOptions {
  /** Lowest gradient correlation of L* with the target's that the fit may cause. Default 0.96. */
  minGradientCorrelation?: number;
  /** Gains of the zone maps are kept within [1/maxGain, maxGain]. Default 12. */
  maxGain?: number;
  /** Number of tonal zones. Default 6. */
  zones?: number;
  /** Slope bound of the lightness histogram match (and 1/bound the lower one). Default 6. */
  toneMaxSlope?: number;
  /** Iterations of chroma-plane distribution transfer after the zone maps (L* untouched). Default 0. */
  chromaIterations?: number;
  /** Slope bound of each chroma step. Default 2. */
  chromaMaxSlope?: number;
  /** Smoothing of each chroma step, in knots. Default 2. */
  chromaSmoothing?: number;
}

/**
 * `natural` (default), in CIELAB.
 *
 * Colour: tonal-zone Monge–Kantorovich maps (see zone-maps): six soft zones
 * by lightness rank, each a linear optimal-transport map between the two
 * zones' Lab distributions with gains clamped to [1/12, 12] (bounded, so a
 * near-neutral zone is not amplified without limit — plain MKL's gains are
 * unbounded); the output chroma (a*, b*) is their zone-weighted blend.
 *
 * Tone: output L* = knee((1 − α)·A_k(L) + α·h(L) + β·c), where h is a
 * regularised histogram match of L* (slopes in [1/6, 6]), A_k an affine match, c the zone maps'
 * lightness-from-chroma term, and (k, α, β) the combination closest to the
 * reference's lightness distribution whose gradient correlation on the
 * target's own edges stays ≥ 0.96 (see tone-fit). The target's luminance
 * structure is kept by construction, not by hope.
 *
 * Optionally (`chromaIterations`, default 0) a few chroma-plane distribution
 * transfer steps follow the zone maps: closer to the reference's colours at
 * no cost to L* structure, but their curves raise the banding index (see the
 * README's measurements).
 *
 * Gamut mapping reduces chroma at constant L* and hue, so the output L* is
 * exactly the fitted one.
 */
export function fitNatural(src: FitImage, ref: FitImage, o: NaturalOptions = {}): ColorTransform {
  const s = labSample(src.rgb);
  const r = labSample(ref.rgb);
  const sL = lightness(s);
  const rL = lightness(r);
  const maps = fitZoneMaps(s, r, { zones: o.zones ?? 6, maxGain: o.maxGain ?? 12 });
  const toneMaxSlope = o.toneMaxSlope ?? 6;
  const h = transferCurve(sL, rL, { knots: 17, lowPercent: 0.5, highPercent: 99.5, smoothing: 1, minSlope: 1 / toneMaxSlope, maxSlope: toneMaxSlope });
  const tone = fitToneCurve(
    { src: sL, ref: rL, histogramMatch: h, coupling: couplingOf(s, maps), edges: edgesOf(src, maps) },
    { minGradientCorrelation: o.minGradientCorrelation ?? 0.96 },
  );
  const knee = kneeFunction(100);
  const beta = tone.beta;
  const mapLab = (lab: Float32Array): void => {
    const out = [0, 0, 0];
    for (let i = 0; i < lab.length; i += 3) {
      maps.evaluate(lab[i], lab[i + 1], lab[i + 2], out);
      lab[i] = beta === 0 ? evalCurve(tone.curve, lab[i]) : knee(evalCurve(tone.curve, lab[i]) + beta * out[2]);
      lab[i + 1] = out[0];
      lab[i + 2] = out[1];
    }
  };
  const iterations = o.chromaIterations ?? 0;
  let chroma: ((lab: Float32Array) => void) | null = null;
  if (iterations > 0) {
    const x = s.slice();
    mapLab(x);
    chroma = fitChromaIdt(x, r, { iterations, maxSlope: o.chromaMaxSlope ?? 2, smoothing: o.chromaSmoothing ?? 2, knots: 32 });
  }
  return (rgb) => {
    const lab = srgbToLabBuffer(rgb);
    mapLab(lab);
    if (chroma) chroma(lab);
    for (let i = 0; i < lab.length; i += 3) labToSrgbGamut(lab[i], lab[i + 1], lab[i + 2], rgb, i);
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

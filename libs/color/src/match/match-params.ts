import { DEFAULT_LUT_SIZE, assertLutSize } from '../lut/lut3d';

/** The four matching methods of POST /match (see README for their maths). */
export type MatchMethod = 'natural' | 'direct' | 'smooth' | 'balanced';

export const MATCH_METHODS: readonly MatchMethod[] = Object.freeze(['natural', 'direct', 'smooth', 'balanced']);
export const DEFAULT_MATCH_METHOD: MatchMethod = 'natural';

/**
 * MatchParams (the API's `params`, camelCased). Every field is optional.
 * Booleans are accepted for the two `preserve*` fields (true = 1).
 */
export interface MatchParams {
  /** 0–1: how far to move toward the reference; 0 = unchanged, 1 = full match. Default 1. */
  strength?: number;
  /** 0–1: share of the reference's tonal distribution taken; 0 keeps the target's lightness. Default 1. */
  luminanceTransfer?: number;
  /** 0–2: chroma multiplier applied to the matched result; 1 = as matched. Default 1. */
  saturation?: number;
  /** −1..1: S-curve contrast applied to the matched lightness; 0 = as matched. Default 0. */
  contrast?: number;
  /** 0–1 (or boolean): keep skin tones close to the target's own. Default 0. */
  preserveSkinTones?: number | boolean;
  /** 0–1 (or boolean): keep near-neutral colours neutral (no cast on greys). Default 0. */
  preserveNeutrals?: number | boolean;
  /** LUT grid size 2–129 (17, 33 and 65 are the listed sizes). Default 33. */
  lutSize?: number;
  /** Seed of any randomised step (smooth's rotations). Default 42. */
  seed?: number;
}

export type ResolvedMatchParams = Required<{ [K in keyof MatchParams]: Exclude<MatchParams[K], boolean> }>;

export const MATCH_PARAM_RANGES: Readonly<Record<Exclude<keyof MatchParams, 'seed'>, readonly [number, number]>> = Object.freeze({
  strength: [0, 1],
  luminanceTransfer: [0, 1],
  saturation: [0, 2],
  contrast: [-1, 1],
  preserveSkinTones: [0, 1],
  preserveNeutrals: [0, 1],
  lutSize: [2, 129],
});

/** The value each MatchParams field takes when left out (the API documents the same defaults from here). */
export const MATCH_PARAM_DEFAULTS: Readonly<ResolvedMatchParams> = Object.freeze({
  strength: 1,
  luminanceTransfer: 1,
  saturation: 1,
  contrast: 0,
  preserveSkinTones: 0,
  preserveNeutrals: 0,
  lutSize: DEFAULT_LUT_SIZE,
  seed: 42,
});

/** Fill defaults and validate; throws RangeError naming the field. */
export function resolveMatchParams(method: MatchMethod, params: MatchParams = {}): ResolvedMatchParams {
  if (!MATCH_METHODS.includes(method)) throw new RangeError(`method must be one of ${MATCH_METHODS.join(', ')} (got '${method}')`);
  const num = (v: number | boolean | undefined, d: number): number => (v === undefined ? d : typeof v === 'boolean' ? (v ? 1 : 0) : v);
  const d = MATCH_PARAM_DEFAULTS;
  const r: ResolvedMatchParams = {
    strength: num(params.strength, d.strength),
    luminanceTransfer: num(params.luminanceTransfer, d.luminanceTransfer),
    saturation: num(params.saturation, d.saturation),
    contrast: num(params.contrast, d.contrast),
    preserveSkinTones: num(params.preserveSkinTones, d.preserveSkinTones),
    preserveNeutrals: num(params.preserveNeutrals, d.preserveNeutrals),
    lutSize: num(params.lutSize, d.lutSize),
    seed: num(params.seed, d.seed),
  };
  for (const [key, [lo, hi]] of Object.entries(MATCH_PARAM_RANGES)) {
    const v = r[key as keyof ResolvedMatchParams];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
      throw new RangeError(`params.${key} must be a number in ${lo}..${hi} (got ${String(v)})`);
    }
  }
  assertLutSize(r.lutSize);
  if (!Number.isInteger(r.seed)) throw new RangeError('params.seed must be an integer');
  return r;
}

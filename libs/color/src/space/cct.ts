/**
 * Correlated colour temperature and tint (Duv) of a chromaticity, and the
 * inverse. The Planckian locus is Krystek's (1985) rational approximation in
 * CIE 1960 (u, v), accurate to < 1e-4 in uv over 1000–15000 K; CCT is the
 * locus point nearest in uv (the CIE definition), found by a coarse scan in
 * mired then golden-section refinement. Duv > 0 means above the locus
 * (greenish), < 0 below (magenta), as in ANSI C78.377.
 */
export const CCT_MIN = 1000;
export const CCT_MAX = 20000;

export function planckianUv(T: number): [number, number] {
  const u = (0.860117757 + 1.54118254e-4 * T + 1.28641212e-7 * T * T) / (1 + 8.42420235e-4 * T + 7.08145163e-7 * T * T);
  const v = (0.317398726 + 4.22806245e-5 * T + 4.20481691e-8 * T * T) / (1 - 2.89741816e-5 * T + 1.61456053e-7 * T * T);
  return [u, v];
}

export function xyToUv(x: number, y: number): [number, number] {
  const d = -2 * x + 12 * y + 3;
  return [(4 * x) / d, (6 * y) / d];
}

export function uvToXy(u: number, v: number): [number, number] {
  const d = 2 * u - 8 * v + 4;
  return [(3 * u) / d, (2 * v) / d];
}

export interface CctResult {
  /** Correlated colour temperature in kelvin, clamped to [CCT_MIN, CCT_MAX]. */
  cct: number;
  /** Signed distance from the Planckian locus in (u, v); > 0 is greenish. */
  duv: number;
}

export function xyToCct(x: number, y: number): CctResult {
  const [u, v] = xyToUv(x, y);
  const dist2 = (mired: number): number => {
    const [pu, pv] = planckianUv(1e6 / mired);
    return (pu - u) * (pu - u) + (pv - v) * (pv - v);
  };
  const lo = 1e6 / CCT_MAX;
  const hi = 1e6 / CCT_MIN;
  let best = lo;
  let bestD = Infinity;
  const steps = 400;
  for (let i = 0; i <= steps; i++) {
    const m = lo + ((hi - lo) * i) / steps;
    const d = dist2(m);
    if (d < bestD) {
      bestD = d;
      best = m;
    }
  }
  const step = (hi - lo) / steps;
  let a = Math.max(lo, best - step);
  let b = Math.min(hi, best + step);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (dist2(c) < dist2(d)) b = d;
    else a = c;
  }
  const mired = (a + b) / 2;
  const T = 1e6 / mired;
  const [pu, pv] = planckianUv(T);
  const duv = Math.sign(v - pv) * Math.hypot(u - pu, v - pv);
  return { cct: T, duv };
}

/** Chromaticity (x, y) at temperature T offset by `duv` along the locus normal. */
export function cctToXy(T: number, duv = 0): [number, number] {
  const t = Math.min(CCT_MAX, Math.max(CCT_MIN, T));
  const [u0, v0] = planckianUv(t);
  if (duv === 0) return uvToXy(u0, v0);
  const h = t * 1e-4;
  const [u1, v1] = planckianUv(t + h);
  const [u2, v2] = planckianUv(t - h);
  const du = u1 - u2;
  const dv = v1 - v2;
  const len = Math.hypot(du, dv);
  // Normal pointing to +v ("above" the locus): rotate the tangent by ±90°.
  let nu = -dv / len;
  let nv = du / len;
  if (nv < 0) {
    nu = -nu;
    nv = -nv;
  }
  return uvToXy(u0 + duv * nu, v0 + duv * nv);
}

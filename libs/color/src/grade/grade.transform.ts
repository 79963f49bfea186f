import { ColorGradeValues, CurvePoint, WheelValue } from './grade-values.model';
import { buildColorStage } from './color-stage.math';
import { fadeCoefficients } from './fade.math';
import { isIdentityCurve, monotoneCurve } from './monotone-curve.math';
import { buildToneMap } from './tone-map.math';
import { temperatureTintMatrix } from './white-balance-shift.math';
import { ColorTransform, identityTransform } from '../lut/color-transform';
import { oklabToSrgbGamut } from '../match/oklab-gamut';
import { linearSrgbToOklab } from '../space/oklab';
import { linearToSrgbFast as linearToSrgb, srgbToLinearFast as srgbToLinear } from '../space/srgb';
import { LUMA_B, LUMA_G, LUMA_R } from '../space/xyz';

/**
 * The grade as one ColorTransform (pure per triple, so `bakeLut` turns it
 * into the LUT that the image apply, `.cube` export and ffmpeg share).
 * Each control runs in the space where its maths makes sense, in this order:
 *
 *   sRGB-encoded in → linear light (table-driven transfer functions, error < 1e-7)
 *   1. exposure      linear × 2^EV (a true stop: +1 EV doubles linear light)
 *   2. temperature/tint  CAT16 adaptation matrix in linear light (white-balance-shift.math.ts)
 *   3. tone          contrast/highlights/shadows/whites/blacks: a tone map f on the
 *                    ENCODED luminance e = enc(Y) (tone-map.math.ts), applied so hue is
 *                    kept: with Y' = dec(f(e)), k = (Y' + δ)/(Y + δ), δ = 1e-4,
 *                    rgb' = k·rgb + (Y' − k·Y)  (luminance is exactly Y'; chromaticity kept
 *                    except in the deepest blacks, where δ blends toward a grey lift), and
 *                    a result outside [0, 1] is desaturated toward Y' instead of clipped.
 *   4. colour        HSL mixer, vibrance, saturation, split toning in Oklab
 *                    (color-stage.math.ts), back to sRGB with chroma-reducing gamut mapping
 *   → sRGB-encoded
 *   5. lift/gamma/gain  per channel: y = (x·gain + lift·(1 − x))^(2^−gamma)
 *   6. tone curves   master then red/green/blue, Fritsch–Carlson monotone cubics
 *   7. fade          y = 0.25f + x·(1 − 0.30f), f = fade/100 (fade.math.ts)
 *
 * Every stage whose controls are neutral is skipped, so neutral values (or
 * intensity 0) give the identity bit-exactly.
 *
 * INTENSITY interpolates the VALUES, not the output: every control moves
 * from neutral toward its value (x_t = neutral + t·(x − neutral); tone curves
 * as f_t(x) = x + t·(f(x) − x), which stays monotone; hues and split-toning
 * balance are kept, only amounts scale). A half-strength grade is then a
 * milder grade of the same kind — a cross-fade of outputs would instead mix
 * two renditions (e.g. a half-desaturated B&W preset keeps its split-tone hue
 * at full strength on half-grey colours) and is not expressible as values.
 * `intensity` must be within 0..1.
 */
export function gradeTransform(values: ColorGradeValues, intensity = 1): ColorTransform {
  if (!(intensity >= 0 && intensity <= 1)) throw new RangeError(`intensity must be within 0..1 (got ${intensity})`);
  if (intensity === 0) return identityTransform;
  const t = intensity;
  const s = (x: number): number => x * t;

  const exposure = Math.pow(2, s(values.exposure));
  const wb = values.temperature !== 0 || values.tint !== 0 ? temperatureTintMatrix(s(values.temperature), s(values.tint)) : null;
  const tone = buildToneMap({
    contrast: s(values.contrast),
    highlights: s(values.highlights),
    shadows: s(values.shadows),
    whites: s(values.whites),
    blacks: s(values.blacks),
  });
  const hsl = {} as ColorGradeValues['hsl'];
  for (const [band, v] of Object.entries(values.hsl) as [keyof ColorGradeValues['hsl'], ColorGradeValues['hsl']['red']][]) {
    hsl[band] = { hue: s(v.hue), saturation: s(v.saturation), luminance: s(v.luminance) };
  }
  const st = values.splitToning;
  const color = buildColorStage({
    vibrance: s(values.vibrance),
    saturation: s(values.saturation),
    hsl,
    splitToning: { ...st, highlightSaturation: s(st.highlightSaturation), shadowSaturation: s(st.shadowSaturation) },
  });
  const lgg = buildLiftGammaGain(values.liftGammaGain, t);
  const master = curveFn(values.toneCurve.master, t);
  const channelCurves = [curveFn(values.toneCurve.red, t), curveFn(values.toneCurve.green, t), curveFn(values.toneCurve.blue, t)];
  const [fadeOffset, fadeScale] = fadeCoefficients(s(values.fade));
  const fadeActive = values.fade !== 0;

  const linearStage = exposure !== 1 || wb !== null || tone !== null || color !== null;
  const displayStage = lgg !== null || master !== null || channelCurves.some((c) => c !== null) || fadeActive;
  if (!linearStage && !displayStage) return identityTransform;

  const lab = new Float64Array(3);
  const enc = new Float32Array(3);
  return (rgb) => {
    for (let i = 0; i < rgb.length; i += 3) {
      let r = rgb[i];
      let g = rgb[i + 1];
      let b = rgb[i + 2];
      if (linearStage) {
        r = srgbToLinear(r) * exposure;
        g = srgbToLinear(g) * exposure;
        b = srgbToLinear(b) * exposure;
        if (wb) {
          const r2 = wb[0] * r + wb[1] * g + wb[2] * b;
          const g2 = wb[3] * r + wb[4] * g + wb[5] * b;
          b = wb[6] * r + wb[7] * g + wb[8] * b;
          r = r2;
          g = g2;
        }
        if (tone) {
          const Y = LUMA_R * r + LUMA_G * g + LUMA_B * b;
          const Y2 = srgbToLinear(tone(linearToSrgb(Y)));
          const k = (Y2 + 1e-4) / (Math.max(Y, 0) + 1e-4);
          const add = Y2 - k * Y;
          r = k * r + add;
          g = k * g + add;
          b = k * b + add;
          const hi = Math.max(r, g, b);
          const lo = Math.min(r, g, b);
          if (hi > 1) {
            const f = Y2 < 1 ? (1 - Y2) / (hi - Y2) : 0;
            r = Y2 + (r - Y2) * f;
            g = Y2 + (g - Y2) * f;
            b = Y2 + (b - Y2) * f;
          } else if (lo < 0) {
            const f = Y2 > 0 ? Y2 / (Y2 - lo) : 0;
            r = Y2 + (r - Y2) * f;
            g = Y2 + (g - Y2) * f;
            b = Y2 + (b - Y2) * f;
          }
        }
        if (color) {
          const ok = linearSrgbToOklab(r, g, b);
          lab[0] = ok[0];
          lab[1] = ok[1];
          lab[2] = ok[2];
          color(lab);
          oklabToSrgbGamut(lab[0], lab[1], lab[2], enc, 0);
          r = enc[0];
          g = enc[1];
          b = enc[2];
        } else {
          r = linearToSrgb(r);
          g = linearToSrgb(g);
          b = linearToSrgb(b);
        }
      }
      if (displayStage) {
        if (lgg) {
          r = lgg(r, 0);
          g = lgg(g, 1);
          b = lgg(b, 2);
        }
        if (master) {
          r = master(r);
          g = master(g);
          b = master(b);
        }
        if (channelCurves[0]) r = channelCurves[0](r);
        if (channelCurves[1]) g = channelCurves[1](g);
        if (channelCurves[2]) b = channelCurves[2](b);
        if (fadeActive) {
          r = fadeOffset + r * fadeScale;
          g = fadeOffset + g * fadeScale;
          b = fadeOffset + b * fadeScale;
        }
      }
      rgb[i] = r;
      rgb[i + 1] = g;
      rgb[i + 2] = b;
    }
  };
}

/** A tone curve at strength t, f_t(x) = x + t·(f(x) − x); null for the identity. */
function curveFn(points: readonly CurvePoint[], t: number): ((x: number) => number) | null {
  if (isIdentityCurve(points)) return null;
  const f = monotoneCurve(points);
  return t === 1 ? f : (x) => x + t * (f(x) - x);
}

/** Per-channel lift/gamma/gain at strength t; null when neutral. */
function buildLiftGammaGain(
  v: { lift: WheelValue; gamma: WheelValue; gain: WheelValue },
  t: number,
): ((x: number, channel: number) => number) | null {
  const chans = ['red', 'green', 'blue'] as const;
  const lift = chans.map((c) => t * (v.lift.master + v.lift[c]));
  const gamma = chans.map((c) => Math.pow(2, -t * (v.gamma.master + v.gamma[c])));
  const gain = chans.map((c) => 1 + t * (v.gain.master * v.gain[c] - 1));
  if (lift.every((x) => x === 0) && gamma.every((x) => x === 1) && gain.every((x) => x === 1)) return null;
  return (x, c) => {
    const y = x * gain[c] + lift[c] * (1 - x);
    if (gamma[c] === 1) return y;
    return y >= 0 ? Math.pow(y, gamma[c]) : -Math.pow(-y, gamma[c]);
  };
}

import type { BuiltGraph } from '../../media/models/model-runtime.service';
import { OnnxGraphBuilder } from '../../media/models/onnx-graph.builder';
import { BINOMIAL_5 } from './band-statistics';
import { LUMA_WEIGHTS } from './style-planes';

/** Band levels of the graph's Laplacian pyramid (the base is 1/32 of the working size). */
export const STYLE_LEVELS = 5;
/** How far one band's contrast may be scaled: wider and a soft style would blur the content away, or a grainy one bury it. */
export const STYLE_GAIN_RANGE: readonly [number, number] = [1 / 3, 3];
/** The finest bands the grain is added to (the style's noise spectrum lives there). */
export const GRAIN_LEVELS = 2;

/** The least share of a grain band's energy taken as texture (the rest may be noise floor); see the graph's step 3. */
export const TEXTURE_FLOOR = 0.25;

/** The graph's feed and output names (one place: the service feeds these). */
export const STYLE_GRAPH_IO = {
  content: 'content',
  style: 'style',
  noise: 'noise',
  strength: 'strength',
  output: 'output',
  gains: 'gains',
  grain: 'grain',
} as const;

/**
 * The built-in style transfer as an ONNX graph, built once and run by ModelRuntime on
 * the configured provider. Dynamic H×W (content, noise) and h×w (style): one session
 * serves every size.
 *
 * Inputs: `content` [1,3,H,W] 0–1 (already colour-matched to the style), `style`
 * [1,3,h,w] 0–1, `noise` [1,1,H,W] white N(0,1) from the seed, `strength` [1] 0–1.
 * Maths, on the luma Y of each (Rec. 709 weights, encoded values):
 * 1. Laplacian pyramids: gₖ₊₁ = ↓2(B ∗ gₖ), Lₖ = gₖ − ↑2(gₖ₊₁), B the 5×5 binomial,
 *    edge-padded; ↑2 linear.
 * 2. Per band, the gain aₖ = clip(rms(Lₖˢᵗʸˡᵉ) / rms(Lₖᶜᵒⁿᵗᵉⁿᵗ), ⅓, 3) blended with the
 *    strength: a′ₖ = 1 + s·(aₖ − 1) — the style's contrast at every scale.
 * 3. Grain in the finest two bands: the band energy of flat regions (each pixel weighted
 *    by exp(−A/mean A), A the blurred energy of the next coarser band) is the noise floor,
 *    of style nₖ² and of content cₖ²; there the gain matches texture only,
 *    aₖ = clip(√(Tₖˢ / Tₖᶜ), ⅓, 3) with T = max(E − n², E/4), E the band's mean energy, and the
 *    grain brings the noise floor to the style's: σₖ = √max(0, s·nₖ² − a′ₖ²·cₖ²).
 *    The noise is split into the same pyramid bands, so its spectrum per band is the
 *    kernel's, normalised to unit rms and scaled by σₖ.
 * 4. Y′ = reconstruction of (a′ₖ·Lₖ + σₖ·Nₖ) on the content's base; the output is
 *    clip(RGB + (Y′ − Y), 0, 1): contrast and grain change luma only, colour stays the
 *    colour match's.
 * Outputs: `output` [1,3,H,W], `gains` [5,1,1,1] (a′ₖ) and `grain` [2,1,1,1] (σₖ).
 */
export function buildStyleTransferGraph(): Uint8Array {
  const g = new OnnxGraphBuilder('gradekit-style-transfer');
  const io = STYLE_GRAPH_IO;
  const content = g.input(io.content, [1, 3, 'H', 'W']);
  const style = g.input(io.style, [1, 3, 'h', 'w']);
  const noise = g.input(io.noise, [1, 1, 'H', 'W']);
  const strength = g.input(io.strength, [1]);

  const kernel = g.constant(
    BINOMIAL_5.flatMap((a) => BINOMIAL_5.map((b) => a * b)),
    [1, 1, 5, 5],
  );
  const pads = g.int64([0, 0, 2, 2, 0, 0, 2, 2]);
  const upScales = g.constant([1, 1, 2, 2], [4]);
  const zeros2 = g.int64([0, 0]);
  const axesHW = g.int64([2, 3]);
  const eps = g.constant([1e-8], []);
  const tiny = g.constant([1e-10], []);
  const floor = g.constant([TEXTURE_FLOOR], []);
  const one = g.constant([1], []);
  const zero = g.constant([0], []);
  const lo = g.constant([STYLE_GAIN_RANGE[0]], []);
  const hi = g.constant([STYLE_GAIN_RANGE[1]], []);
  const luma = g.constant([...LUMA_WEIGHTS], [1, 3, 1, 1]);

  const padded = (x: string) => g.op('Pad', [x, pads], { mode: 'edge' });
  const blur = (x: string) => g.op('Conv', [padded(x), kernel], { kernel_shape: [5, 5] });
  const down = (x: string) => g.op('Conv', [padded(x), kernel], { kernel_shape: [5, 5], strides: [2, 2] });
  // ↑2 by linear interpolation at exact half positions (asymmetric), cut to the finer level's size (odd sizes).
  const up = (x: string, like: string) => {
    const doubled = g.op('Resize', [x, '', upScales], { mode: 'linear', coordinate_transformation_mode: 'asymmetric' });
    return g.op('Slice', [doubled, zeros2, g.op('Shape', [like], { start: 2 }), axesHW]);
  };
  const mean = (x: string) => g.op('ReduceMean', [x], { keepdims: 1 });
  const square = (x: string) => g.op('Mul', [x, x]);
  const rms = (x: string) => g.op('Sqrt', [mean(square(x))]);
  const lumaOf = (rgb: string) => g.op('Conv', [rgb, luma], { kernel_shape: [1, 1] });

  const pyramid = (y: string, levels: number) => {
    const gauss = [y];
    const bands: string[] = [];
    for (let k = 0; k < levels; k++) {
      gauss.push(down(gauss[k]));
      bands.push(g.op('Sub', [gauss[k], up(gauss[k + 1], gauss[k])]));
    }
    return { gauss, bands };
  };
  /** Mean band energy of flat regions: weights fall off where the next coarser band is busy. */
  const flatEnergy = (band: string, coarser: string, level: string) => {
    const activity = up(blur(square(coarser)), level);
    const weight = g.op('Exp', [g.op('Neg', [g.op('Div', [activity, g.op('Add', [mean(activity), eps])])])]);
    return g.op('Div', [mean(g.op('Mul', [weight, square(band)])), g.op('Add', [mean(weight), eps])]);
  };

  const y = lumaOf(content);
  const c = pyramid(y, STYLE_LEVELS);
  const s = pyramid(lumaOf(style), STYLE_LEVELS);
  const n = pyramid(noise, GRAIN_LEVELS);

  const gains: string[] = [];
  const grains: string[] = [];
  const shaped: string[] = [];
  for (let k = 0; k < STYLE_LEVELS; k++) {
    const grainy = k < GRAIN_LEVELS;
    const styleFlat = grainy ? flatEnergy(s.bands[k], s.bands[k + 1], s.gauss[k]) : '';
    const contentFlat = grainy ? flatEnergy(c.bands[k], c.bands[k + 1], c.gauss[k]) : '';
    // In the grain bands, the gain matches texture alone (band energy less the noise floor), so grain and texture add up to the style's energy.
    // Floored at TEXTURE_FLOOR of the band's energy: a fine pattern that fills the frame (a checkerboard, foliage) also reads as "flat".
    const texture = (band: string, flat: string) => {
      const energy = mean(square(band));
      return g.op('Add', [g.op('Max', [g.op('Sub', [energy, flat]), g.op('Mul', [energy, floor])]), tiny]);
    };
    const ratio = grainy
      ? g.op('Sqrt', [g.op('Div', [texture(s.bands[k], styleFlat), texture(c.bands[k], contentFlat)])])
      : g.op('Div', [rms(s.bands[k]), g.op('Add', [rms(c.bands[k]), eps])]);
    const gain = g.op('Add', [one, g.op('Mul', [strength, g.op('Sub', [g.op('Clip', [ratio, lo, hi]), one])])]);
    gains.push(gain);
    let band = g.op('Mul', [gain, c.bands[k]]);
    if (grainy) {
      const deficit = g.op('Sub', [g.op('Mul', [strength, styleFlat]), g.op('Mul', [square(gain), contentFlat])]);
      const sigma = g.op('Sqrt', [g.op('Max', [deficit, zero])]);
      grains.push(sigma);
      const unit = g.op('Div', [n.bands[k], g.op('Add', [rms(n.bands[k]), eps])]);
      band = g.op('Add', [band, g.op('Mul', [sigma, unit])]);
    }
    shaped.push(band);
  }
  let rebuilt = c.gauss[STYLE_LEVELS];
  for (let k = STYLE_LEVELS - 1; k >= 0; k--) rebuilt = g.op('Add', [shaped[k], up(rebuilt, c.gauss[k])]);
  const out = g.op('Clip', [g.op('Add', [content, g.op('Sub', [rebuilt, y])]), zero, one]);
  g.output(out, io.output, [1, 3, 'H', 'W']);
  g.output(g.op('Concat', gains, { axis: 0 }), io.gains, [STYLE_LEVELS, 1, 1, 1]);
  g.output(g.op('Concat', grains, { axis: 0 }), io.grain, [GRAIN_LEVELS, 1, 1, 1]);
  return g.build();
}

/** The graph as ModelRuntime caches it: bump the key's version whenever the maths changes. */
export const STYLE_TRANSFER_GRAPH: BuiltGraph = { key: 'builtin-style-transfer-v2', build: buildStyleTransferGraph };

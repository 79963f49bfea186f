import { ColorTransform } from '../lut/color-transform';
import { labToSrgbBuffer, srgbToLabBuffer } from '../space/convert-buffer';
import { subsample } from '../metrics/sliced-wasserstein';
import { FitImage, labSample } from './fit-image';
import { fitIdt3d } from './idt-3d';
import { labToSrgbGamut } from './lab-gamut';
import { applyAffine3, fitMkl } from './mkl';

export interface DirectOptions {
  seed?: number;
  /** IDT refinement iterations after the linear transfer. Default 12. */
  iterations?: number;
}

/**
 * `direct`: full distribution transfer, Pitié's recipe.
 *  1. The linear Monge–Kantorovich transfer (Pitié & Kokaram 2007) in sRGB:
 *     x ↦ T(x − μs) + μr, T = Σs^{-1/2}(Σs^{1/2} Σr Σs^{1/2})^{1/2} Σs^{-1/2} —
 *     the optimal-transport map between the Gaussian fits, matching mean and
 *     full covariance with the least displacement.
 *  2. A few iterations of N-dimensional PDF transfer (Pitié 2005) in CIELAB
 *     on top, moving the result from the reference's moments to its full
 *     distribution (smooth, slope-bounded 1-D steps).
 * Strongest of the methods: structure is not protected.
 */
export function fitDirect(src: FitImage, ref: FitImage, o: DirectOptions = {}): ColorTransform {
  const mkl = fitMkl(src.rgb, ref.rgb, 1e-6);
  const linear = (rgb: Float32Array): Float32Array => {
    applyAffine3(mkl, rgb);
    for (let i = 0; i < rgb.length; i++) rgb[i] = rgb[i] > 0 ? (rgb[i] < 1 ? rgb[i] : 1) : 0;
    return rgb;
  };
  const x = srgbToLabBuffer(linear(subsample(src.rgb, 8192).slice()));
  const refine = fitIdt3d(x, labSample(ref.rgb, 8192), { seed: o.seed, iterations: o.iterations ?? 12 });
  return (rgb) => {
    const lab = srgbToLabBuffer(linear(rgb));
    refine(lab);
    for (let i = 0; i < lab.length; i += 3) labToSrgbGamut(lab[i], lab[i + 1], lab[i + 2], rgb, i);
  };
}

/** Re-exported for symmetry with the other methods' spaces. */
export const DIRECT_SPACE = { toLab: srgbToLabBuffer, fromLab: labToSrgbBuffer };

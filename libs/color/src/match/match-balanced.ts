import { ColorTransform } from '../lut/color-transform';
import { srgbToLabBuffer } from '../space/convert-buffer';
import { FitImage } from './fit-image';
import { labToSrgbGamut } from './lab-gamut';
import { fitNatural } from './match-natural';
import { fitSmooth } from './match-smooth';

/**
 * `balanced`: the displacement midpoint of `natural` and `smooth` in CIELAB —
 * each colour goes to the average of where the two maps send it:
 *   B(x) = (1 − t)·N(x) + t·S(x),  t = 0.5.
 * Both maps are monotone in lightness, so their average is too; on the
 * distance/structure plane the result lies between the two methods.
 */
export function fitBalanced(src: FitImage, ref: FitImage, options: { seed?: number; t?: number } = {}): ColorTransform {
  const t = options.t ?? 0.5;
  const natural = fitNatural(src, ref);
  const smooth = fitSmooth(src, ref, { seed: options.seed });
  return (rgb) => {
    const a = rgb.slice();
    natural(rgb);
    smooth(a);
    const la = srgbToLabBuffer(rgb);
    const lb = srgbToLabBuffer(a);
    for (let i = 0; i < la.length; i += 3) {
      labToSrgbGamut(la[i] + t * (lb[i] - la[i]), la[i + 1] + t * (lb[i + 1] - la[i + 1]), la[i + 2] + t * (lb[i + 2] - la[i + 2]), rgb, i);
    }
  };
}

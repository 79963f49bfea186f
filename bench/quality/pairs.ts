import { RgbImage, linearToSrgb, srgbToLinear } from '@gradekit/color';
import { PhotoName } from '../common/photos';

/**
 * The harness's photo pairs: the target is recoloured to match the reference.
 * "Hard" pairs have strong synthetic casts or very different scenes.
 */
export interface Pair {
  id: string;
  target: PhotoName;
  reference: PhotoName;
  /** Linear-light gains applied to the target first (a synthetic colour cast). */
  cast?: [number, number, number];
  hard: boolean;
}

export const PAIRS: Pair[] = [
  { id: 'moto_left→right', target: 'motorcycle_left', reference: 'motorcycle_right', hard: false },
  { id: 'coffee→chelsea', target: 'coffee', reference: 'chelsea', hard: false },
  { id: 'astronaut→rocket', target: 'astronaut', reference: 'rocket', hard: false },
  { id: 'chelsea→coffee', target: 'chelsea', reference: 'coffee', hard: false },
  { id: 'astronaut(blue cast)→chelsea', target: 'astronaut', reference: 'chelsea', cast: [0.55, 0.8, 1.5], hard: true },
  { id: 'coffee(green cast)→moto_left', target: 'coffee', reference: 'motorcycle_left', cast: [0.7, 1.3, 0.6], hard: true },
  { id: 'rocket→retina', target: 'rocket', reference: 'retina', hard: true },
  { id: 'retina→astronaut', target: 'retina', reference: 'astronaut', hard: true },
  { id: 'hubble→coffee', target: 'hubble_deep_field', reference: 'coffee', hard: true },
  { id: 'moto_right(warm cast)→rocket', target: 'motorcycle_right', reference: 'rocket', cast: [1.45, 1.0, 0.55], hard: true },
];


/** A von Kries cast: multiply linear RGB by the gains (as a coloured light would). */
export function castOf(image: RgbImage, gains: readonly number[]): RgbImage {
  const data = image.data.slice();
  for (let i = 0; i < data.length; i += 3) {
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(Math.min(1, linearToSrgb(srgbToLinear(image.data[i + c] / 255) * gains[c])) * 255);
  }
  return { ...image, data };
}

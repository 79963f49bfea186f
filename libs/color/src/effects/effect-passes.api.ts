import { applyEffects } from './apply-effects.pipeline';
import {
  BloomParams,
  ChromaticAberrationParams,
  EffectName,
  EffectsConfig,
  FadeEffectParams,
  GrainParams,
  HalationParams,
  VignetteParams,
} from './effects-config.model';
import { mergeEffects } from './effects-config.validate';
import { RgbImage } from '../image/rgb-image';

/**
 * One effect at a time on an image: each returns a new image (input
 * untouched, depth and alpha kept); missing params take their defaults.
 * `seed` matters for grain only.
 */
function single<K extends EffectName>(name: K) {
  return (image: RgbImage, params: Partial<NonNullable<EffectsConfig[K]>> = {}, seed = 0): RgbImage =>
    applyEffects(image, mergeEffects({}, { [name]: params }), { seed });
}

export const applyGrain: (image: RgbImage, params?: Partial<GrainParams>, seed?: number) => RgbImage = single('grain');
export const applyHalation: (image: RgbImage, params?: Partial<HalationParams>) => RgbImage = single('halation');
export const applyBloom: (image: RgbImage, params?: Partial<BloomParams>) => RgbImage = single('bloom');
export const applyVignette: (image: RgbImage, params?: Partial<VignetteParams>) => RgbImage = single('vignette');
export const applyChromaticAberration: (image: RgbImage, params?: Partial<ChromaticAberrationParams>) => RgbImage = single('chromaticAberration');
export const applyFadeEffect: (image: RgbImage, params?: Partial<FadeEffectParams>) => RgbImage = single('fade');

import { bloomPass } from './bloom.effect';
import { chromaticAberrationPass } from './chromatic-aberration.effect';
import { EffectsConfig, isEffectActive } from './effects-config.model';
import { scaleEffects } from './effects-config.validate';
import { encodePlanes, imageToPlanes, planesToImage } from './effect-planes.util';
import { fadePass } from './fade.effect';
import { grainPass } from './grain.effect';
import { halationPass } from './halation.effect';
import { vignettePass } from './vignette.effect';
import { RgbImage, assertImage, cloneImage } from '../image/rgb-image';

export interface ApplyEffectsOptions {
  /** Seed of every random element (grain). Same seed → same output, on every platform. Default 0. */
  seed?: number;
  /** 0..1: scales every effect's strength (sizes and shapes kept). Default 1. */
  intensity?: number;
}

/**
 * Run the spatial effects on an image (8/16-bit, RGB/RGBA) and return a NEW
 * image of the same depth and channel count; the input is never modified and
 * alpha is copied untouched. `effects` must be valid (validateEffectsConfig).
 *
 * Order — optics first, then the film, then the print:
 *   linear light:   chromatic aberration → vignette → halation → bloom
 *   sRGB-encoded:   fade → grain
 * The image is decoded once and encoded once. With no active effect (all
 * absent, strengths 0, or intensity 0) the result is a bit-exact copy; any
 * effect that is off is skipped, never run at zero.
 */
export function applyEffects(image: RgbImage, effects: EffectsConfig, options: ApplyEffectsOptions = {}): RgbImage {
  assertImage(image);
  const cfg = scaleEffects(effects, options.intensity ?? 1);
  const seed = options.seed ?? 0;
  const on = (name: keyof EffectsConfig) => isEffectActive(cfg, name);
  const linear = on('chromaticAberration') || on('vignette') || on('halation') || on('bloom');
  const encoded = on('fade') || on('grain');
  if (!linear && !encoded) return cloneImage(image);

  const planes = imageToPlanes(image, linear ? 'linear' : 'encoded');
  if (cfg.chromaticAberration && on('chromaticAberration')) chromaticAberrationPass(planes, cfg.chromaticAberration);
  if (cfg.vignette && on('vignette')) vignettePass(planes, cfg.vignette);
  if (cfg.halation && on('halation')) halationPass(planes, cfg.halation);
  if (cfg.bloom && on('bloom')) bloomPass(planes, cfg.bloom);
  encodePlanes(planes);
  if (cfg.fade && on('fade')) fadePass(planes, cfg.fade);
  if (cfg.grain && on('grain')) grainPass(planes, cfg.grain, seed);
  return planesToImage(planes, image);
}

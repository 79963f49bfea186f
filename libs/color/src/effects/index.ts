/**
 * Film and lens effects (spatial passes applied after the colour LUT), the
 * film-effect presets and the cinematic looks. See README.md in this folder
 * for each effect's model. (The per-pass plane functions and blur helpers
 * stay internal to the folder.)
 */
export * from './effects-config.model';
export * from './effects-config.validate';
export * from './apply-effects.pipeline';
export * from './effect-passes.api';
export { grainCellPixels } from './grain.effect';
export { HALATION_TINT } from './halation.effect';
export * from './film-effect-presets.catalog';
export { LOOK_CATEGORIES } from './looks.data';
export type { LookCategory } from './looks.data';
export * from './looks.catalog';

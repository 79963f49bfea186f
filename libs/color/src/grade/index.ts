/**
 * Grading: ColorGradeValues (= PresetParams), their validation and transform,
 * the built-in colour presets and preset extraction from an example image.
 * See README.md in this folder for the maths of every control.
 */
export * from './validation.model';
export * from './grade-values.model';
export * from './grade-values.validate';
export * from './grade-values.merge';
export * from './grade.transform';
export * from './monotone-curve.math';
export * from './fade.math';
export * from './white-balance-shift.math';
export { PRESET_CATEGORIES } from './color-presets.data';
export type { PresetCategory } from './color-presets.data';
export * from './color-presets.catalog';
export * from './preset-from-image.extract';

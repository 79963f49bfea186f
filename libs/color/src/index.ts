/**
 * @gradekit/color — the colour engine: pure TypeScript over typed arrays.
 * Everything public is exported here; see README.md for the maths.
 */
export const COLOR_LIB_VERSION = '0.2.0';

// Seeded randomness (the engine's; test generators draw from it too, so a seed reproduces everywhere)
export { createGaussianRng, createRng } from './util/rng';

// Images
export * from './image/rgb-image';
export * from './image/proxy-of';
export * from './image/image-float';

// Colour spaces
export * from './space/srgb';
export * from './space/xyz';
export * from './space/lab';
export * from './space/oklab';
export * from './space/hsl';
export * from './space/chromatic-adaptation';
export * from './space/cct';
export * from './space/delta-e';
export * from './space/convert-buffer';

// Statistics
export * from './stats/percentile';
export * from './stats/channel-stats';
export * from './stats/histogram';
export * from './stats/luminance-stats';
export * from './stats/colorfulness';
export * from './stats/palette';
export * from './stats/analyze-image';
export * from './wb/illuminant-estimate';

// LUTs
export * from './lut/lut3d';
export * from './lut/color-transform';
export * from './lut/lut-sample';
export * from './lut/lut-bake';
export * from './lut/lut-apply';
export * from './lut/lut-compose';
export * from './lut/cube-format';
export * from './lut/hald-clut';
export * from './lut/fuse-steps';

// Metrics
export * from './metrics/sliced-wasserstein';
export * from './metrics/histogram-distance';
export * from './metrics/structure';
export * from './metrics/color-gap';

// Colour matching
export * from './match/match-params';
export * from './match/fit-image';
export * from './match/lab-gamut';
export * from './match/tone-fit';
export * from './match/mkl';
export * from './match/mkl2';
export * from './match/transfer-curve';
export * from './match/oklab-gamut';
export * from './match/match-direct';
export * from './match/match-natural';
export * from './match/match-smooth';
export * from './match/chroma-idt';
export * from './match/match-balanced';
export * from './match/match-modifiers';
export * from './match/skin-model';
export * from './match/match-colors';

// White balance
export * from './wb/white-balance';

// Grading values and presets (see grade/README.md)
export * from './grade';

// Film effects and looks (see effects/README.md)
export * from './effects';

// Multi-reference match, LUT from examples
export * from './match/match-multi';
export * from './image/resize-area';
export * from './lut/lut-from-examples';

// Video: frame statistics, shots, LUT schedules, flicker
export * from './video';

// Reference ranking (the colourist's library: which reference suits a shot)
export * from './similarity/reference-profile';
export * from './similarity/reference-ranking';

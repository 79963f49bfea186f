// Video maths: per-frame statistics, shot detection, per-shot LUT schedules, flicker (see README.md's "Video").
export * from './frame-stats';
export * from './shot-detect';
export * from './lut-schedule';
export * from './flicker';

/**
 * @gradekit/grading-assistant — the built-in grading assistant behind /ai/suggest and
 * /ai/refine: colourists' words (and the image's statistics) → ColorGradeValues.
 * Pure TypeScript over @gradekit/color; no I/O (the worker carries the optional remote
 * model's bytes). See README.md for the vocabulary.
 */
export * from './assistant.model';
export * from './vocabulary.model';
export * from './vocabulary.table';
export * from './prompt-words.table';
export * from './prompt-parser';
export * from './interpret-prompt';
export * from './grade-values.ops';
export * from './stats-corrections';
export * from './remote-assistant.protocol';

/**
 * The prompt's function words (modifiers, negators, clause breaks, preset triggers,
 * stopwords): how prompt-parser.ts reads the phrases of VOCABULARY (vocabulary.table.ts).
 */

/** Intensifiers: multiply the scale of the next term. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  slightly: 0.5,
  'a bit': 0.5,
  'a bit of': 0.5,
  'a little': 0.5,
  'a little bit': 0.5,
  'just a bit': 0.5,
  'a touch': 0.5,
  'a touch of': 0.5,
  'a tad': 0.5,
  'a hint of': 0.5,
  somewhat: 0.5,
  subtle: 0.5,
  subtly: 0.5,
  gently: 0.5,
  gentle: 0.5,
  mildly: 0.5,
  mild: 0.5,
  'kind of': 0.5,
  'sort of': 0.5,
  marginally: 0.5,
  faintly: 0.5,
  barely: 0.5,
  much: 1.5,
  very: 1.5,
  'a lot': 1.5,
  'a lot of': 1.5,
  'lots of': 1.5,
  way: 1.5,
  really: 1.5,
  strongly: 1.5,
  stronger: 1.5,
  heavily: 1.5,
  super: 1.5,
  extremely: 1.5,
  significantly: 1.5,
  considerably: 1.5,
  seriously: 1.5,
  massively: 1.5,
  far: 1.5,
  more: 1,
  increase: 1,
  boost: 1,
  add: 1,
};

/** Negators: flip the sign of the next term ("less warm" = cooler). */
export const NEGATORS: readonly string[] = [
  'less', 'reduce', 'decrease', 'lower', 'fewer', 'not so', 'not as', 'not too', 'too', 'too much', 'not', 'no', 'dont', 'do not',
  'without', 'remove', 'get rid of', 'kill', 'cut', 'tone down', 'minus', 'avoid', 'drop', 'lose', 'weaker', 'subtler',
];

/** Correctors: reverse only a term that names a problem ("fix the green cast" = toward magenta). */
export const CORRECTORS: readonly string[] = ['fix', 'correct', 'neutralize', 'counter', 'compensate', 'compensate for'];

/**
 * Conversation controls (/ai/refine only, when the prompt names nothing else):
 *   repeat  — the last user instruction again, scaled by the modifiers ("a bit more" ×0.5)
 *   weaker  — the last user instruction backwards at half strength ("tone it down")
 *   undo    — replay the conversation's user prompts without the last one, from neutral
 *   reset   — back to neutral values
 * A prompt of modifiers alone ("a bit more", "much less") is a repeat with their scale.
 */
export const CONTROLS = {
  repeat: ['more of that', 'again', 'further', 'even more', 'keep going', 'push further', 'push it', 'go further', 'same again', 'do again', 'intensify', 'amplify', 'more please', 'double down'],
  weaker: ['less of that', 'dial back', 'dial down', 'back off', 'too strong', 'overdone', 'too much of that', 'not so much', 'weaker please', 'subtler please'],
  undo: ['undo', 'undo that', 'go back', 'revert', 'take back', 'step back', 'previous version', 'scratch that', 'never mind', 'nevermind', 'cancel that', 'undo last'],
  reset: ['reset', 'start over', 'start again', 'from scratch', 'remove grade', 'no grade', 'back to original', 'original colors'],
} as const;

/** Words that introduce a preset: "like kodachrome", "in the style of noir". */
export const PRESET_TRIGGERS: readonly string[] = ['like', 'as', 'style', 'style of', 'in style of', 'preset', 'similar to', 'inspired by', 'emulate'];

/** Words that end a clause (modifiers do not reach across them). */
export const CONJUNCTIONS: readonly string[] = ['and', 'but', 'with', 'then', 'plus', 'also', 'while', 'yet', 'though', 'although'];

/** Extra names for presets, beside their identifier and display name. */
export const PRESET_ALIASES: Readonly<Record<string, string>> = {
  portra: 'portra_400',
  'portra 400': 'portra_400',
  velvia: 'velvia_vivid',
  'film noir': 'noir',
  'cross processed': 'cross_process',
  neon: 'cyberpunk',
  sunset: 'golden_hour',
};

/**
 * Words that carry no instruction (never reported as unrecognised). Only used to
 * decide what to list under `unrecognised`.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the it its it is this that these those my your our their me i id im we us you please can could would should will want need needs ' +
    'make makes making made look looks looking feel feels give gives get got have has do does be is are was were am so just only also ' +
    'image photo picture pic shot frame scene overall whole everything all tone tones color colors grade grading graded effect vibe ' +
    'some to of in on for at by from into toward towards over under out up down bit lot touch little enough one thing things ' +
    'apply use set turn keep bring push pull lets let now okay ok yes thanks thank great good nice very quite rather pretty ' +
    'area areas part parts overall bit style look'
  ).split(' '),
);

/** Inside a phrase these may stand between its words ("crush the blacks"). */
export const FILLERS: ReadonlySet<string> = new Set(['the', 'my', 'it', 'its', 'this', 'that', 'your', 'our', 'those', 'these', 'a']);

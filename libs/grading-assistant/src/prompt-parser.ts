import { listPresets } from '@gradekit/color';
import { CONJUNCTIONS, CONTROLS, CORRECTORS, FILLERS, INTENSIFIERS, NEGATORS, PRESET_ALIASES, PRESET_TRIGGERS, STOPWORDS } from './prompt-words.table';
import type { VocabularyEntry } from './vocabulary.model';
import { VOCABULARY } from './vocabulary.table';

/** A vocabulary entry found in the prompt, with the scale its modifiers give it. */
export interface VocabularyTerm {
  kind: 'vocabulary';
  entry: VocabularyEntry;
  /** Signed: 1 as written, 0.5 "a bit", 1.5 "much", negative for "less …" or an opposite phrase. */
  scale: number;
  /** The prompt's words for it, modifiers included ("a bit warmer"). */
  text: string;
}

/** A built-in preset named in the prompt ("like kodachrome"). */
export interface PresetTerm {
  kind: 'preset';
  preset: string;
  scale: number;
  text: string;
}

export type PromptTerm = VocabularyTerm | PresetTerm;

export interface PromptControl {
  undo: boolean;
  reset: boolean;
  /** Set when the prompt names no term but asks for more/less of the last one: the signed scale ("a bit more" 0.5, "less" −0.5). */
  repeat: number | null;
}

export interface ParsedPrompt {
  terms: PromptTerm[];
  control: PromptControl;
  /** Runs of words that meant nothing (stopwords excluded), as normalised. */
  unrecognised: string[];
}

const BOUNDARY = '|';
/** Scales beyond ×2.5 ("very very much") add nothing useful; the values are clamped anyway. */
const MAX_SCALE = 2.5;

type Candidate =
  | { kind: 'vocabulary'; tokens: string[]; entry: VocabularyEntry; sign: 1 | -1 }
  | { kind: 'preset'; tokens: string[]; preset: string }
  | { kind: 'intensifier'; tokens: string[]; factor: number }
  | { kind: 'negator'; tokens: string[] }
  | { kind: 'corrector'; tokens: string[] }
  | { kind: 'control'; tokens: string[]; control: keyof typeof CONTROLS }
  | { kind: 'trigger'; tokens: string[] }
  | { kind: 'conjunction'; tokens: string[] };

/** Lower case, British spellings folded, "&" as "and", punctuation as clause boundaries. */
export function normalisePrompt(prompt: string): string[] {
  const text = prompt
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' and ')
    .replace(/[-–—/_]/g, ' ')
    .replace(/[,.;:!?()[\]{}"“”]/g, ` ${BOUNDARY} `);
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map(foldSpelling);
}

function foldSpelling(word: string): string {
  if (word === BOUNDARY) return word;
  return word
    .replace(/colour/g, 'color')
    .replace(/^grey/, 'gray')
    .replace(/^analogue$/, 'analog')
    .replace(/^sombre$/, 'somber')
    .replace(/^(neutral|desatur|satur|normal|emphas)is(e|ed|ing)$/, '$1iz$2');
}

const phraseTokens = (phrase: string): string[] => normalisePrompt(phrase).filter((t) => t !== BOUNDARY);

/** Every phrase the parser knows, by first word, longest first. Built once. */
const INDEX: ReadonlyMap<string, readonly Candidate[]> = (() => {
  const all: Candidate[] = [];
  for (const entry of VOCABULARY) {
    for (const phrase of entry.phrases) all.push({ kind: 'vocabulary', tokens: phraseTokens(phrase), entry, sign: 1 });
    for (const phrase of entry.opposites ?? []) all.push({ kind: 'vocabulary', tokens: phraseTokens(phrase), entry, sign: -1 });
  }
  for (const preset of listPresets()) {
    for (const name of [preset.name, preset.displayName]) all.push({ kind: 'preset', tokens: phraseTokens(name), preset: preset.name });
  }
  for (const [alias, preset] of Object.entries(PRESET_ALIASES)) all.push({ kind: 'preset', tokens: phraseTokens(alias), preset });
  for (const [phrase, factor] of Object.entries(INTENSIFIERS)) all.push({ kind: 'intensifier', tokens: phraseTokens(phrase), factor });
  for (const phrase of NEGATORS) all.push({ kind: 'negator', tokens: phraseTokens(phrase) });
  for (const phrase of CORRECTORS) all.push({ kind: 'corrector', tokens: phraseTokens(phrase) });
  for (const control of Object.keys(CONTROLS) as (keyof typeof CONTROLS)[]) {
    for (const phrase of CONTROLS[control]) all.push({ kind: 'control', tokens: phraseTokens(phrase), control });
  }
  for (const phrase of PRESET_TRIGGERS) all.push({ kind: 'trigger', tokens: phraseTokens(phrase) });
  for (const phrase of CONJUNCTIONS) all.push({ kind: 'conjunction', tokens: phraseTokens(phrase) });
  const index = new Map<string, Candidate[]>();
  for (const candidate of all) {
    const list = index.get(candidate.tokens[0]) ?? [];
    list.push(candidate);
    index.set(candidate.tokens[0], list);
  }
  return index;
})();

/** Tie-break between equally long matches: the vocabulary wins, a preset wins right after "like". */
function priority(candidate: Candidate, afterTrigger: boolean): number {
  switch (candidate.kind) {
    case 'vocabulary':
      return afterTrigger ? 1 : 0;
    case 'preset':
      return afterTrigger ? 0 : 1;
    case 'control':
      return 2;
    case 'intensifier':
    case 'negator':
    case 'corrector':
      return 3;
    case 'trigger':
      return 4;
    default:
      return 5;
  }
}

/** End index of `candidate` matched at `start`, or -1. Fillers may stand between a phrase's words. */
function matchAt(tokens: readonly string[], start: number, candidate: Candidate): number {
  let j = start;
  for (let p = 0; p < candidate.tokens.length; p++) {
    const want = candidate.tokens[p];
    if (p > 0) while (j < tokens.length && tokens[j] !== want && FILLERS.has(tokens[j])) j++;
    if (tokens[j] !== want) return -1;
    j++;
  }
  return j;
}

function longestMatch(tokens: readonly string[], start: number, afterTrigger: boolean): { candidate: Candidate; end: number } | null {
  let best: { candidate: Candidate; end: number; words: number } | null = null;
  for (const candidate of INDEX.get(tokens[start]) ?? []) {
    const end = matchAt(tokens, start, candidate);
    if (end < 0) continue;
    const words = candidate.tokens.length;
    if (!best || words > best.words || (words === best.words && priority(candidate, afterTrigger) < priority(best.candidate, afterTrigger))) {
      best = { candidate, end, words };
    }
  }
  return best;
}

type Modifier = { kind: 'intensifier'; factor: number; text: string } | { kind: 'negator' | 'corrector'; text: string };

function scaleOf(modifiers: readonly Modifier[], problem: boolean): number {
  let scale = 1;
  for (const m of modifiers) {
    if (m.kind === 'intensifier') scale *= m.factor;
    else if (m.kind === 'negator' || problem) scale = -scale;
  }
  return Math.sign(scale) * Math.min(MAX_SCALE, Math.abs(scale));
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Reads a prompt into the terms of the vocabulary (with their scales), the
 * conversation controls and the words it did not understand. Pure and deterministic;
 * knows nothing of the image. Modifiers bind to the next term of their clause; ones
 * left at a clause's end bind to the term before them ("warmer, but only slightly").
 */
export function parsePrompt(prompt: string): ParsedPrompt {
  const tokens = normalisePrompt(prompt);
  const terms: PromptTerm[] = [];
  const unrecognised: string[] = [];
  const orphans: Modifier[] = [];
  const control: PromptControl = { undo: false, reset: false, repeat: null };
  let repeatControl: 'repeat' | 'weaker' | null = null;
  let pending: Modifier[] = [];
  let afterTrigger = false;
  let unknownRun: string[] = [];

  const endUnknownRun = () => {
    if (unknownRun.length) unrecognised.push(unknownRun.join(' '));
    unknownRun = [];
  };
  const flush = () => {
    if (pending.length) {
      const last = terms[terms.length - 1];
      if (last) {
        // Trailing modifiers soften or strengthen the term before them; a trailing
        // negation ("warmer, but not too much") reads as "less of it", i.e. half.
        const factor = pending.reduce((f, m) => (m.kind === 'intensifier' ? f * m.factor : m.kind === 'negator' ? f * 0.5 : f), 1);
        last.scale = round3(Math.sign(last.scale) * Math.min(MAX_SCALE, Math.abs(last.scale * factor)));
        last.text = `${last.text} ${pending.map((m) => m.text).join(' ')}`;
      } else orphans.push(...pending);
    }
    pending = [];
    afterTrigger = false;
  };

  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    if (token === BOUNDARY) {
      endUnknownRun();
      flush();
      i++;
      continue;
    }
    const match = longestMatch(tokens, i, afterTrigger);
    if (!match) {
      if (STOPWORDS.has(token)) endUnknownRun();
      else unknownRun.push(token);
      i++;
      continue;
    }
    endUnknownRun();
    const { candidate, end } = match;
    const text = tokens.slice(i, end).join(' ');
    i = end;
    switch (candidate.kind) {
      case 'vocabulary': {
        const scale = round3(candidate.sign * scaleOf(pending, candidate.entry.problem === true));
        const words = [...pending.map((m) => m.text), text].join(' ');
        const same = terms.find((t): t is VocabularyTerm => t.kind === 'vocabulary' && t.entry.id === candidate.entry.id);
        if (same) {
          // Synonyms in one prompt ("vintage, retro") are one instruction, not two: the
          // stronger one counts; opposite directions ("warmer … cooler") add up.
          same.scale = Math.sign(same.scale) === Math.sign(scale) ? (Math.abs(scale) > Math.abs(same.scale) ? scale : same.scale) : round3(same.scale + scale);
          same.text = `${same.text}, ${words}`;
        } else terms.push({ kind: 'vocabulary', entry: candidate.entry, scale, text: words });
        pending = [];
        afterTrigger = false;
        break;
      }
      case 'preset':
        terms.push({ kind: 'preset', preset: candidate.preset, scale: round3(scaleOf(pending, false)), text: [...pending.map((m) => m.text), text].join(' ') });
        pending = [];
        afterTrigger = false;
        break;
      case 'intensifier':
        pending.push({ kind: 'intensifier', factor: candidate.factor, text });
        break;
      case 'negator':
      case 'corrector':
        pending.push({ kind: candidate.kind, text });
        break;
      case 'control':
        if (candidate.control === 'undo') control.undo = true;
        else if (candidate.control === 'reset') control.reset = true;
        else repeatControl = candidate.control;
        break;
      case 'trigger':
        afterTrigger = true;
        break;
      case 'conjunction':
        flush();
        break;
    }
  }
  endUnknownRun();
  flush();

  if (terms.length === 0 && !control.undo && !control.reset && (repeatControl !== null || orphans.length > 0)) {
    control.repeat = repeatScale(orphans, repeatControl === 'weaker');
  }
  return { terms, control, unrecognised };
}

/**
 * The scale of a bare "more"/"less": the modifiers' product when one was given
 * ("a bit more" 0.5, "much less" −1.5), else 1 for more and −0.5 for less (half of the
 * last step back; "undo" is the whole step).
 */
function repeatScale(modifiers: readonly Modifier[], weaker: boolean): number {
  let negative = weaker;
  let factor = 1;
  let explicit = false;
  for (const m of modifiers) {
    if (m.kind === 'negator') negative = !negative;
    else if (m.kind === 'intensifier' && m.factor !== 1) {
      factor *= m.factor;
      explicit = true;
    }
  }
  const magnitude = Math.min(MAX_SCALE, explicit ? factor : negative ? 0.5 : 1);
  return round3(negative ? -magnitude : magnitude);
}

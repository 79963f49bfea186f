import { cloneGradeValues, getPreset, neutralGradeValues, validateGradeValues, type ColorGradeValues } from '@gradekit/color';
import { MAX_REPLY_CHARS, type AssistantContext, type ChatMessage, type GradeChange, type ImageStats, type Interpretation } from './assistant.model';
import { applyDelta } from './grade-delta.apply';
import { describeDiffs, diffGradeValues, normaliseGradeValues, scaleGradeValues } from './grade-values.ops';
import { parsePrompt, type ParsedPrompt, type PromptTerm } from './prompt-parser';

/** A collector of changes, or null while replaying history (only the result matters there). */
type ChangeLog = GradeChange[] | null;

const scaleNote = (scale: number): string => (Math.abs(Math.abs(scale) - 1) < 1e-9 ? '' : ` (×${Math.abs(scale)})`);

function record(log: ChangeLog, term: string, label: string, before: ColorGradeValues, after: ColorGradeValues, note?: string): void {
  if (!log) return;
  const diffs = diffGradeValues(before, after);
  const what = diffs.length ? describeDiffs(diffs) : (note ?? 'nothing changed (already at its limit)');
  log.push({ term, effect: `${label}: ${what}.`, fields: diffs.map((d) => d.field) });
}

/**
 * Applies terms to `start`: a named preset first (it is the starting point — the last
 * one named wins, at the scale of its modifiers, at most 100 %), then every vocabulary
 * term in the order written. Values are normalised after each term so every change
 * reports what really moved.
 */
function applyTerms(start: ColorGradeValues, terms: readonly PromptTerm[], stats: ImageStats | undefined, log: ChangeLog, via = ''): ColorGradeValues {
  let values = start;
  const presets = terms.filter((t) => t.kind === 'preset');
  const preset = presets[presets.length - 1];
  if (preset) {
    const definition = getPreset(preset.preset)!;
    if (preset.scale > 0) {
      const t = Math.min(1, preset.scale);
      const next = normaliseGradeValues(scaleGradeValues(definition.values, t));
      record(log, via + preset.text, `Started from the ${definition.name} preset (${definition.displayName}) at ${Math.round(t * 100)}%`, values, next);
      values = next;
    } else record(log, via + preset.text, `Preset ${definition.name} not applied`, values, values, 'a preset can only be a starting point, not taken away');
  }
  for (const term of terms) {
    if (term.kind !== 'vocabulary') continue;
    const draft = cloneGradeValues(values);
    const note = term.entry.apply ? term.entry.apply(draft, term.scale, stats) : (applyDelta(draft, term.entry.delta ?? {}, term.scale), undefined);
    const next = normaliseGradeValues(draft);
    record(log, via + term.text, term.entry.label[term.scale >= 0 ? 0 : 1] + scaleNote(term.scale), values, next, note || undefined);
    values = next;
  }
  return values;
}

const userPrompts = (history: readonly ChatMessage[] | undefined): string[] => (history ?? []).filter((m) => m.role === 'user').map((m) => m.content);

/**
 * The user prompts still in effect: each "undo" removes the latest one (an undo that
 * also names terms — "undo that and make it cooler" — then counts as a new one).
 * Prompts that change nothing (not understood) are left out.
 */
export function effectivePrompts(prompts: readonly string[]): string[] {
  const stack: string[] = [];
  for (const prompt of prompts) {
    const parsed = parsePrompt(prompt);
    if (parsed.control.undo) stack.pop();
    if (parsed.terms.length > 0 || parsed.control.reset || parsed.control.repeat !== null) stack.push(prompt);
  }
  return stack;
}

/** The latest prompt in `stack` that names terms ("a bit more" repeats it); none past a reset. */
function lastInstruction(stack: readonly string[]): { prompt: string; parsed: ParsedPrompt } | null {
  for (let i = stack.length - 1; i >= 0; i--) {
    const parsed = parsePrompt(stack[i]);
    if (parsed.terms.length > 0) return { prompt: stack[i], parsed };
    if (parsed.control.reset) return null;
  }
  return null;
}

/** One instruction applied to `values`, its "more/less" resolved against the prompts before it. */
function applyInstruction(
  prompt: string,
  parsed: ParsedPrompt,
  values: ColorGradeValues,
  before: readonly string[],
  stats: ImageStats | undefined,
  log: ChangeLog,
): ColorGradeValues {
  let current = values;
  if (parsed.control.reset) {
    const neutral = neutralGradeValues();
    record(log, 'reset', 'Back to neutral values', current, neutral, 'nothing changed');
    current = neutral;
  }
  if (parsed.terms.length > 0) return applyTerms(current, parsed.terms, stats, log);
  if (parsed.control.repeat === null) return current;
  const instruction = lastInstruction(before);
  const words = prompt.trim().toLowerCase();
  if (!instruction) {
    log?.push({ term: words, effect: 'Nothing to repeat: no earlier instruction in the conversation.', fields: [] });
    return current;
  }
  const scale = parsed.control.repeat;
  const repeated = instruction.parsed.terms
    .filter((t) => t.kind === 'vocabulary')
    .map((t) => ({ ...t, scale: Math.round(t.scale * scale * 1000) / 1000 }));
  if (repeated.length === 0) {
    log?.push({ term: words, effect: `Nothing to repeat: "${instruction.prompt}" named a preset, which is a starting point.`, fields: [] });
    return current;
  }
  return applyTerms(current, repeated, stats, log, `${words} → `);
}

/** Values after replaying `prompts` (already undo-resolved) from neutral. */
function replay(prompts: readonly string[], stats: ImageStats | undefined): ColorGradeValues {
  let values = neutralGradeValues();
  prompts.forEach((prompt, i) => {
    values = applyInstruction(prompt, parsePrompt(prompt), values, prompts.slice(0, i), stats, null);
  });
  return values;
}

function replyOf(changes: readonly GradeChange[], unrecognised: readonly string[]): string {
  const parts = changes.length ? changes.map((c) => c.effect) : ['Nothing changed.'];
  if (unrecognised.length) parts.push(`I did not understand: ${unrecognised.map((u) => `"${u}"`).join(', ')}.`);
  const reply = parts.join(' ');
  return reply.length <= MAX_REPLY_CHARS ? reply : `${reply.slice(0, MAX_REPLY_CHARS - 1)}…`;
}

/**
 * The built-in grading assistant: a prompt (and, for a refinement, the current values
 * and the conversation) → ColorGradeValues, what changed and why, and what was not
 * understood. Deterministic: the same prompt, context and statistics give the same
 * values, always inside their ranges.
 *
 * - Terms add to `context.current` (neutral when absent) — see vocabulary.table.ts.
 * - "a bit more", "more of that", "stronger", "less" with no subject repeat the latest
 *   user instruction of `context.history` (undo-resolved), scaled.
 * - "undo"/"go back" replays the history's user prompts without the last one, from
 *   neutral (so it ignores `current`); "reset" starts from neutral.
 */
export function interpretPrompt(prompt: string, context: AssistantContext = {}): Interpretation {
  const parsed = parsePrompt(prompt);
  const history = effectivePrompts(userPrompts(context.history));
  const start = normaliseGradeValues(context.current ?? neutralGradeValues());
  const changes: GradeChange[] = [];
  let values = start;
  if (parsed.control.undo) {
    const remaining = history.slice(0, -1);
    const undone = normaliseGradeValues(replay(remaining, context.stats));
    const label = `Went back one step (replayed ${remaining.length} earlier instruction${remaining.length === 1 ? '' : 's'} from neutral)`;
    record(changes, 'undo', label, values, undone, 'nothing changed');
    values = undone;
    values = applyInstruction(prompt, parsed, values, remaining, context.stats, changes);
  } else {
    values = applyInstruction(prompt, parsed, values, history, context.stats, changes);
  }
  const checked = validateGradeValues(values);
  if (!checked.ok) throw new Error(`grading assistant produced invalid values: ${JSON.stringify(checked.problems)}`);
  return { values: checked.value, changes, unrecognised: parsed.unrecognised, reply: replyOf(changes, parsed.unrecognised) };
}

/** Prompts that show what the assistant understands (the 422 answer lists them). */
export const PROMPT_EXAMPLES: readonly string[] = [
  'warmer',
  'a bit cooler',
  'teal and orange',
  'crush the blacks',
  'lift the blacks',
  'film look',
  'moody',
  'cinematic',
  'punchy',
  'muted',
  'less saturated skin',
  'brighter',
  'more contrast',
  'recover highlights',
  'open up the shadows',
  'black and white',
  'vintage',
  'fix the green tint',
  'like kodachrome',
  'auto',
  'fix exposure',
  'neutral white balance',
];

/** What refine also understands. */
export const REFINE_EXAMPLES: readonly string[] = ['a bit more', 'much less', 'undo', 'reset'];

export type PromptAssessment = { ok: true } | { ok: false; reason: string; unrecognised: string[] };

/**
 * Whether a prompt gives the assistant anything to do, from the words alone (no image
 * needed, so the api checks it before charging): a term or a named preset; for a
 * refinement also undo, reset, or "more/less" with an earlier instruction to repeat.
 */
export function assessPrompt(prompt: string, options: { mode: 'suggest' | 'refine'; history?: readonly ChatMessage[] }): PromptAssessment {
  const parsed = parsePrompt(prompt);
  if (parsed.terms.length > 0) return { ok: true };
  const { control } = parsed;
  if (options.mode === 'refine') {
    if (control.undo || control.reset) return { ok: true };
    if (control.repeat !== null) {
      if (lastInstruction(effectivePrompts(userPrompts(options.history)))) return { ok: true };
      return { ok: false, reason: 'There is nothing to repeat: no earlier user instruction in `messages` names an adjustment', unrecognised: parsed.unrecognised };
    }
  } else if (control.undo || control.reset || control.repeat !== null) {
    return { ok: false, reason: '"more", "less", "undo" and "reset" refer to an earlier step: use /api/v1/ai/refine with the conversation', unrecognised: parsed.unrecognised };
  }
  return { ok: false, reason: 'The prompt names no colour adjustment the assistant understands', unrecognised: parsed.unrecognised };
}

import type { ImageResult } from '../../operations/image-result';

/** One thing the grading assistant did: which words, what it did, which controls moved. */
export interface AiGradeChange {
  /** The prompt's words, modifiers included ("a bit warmer"); "a bit more → warmer" for a repeat. */
  term: string;
  /** A sentence with the controls' before → after values. */
  effect: string;
  /** Dotted snake_case paths into `values` of the controls it moved. */
  fields: string[];
}

export type AiMessage = {
  role: 'user' | 'assistant';
  content: string;
};

/**
 * The result of ai_suggest and ai_refine: the graded image plus the values that made
 * it (send them back as `current_values`), what changed, which engine answered and the
 * conversation with the assistant's reply appended (send it back as `messages`).
 */
export interface AiGradeResult extends ImageResult {
  /** The complete ColorGradeValues applied, snake_case (`tone_curve`, `split_toning.shadow_hue`, …). */
  values: Record<string, unknown>;
  changes: AiGradeChange[];
  /** Words of the prompt the built-in assistant did not understand (empty when the remote model answered). */
  unrecognised: string[];
  /** `remote` when the configured OpenAI-compatible model answered, `local` for the built-in assistant (also its fallback). */
  engine: 'local' | 'remote';
  /** Why the configured remote model was not used, when it failed (the built-in assistant answered). */
  remote_error?: string;
  /** The assistant's reply in words (≤ 2000 characters). */
  reply: string;
  /** The conversation including this turn (the prompt and the reply); at most 50 entries, oldest dropped first. */
  messages: AiMessage[];
  prompt: string;
}

import type { SnakeGradeValues } from '../../casing/grade-values.casing';
import type { AiMessage } from './ai-grade-result.dto';

/** `ai_suggest`: the prompt (already checked to hold something the assistant understands). */
export type AiSuggestTaskParams = { prompt: string };

/** `ai_refine`: the follow-up, the values it is relative to (validated, snake_case) and the conversation so far. */
export type AiRefineTaskParams = { prompt: string; current_values: SnakeGradeValues; messages: AiMessage[] };

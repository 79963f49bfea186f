import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import type { AiGradeResult } from './ai-grade-result.dto';
import { AiRefineRequestDto } from './ai-refine-request.dto';
import { AiSuggestRequestDto } from './ai-suggest-request.dto';
import type { AiRefineTaskParams, AiSuggestTaskParams } from './ai.params';

/** The grading assistant: colourists' words → ColorGradeValues → one LUT. */
export const AI_OPERATIONS = {
  ai_suggest: {
    name: 'ai_suggest',
    summary: "A grading assistant: a prompt in colourists' words (and the image's statistics) → ColorGradeValues, applied to the image as one LUT.",
    credits: 2,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: AiSuggestRequestDto,
    params: typeOf<AiSuggestTaskParams>(),
    result: typeOf<AiGradeResult>(),
    inputs: [input('image')],
  },
  ai_refine: {
    name: 'ai_refine',
    summary: 'A follow-up instruction to the grading assistant, relative to the current values and the conversation; the original image is regraded from scratch.',
    credits: 2,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: AiRefineRequestDto,
    params: typeOf<AiRefineTaskParams>(),
    result: typeOf<AiGradeResult>(),
    inputs: [input('original', { inline: 'original_image', key: 'original_image_key' }), input('last_result', { inline: 'last_result_image', key: 'last_result_image_key' })],
  },
} as const satisfies OperationEntries;

import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { AnalyzeRequestDto } from './analyze-request.dto';
import type { AnalyzeResult } from './analyze-result';

/** Reading an image without changing it. */
export const ANALYZE_OPERATIONS = {
  analyze: {
    name: 'analyze',
    summary: 'Colour statistics of an image: channel means, spread and percentiles, histograms, luminance, palette, white point.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'data',
    request: AnalyzeRequestDto,
    params: typeOf<Record<string, never>>(),
    result: typeOf<AnalyzeResult>(),
    inputs: [input('image')],
  },
} as const satisfies OperationEntries;

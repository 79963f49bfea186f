import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { AnalyzeRequestDto } from './analyze-request.dto';
import type { AnalyzeResult } from './analyze-result';
import { ImageInfoRequestDto, type ImageInfoResult, type ImageInfoTaskParams } from './image-info';

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
  image_info: {
    name: 'image_info',
    summary: "An image's format, displayed size, megapixels, aspect ratio, alpha and file size, read from its header (nothing is decoded).",
    credits: 0,
    minPlan: 'free',
    queue: 'image',
    output: 'data',
    request: ImageInfoRequestDto,
    params: typeOf<ImageInfoTaskParams>(),
    result: typeOf<ImageInfoResult>(),
    inputs: [input('image')],
  },
} as const satisfies OperationEntries;

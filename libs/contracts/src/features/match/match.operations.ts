import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import type { MatchBatchResult, MatchImageResult } from '../../operations/image-result';
import { MatchBatchRequestDto } from './match-batch-request.dto';
import { MatchMultiRequestDto } from './match-multi-request.dto';
import { MatchRequestDto } from './match-request.dto';
import type { MatchBatchTaskParams, MatchMultiTaskParams, MatchTaskParams } from './match.params';
import type { MultiMatchImageResult } from './match.results';

/** Colour matching: one target to one reference, many targets to one, one target to several. */
export const MATCH_OPERATIONS = {
  match: {
    name: 'match',
    summary: 'Colour-match a target image to a reference (natural, direct, smooth or balanced), baked into a 3D LUT and applied to the full image.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: MatchRequestDto,
    params: typeOf<MatchTaskParams>(),
    result: typeOf<MatchImageResult>(),
    inputs: [input('reference'), input('target')],
  },
  match_batch: {
    name: 'match_batch',
    summary: 'Colour-match many targets to one reference in one job; 1 credit per target, a failed target is refunded.',
    credits: 1,
    unit: 'target',
    minPlan: 'free',
    queue: 'image',
    output: 'images',
    request: MatchBatchRequestDto,
    params: typeOf<MatchBatchTaskParams>(),
    result: typeOf<MatchBatchResult>(),
    inputs: [input('reference'), input('target', { inline: 'targets', key: 'target_keys', list: true })],
  },
  match_multi: {
    name: 'match_multi',
    summary: 'Colour-match a target to 2–4 references, pooled, weighted, by tonal range or as a spatial gradient.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: MatchMultiRequestDto,
    params: typeOf<MatchMultiTaskParams>(),
    result: typeOf<MultiMatchImageResult>(),
    inputs: [input('target'), input('reference', { inline: 'references', key: 'reference_keys', list: true })],
  },
} as const satisfies OperationEntries;

import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import type { BgRemoveImageResult } from './background-result';
import type { BgRemoveTaskParams } from './background.params';
import { BgRemoveRequestDto } from './bg-remove-request.dto';

/** Background removal with a segmentation model of the manifest (ISNet built in). */
export const BACKGROUND_OPERATIONS = {
  bg_remove_apply: {
    name: 'bg_remove_apply',
    summary: 'Background removal with a segmentation model (ISNet built in): a cutout with alpha, the matte, or the subject over a colour or another image.',
    credits: 2,
    minPlan: 'free',
    queue: 'gpu',
    output: 'image',
    request: BgRemoveRequestDto,
    params: typeOf<BgRemoveTaskParams>(),
    result: typeOf<BgRemoveImageResult>(),
    // `background`: the composite's optional backdrop, a storage key only (`background_key`; the spec has no inline field for it).
    inputs: [input('image'), input('background', { inline: null })],
  },
} as const satisfies OperationEntries;

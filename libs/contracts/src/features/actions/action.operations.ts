import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { ApplyActionDto } from './action.dto';
import type { ActionApplyTaskParams, ActionImageResult } from './action.params';

/** Processing actions: a chain of steps run as one job. */
export const ACTION_OPERATIONS = {
  action_apply: {
    name: 'action_apply',
    summary: 'Run a processing action (saved or inline steps) as one job; consecutive colour steps fuse into one LUT pass.',
    credits: 2,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: ApplyActionDto,
    params: typeOf<ActionApplyTaskParams>(),
    result: typeOf<ActionImageResult>(),
    // A step's LUT file or match reference is stored as `lut:<step index>` / `reference:<step index>`.
    inputs: [input('image'), input('lut', { inline: null, key: 'lut_key', list: true }), input('reference', { inline: null, key: 'reference_key', list: true })],
  },
} as const satisfies OperationEntries;

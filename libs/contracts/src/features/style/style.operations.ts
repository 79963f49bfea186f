import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { StyleTransferRequestDto } from './style-transfer-request.dto';
import type { StyleTransferImageResult, StyleTransferTaskParams } from './style-transfer.types';

/** Style transfer: the content's structure with the style's colour, band contrast and grain. */
export const STYLE_OPERATIONS = {
  style_transfer_apply: {
    name: 'style_transfer_apply',
    summary: "Photographic style transfer: the style's colour distribution, multi-scale contrast and grain on the content's structure (or a manifest style model).",
    credits: 5,
    minPlan: 'free',
    queue: 'gpu',
    output: 'image',
    request: StyleTransferRequestDto,
    params: typeOf<StyleTransferTaskParams>(),
    result: typeOf<StyleTransferImageResult>(),
    inputs: [input('content'), input('style')],
  },
} as const satisfies OperationEntries;

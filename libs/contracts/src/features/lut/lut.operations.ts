import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import type { PresetLutResult } from '../grading/grading-result';
import { LutExportMatchRequestDto } from './lut-export-match-request.dto';
import { LutExportPresetRequestDto } from './lut-export-preset-request.dto';
import { LutApplyRequestDto, LutExportBeforeAfterRequestDto } from './lut-request.dto';
import type { LutApplyTaskParams, LutExportBeforeAfterTaskParams, LutExportMatchTaskParams, LutExportPresetTaskParams } from './lut.params';
import type { BeforeAfterLutResult, LutApplyImageResult, MatchLutResult } from './lut.results';

/** 3D LUTs: exported as .cube files (from a match, a preset or an example pair) and applied to images. */
export const LUT_OPERATIONS = {
  lut_export_match: {
    name: 'lut_export_match',
    summary: 'The 3D LUT of a colour match as a .cube file (the same LUT /match applies).',
    credits: 2,
    minPlan: 'pro',
    queue: 'image',
    output: 'lut',
    request: LutExportMatchRequestDto,
    params: typeOf<LutExportMatchTaskParams>(),
    result: typeOf<MatchLutResult>(),
    inputs: [input('reference'), input('target')],
  },
  lut_export_preset: {
    name: 'lut_export_preset',
    summary: 'A built-in colour preset as a .cube LUT file (the same LUT /presets/{name}/apply applies).',
    credits: 2,
    minPlan: 'pro',
    queue: 'image',
    output: 'lut',
    request: LutExportPresetRequestDto,
    params: typeOf<LutExportPresetTaskParams>(),
    result: typeOf<PresetLutResult>(),
    inputs: [],
  },
  lut_apply: {
    name: 'lut_apply',
    summary: 'Apply a LUT to an image: fitted from a before/after example pair, or an uploaded .cube.',
    credits: 1,
    minPlan: 'free',
    queue: 'image',
    output: 'image',
    request: LutApplyRequestDto,
    params: typeOf<LutApplyTaskParams>(),
    result: typeOf<LutApplyImageResult>(),
    inputs: [input('image'), input('before'), input('after'), input('lut', { inline: null })],
  },
  lut_export_before_after: {
    name: 'lut_export_before_after',
    summary: 'Fit the 3D LUT that turns an image into its edited version, as a .cube file.',
    credits: 2,
    minPlan: 'pro',
    queue: 'image',
    output: 'lut',
    request: LutExportBeforeAfterRequestDto,
    params: typeOf<LutExportBeforeAfterTaskParams>(),
    result: typeOf<BeforeAfterLutResult>(),
    inputs: [input('before'), input('after')],
  },
} as const satisfies OperationEntries;

import { input, typeOf, type OperationEntries } from '../../operations/operation-definition';
import { FacesDetectRequestDto } from './faces-detect-request.dto';
import type { FacesDetectResult, FacesDetectTaskParams } from './faces.result';

/** Face detection (a Gradekit extension: not in the ShotMatch spec). */
export const FACES_OPERATIONS = {
  faces_detect: {
    name: 'faces_detect',
    summary: 'Faces in an image (BlazeFace on ONNX Runtime): boxes, six landmarks and scores, in source pixels.',
    credits: 1,
    minPlan: 'free',
    queue: 'gpu',
    output: 'data',
    request: FacesDetectRequestDto,
    params: typeOf<FacesDetectTaskParams>(),
    result: typeOf<FacesDetectResult>(),
    inputs: [input('image')],
  },
} as const satisfies OperationEntries;

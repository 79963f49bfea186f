import { Injectable } from '@nestjs/common';
import { MAX_FACES_LIMIT, type DetectedFace } from '@gradekit/contracts';
import { ImageDecoder } from '../../media/image-decoder';
import { TaskHandler, type HandlerContext, type HandlerOutcome, type OperationHandler } from '../../operations/operation-handler';
import type { FaceDetection } from './blazeface.decoder';
import { FaceDetector } from './face-detector.service';

/**
 * Long side of the proxy detection runs on. The model sees the whole image letterboxed
 * into its input (256² for the built-in BlazeFace), so more pixels would only cost
 * decode time; 1024 keeps the resampling to the input a clean reduction.
 */
export const DETECTION_PROXY_SIDE = 1024;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A proxy's detection in the source's pixels: whole-pixel boxes inside the image, landmarks to 0.1 px. */
export function toSourceFace(face: FaceDetection, scaleX: number, scaleY: number, width: number, height: number): DetectedFace {
  const x0 = Math.max(0, Math.min(width, Math.round(face.box.x * scaleX)));
  const y0 = Math.max(0, Math.min(height, Math.round(face.box.y * scaleY)));
  const x1 = Math.max(x0, Math.min(width, Math.round((face.box.x + face.box.width) * scaleX)));
  const y1 = Math.max(y0, Math.min(height, Math.round((face.box.y + face.box.height) * scaleY)));
  return {
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    score: round(face.score, 4),
    landmarks: face.landmarks.map((l) => ({ name: l.name, x: round(l.x * scaleX, 1), y: round(l.y * scaleY, 1) })),
  };
}

/**
 * `faces_detect` (1 credit, queue gpu): the faces of one image, detected on a
 * ≤ 1024 px proxy by FaceDetector and reported in source pixels. No History entry
 * (no image is produced).
 */
@Injectable()
@TaskHandler()
export class FacesDetectHandler implements OperationHandler<'faces_detect'> {
  readonly op = 'faces_detect' as const;

  constructor(
    private readonly decoder: ImageDecoder,
    private readonly detector: FaceDetector,
  ) {}

  async run(ctx: HandlerContext<'faces_detect'>): Promise<HandlerOutcome<'faces_detect'>> {
    const bytes = await ctx.loadInput('image');
    const { source, proxy } = await this.decoder.decodeProxy(bytes, DETECTION_PROXY_SIDE);
    await ctx.reportProgress(30);
    const { min_score, max_faces } = ctx.task.params;
    const { faces, model } = await this.detector.detect(proxy, { minScore: min_score, maxFaces: max_faces ?? MAX_FACES_LIMIT, signal: ctx.signal });
    const sx = source.width / proxy.width;
    const sy = source.height / proxy.height;
    return {
      result: { faces: faces.map((f) => toSourceFace(f, sx, sy, source.width, source.height)), width: source.width, height: source.height, model },
      history: null,
    };
  }
}

